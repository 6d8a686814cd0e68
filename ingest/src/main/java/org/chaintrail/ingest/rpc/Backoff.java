package org.chaintrail.ingest.rpc;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: retry {@code n} waits a random time between half and all of
 * {@code min(cap, base * 2^n)}, so that many fetchers hitting a rate limit together do not come
 * back together. A node that says when to come back ({@code Retry-After}) is waited for at least
 * that long, up to the cap.
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
        pause(retry, Optional.empty());
    }

    /**
     * Sleeps before retry number {@code retry}, at least {@code retryAfter} (what the node asked
     * for, capped at {@link #cap}) if given.
     */
    public void pause(int retry, Optional<Duration> retryAfter) throws InterruptedException {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(retry - 1, 20));
        long millis = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        long asked = retryAfter.map(d -> Math.min(d.toMillis(), cap.toMillis())).orElse(0L);
        Thread.sleep(Math.max(millis, asked));
    }

    /**
     * An HTTP {@code Retry-After} value: delay-seconds or an HTTP date; empty when absent, not
     * understood or already past.
     */
    public static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Duration until = Duration.between(ZonedDateTime.now(),
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Optional.empty() : Optional.of(until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
