package org.chaintrail.ingest.rpc;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: retry {@code n} waits a random time between half and all of
 * {@code min(cap, base * 2^n)}, so that many fetchers hitting a rate limit together do not come
 * back together.
 *
 * @param base         the first ceiling
 * @param cap          the largest ceiling
 * @param attempts     how many attempts a transient failure gets in all
 * @param malformedMax how many attempts a malformed response gets
 */
public record Backoff(Duration base, Duration cap, int attempts, int malformedMax) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(15), 8, 3);

    public Backoff {
        if (attempts < 1 || malformedMax < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** Sleeps before retry number {@code retry} (1 for the first retry). */
    public void pause(int retry) throws InterruptedException {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(retry - 1, 20));
        long millis = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        Thread.sleep(millis);
    }
}
