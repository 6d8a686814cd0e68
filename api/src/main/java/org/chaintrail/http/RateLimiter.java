package org.chaintrail.http;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key name: a key may make {@code rate} requests per second, in bursts of up to
 * {@code rate} at once (a second's worth), and a refused request learns in how many seconds the
 * next token arrives. Buckets live in memory: each server process limits on its own.
 */
final class RateLimiter {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    RateLimiter() {
        this(System::nanoTime);
    }

    /** @param nanoTime the clock, {@link System#nanoTime()} but in tests */
    RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Takes a token for the key.
     *
     * @param name the key's name
     * @param rate its requests per second, at least 1
     * @return empty if the request may go ahead, else the seconds to wait (at least 1)
     */
    OptionalLong take(String name, int rate) {
        return buckets.computeIfAbsent(name, n -> new Bucket(rate, nanoTime.getAsLong())).take(rate, nanoTime.getAsLong());
    }

    private static final class Bucket {
        private static final long SECOND = 1_000_000_000L;
        private double tokens;
        private long at;

        Bucket(int rate, long now) {
            this.tokens = rate;
            this.at = now;
        }

        /** Tokens are a count, not money: a double's rounding at worst lets one request through early. */
        synchronized OptionalLong take(int rate, long now) {
            tokens = Math.min(rate, tokens + (double) (now - at) * rate / SECOND);
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return OptionalLong.empty();
            }
            double seconds = (1 - tokens) / rate;
            return OptionalLong.of(Math.max(1, (long) Math.ceil(seconds)));
        }
    }
}
