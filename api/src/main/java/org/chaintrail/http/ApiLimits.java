package org.chaintrail.http;

import java.time.Duration;
import java.util.Objects;
import org.chaintrail.analytics.tracing.TimeBudget;
import org.chaintrail.analytics.tracing.TraceRequest;
import org.chaintrail.query.QueryLimits;

/**
 * The limits of the API, set once at start ({@code serve}'s options) and frozen.
 *
 * @param maxBodyBytes the largest request body; a larger one is answered 413
 * @param query        the largest hop limit, seed list and screening call, and a trace's time budget
 * @param screeningRate requests per second a screening key may make, unless the key has its own rate
 * @param analystRate   the same for an analyst key
 * @param adminRate     the same for an admin key (the keyless demo has no limit)
 */
public record ApiLimits(long maxBodyBytes, QueryLimits query, int screeningRate, int analystRate, int adminRate) {
    public static final long DEFAULT_MAX_BODY_BYTES = 1_000_000;
    public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(30);
    /** An exchange screens deposits as they come: more calls, each a small question. */
    public static final int DEFAULT_SCREENING_RATE = 50;
    public static final int DEFAULT_ANALYST_RATE = 10;
    public static final int DEFAULT_ADMIN_RATE = 10;
    public static final ApiLimits DEFAULT = new ApiLimits(DEFAULT_MAX_BODY_BYTES,
            new QueryLimits(TraceRequest.MAX_HOPS, QueryLimits.MAX_SEEDS, QueryLimits.MAX_ADDRESSES,
                    TimeBudget.of(DEFAULT_TIME_BUDGET)),
            DEFAULT_SCREENING_RATE, DEFAULT_ANALYST_RATE, DEFAULT_ADMIN_RATE);

    public ApiLimits {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max body bytes must be at least 1, was " + maxBodyBytes);
        }
        Objects.requireNonNull(query, "query");
        for (int rate : new int[] {screeningRate, analystRate, adminRate}) {
            if (rate < 1) {
                throw new IllegalArgumentException("a rate limit is at least 1 request per second, was " + rate);
            }
        }
    }

    /** Requests per second for a key of this role that has no rate of its own. */
    int rate(Role role) {
        return switch (role) {
            case SCREENING -> screeningRate;
            case ANALYST -> analystRate;
            case ADMIN -> adminRate;
            case ANYONE -> throw new IllegalArgumentException("no key has role " + role.id());
        };
    }
}
