package org.chaintrail.analytics.tracing;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a tracer may spend discovering the trail. Tracers look at it between hops: once it is
 * spent they follow no further hop, replay what they found, and say in the result's summary where
 * they stopped ({@link TraceResult.TimeBudgetCut}). A budget of zero stops after the first hop.
 */
public final class TimeBudget {
    /** No limit: what the command line uses. */
    public static final TimeBudget UNLIMITED = new TimeBudget(Duration.ofSeconds(Long.MAX_VALUE));

    private final Duration limit;
    private final long nanos;

    private TimeBudget(Duration limit) {
        this.limit = limit;
        this.nanos = limit.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : limit.toNanos();
    }

    /**
     * @param limit how long discovery may run, zero or more
     * @throws IllegalArgumentException if it is negative
     */
    public static TimeBudget of(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("a time budget cannot be negative, was " + limit);
        }
        return new TimeBudget(limit);
    }

    public Duration limit() {
        return limit;
    }

    /** Whether the budget is spent, for work that began at {@code startedNanos} ({@link System#nanoTime()}). */
    boolean spent(long startedNanos) {
        return nanos != Long.MAX_VALUE && System.nanoTime() - startedNanos >= nanos;
    }

    @Override
    public String toString() {
        return this == UNLIMITED ? "unlimited" : limit.toString();
    }
}
