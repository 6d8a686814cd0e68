package org.chaintrail.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets on a clock the test moves. */
class RateLimiterTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(5_000 * MS);
    private final RateLimiter limiter = new RateLimiter(now::get);

    @Test
    void take_burstOfTheRate_thenRefusedUntilATokenArrives() {
        assertThat(limiter.take("k", 2)).isEmpty();
        assertThat(limiter.take("k", 2)).isEmpty();
        assertThat(limiter.take("k", 2)).isEqualTo(OptionalLong.of(1));

        now.addAndGet(499 * MS);
        assertThat(limiter.take("k", 2)).isEqualTo(OptionalLong.of(1));
        now.addAndGet(2 * MS);
        assertThat(limiter.take("k", 2)).isEmpty();
    }

    @Test
    void take_longIdle_burstCappedAtTheRate() {
        now.addAndGet(60_000 * MS);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("k", 3)).isEmpty();
        }
        assertThat(limiter.take("k", 3)).isPresent();
    }

    @Test
    void take_twoKeys_eachItsOwnBucket() {
        assertThat(limiter.take("a", 1)).isEmpty();
        assertThat(limiter.take("a", 1)).isPresent();
        assertThat(limiter.take("b", 1)).isEmpty();
    }
}
