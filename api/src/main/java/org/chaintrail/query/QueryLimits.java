package org.chaintrail.query;

import java.util.Objects;
import org.chaintrail.analytics.tracing.TimeBudget;
import org.chaintrail.analytics.tracing.TraceRequest;

/**
 * How large a question may be: the one place the queries read their limits from. The command line
 * uses {@link #COMMAND_LINE}; the API its own, set at {@code serve}.
 *
 * @param maxHops      the largest hop limit a trace or an exposure may ask for, 1..{@value TraceRequest#MAX_HOPS}
 * @param maxSeeds     the most seeds of one trace
 * @param maxAddresses the most addresses of one screening call
 * @param timeBudget   how long a trace may discover before it answers with what it found
 */
public record QueryLimits(int maxHops, int maxSeeds, int maxAddresses, TimeBudget timeBudget) {
    public static final int MAX_SEEDS = 1_000;
    public static final int MAX_ADDRESSES = 1_000;
    /** The widest the engine allows, with no time budget: an operator at the command line waits as long as it takes. */
    public static final QueryLimits COMMAND_LINE = new QueryLimits(TraceRequest.MAX_HOPS, MAX_SEEDS, MAX_ADDRESSES,
            TimeBudget.UNLIMITED);

    public QueryLimits {
        if (maxHops < 1 || maxHops > TraceRequest.MAX_HOPS) {
            throw new IllegalArgumentException("max hops must be 1.." + TraceRequest.MAX_HOPS + ", was " + maxHops);
        }
        if (maxSeeds < 1) {
            throw new IllegalArgumentException("max seeds must be at least 1, was " + maxSeeds);
        }
        if (maxAddresses < 1) {
            throw new IllegalArgumentException("max addresses per screening call must be at least 1, was " + maxAddresses);
        }
        Objects.requireNonNull(timeBudget, "timeBudget");
    }

    /**
     * @return the hop limit asked for, or the default when absent
     * @throws InvalidFieldException {@code maxHops} if it is outside 1..{@link #maxHops()}
     */
    int hops(Integer asked, int byDefault) {
        int hops = asked == null ? Math.min(byDefault, maxHops) : asked;
        if (hops < 1 || hops > maxHops) {
            throw new InvalidFieldException("maxHops", "must be 1.." + maxHops + ", was " + hops);
        }
        return hops;
    }

    /**
     * @param asked     the number of results asked for, or null
     * @param byDefault the number when none was asked for
     * @param max       the most one request may ask for
     * @throws InvalidFieldException {@code limit} if it is outside 1..{@code max}
     */
    static int limit(Integer asked, int byDefault, int max) {
        int limit = asked == null ? byDefault : asked;
        if (limit < 1 || limit > max) {
            throw new InvalidFieldException("limit", "must be 1.." + max + ", was " + limit);
        }
        return limit;
    }
}
