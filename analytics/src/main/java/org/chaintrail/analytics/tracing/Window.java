package org.chaintrail.analytics.tracing;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.chaintrail.model.Transfer;

/**
 * The part of the chain a trace looks at: transfers outside it are not followed (and what they
 * would have carried is reported as cut). Bounds are inclusive.
 *
 * @param sinceBlock first block, or 0
 * @param untilBlock last block, or {@link Long#MAX_VALUE}
 * @param sinceTime  first timestamp (seconds), or {@link Long#MIN_VALUE}
 * @param untilTime  last timestamp (seconds), or {@link Long#MAX_VALUE}
 */
public record Window(long sinceBlock, long untilBlock, long sinceTime, long untilTime) {
    public static final Window ALL = new Window(0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);

    public Window {
        if (sinceBlock > untilBlock) {
            throw new IllegalArgumentException("window starts at block " + sinceBlock + ", after its end " + untilBlock);
        }
        if (sinceTime > untilTime) {
            throw new IllegalArgumentException("window starts at " + Instant.ofEpochSecond(sinceTime)
                    + ", after its end " + Instant.ofEpochSecond(untilTime));
        }
    }

    public boolean contains(Transfer t) {
        return t.blockNumber() >= sinceBlock && t.blockNumber() <= untilBlock
                && t.timestamp() >= sinceTime && t.timestamp() <= untilTime;
    }

    public boolean isAll() {
        return equals(ALL);
    }

    /**
     * Builds a window from what an analyst types for {@code --since} and {@code --until}: a block
     * number ({@code 21000000}) or an ISO-8601 time ({@code 2024-10-27T00:00:00Z} or {@code 2024-10-27}).
     * Either may be null for an open end; both bounds must be of the same kind.
     *
     * @throws IllegalArgumentException naming the value that is neither
     */
    public static Window parse(String since, String until) {
        Bound from = Bound.parse(since, false);
        Bound to = Bound.parse(until, true);
        if (from != null && to != null && from.block() != to.block()) {
            throw new IllegalArgumentException("since and until must both be blocks or both be times, were '"
                    + since + "' and '" + until + "'");
        }
        long sinceBlock = from != null && from.block() ? from.value() : 0;
        long untilBlock = to != null && to.block() ? to.value() : Long.MAX_VALUE;
        long sinceTime = from != null && !from.block() ? from.value() : Long.MIN_VALUE;
        long untilTime = to != null && !to.block() ? to.value() : Long.MAX_VALUE;
        return new Window(sinceBlock, untilBlock, sinceTime, untilTime);
    }

    private record Bound(boolean block, long value) {
        static Bound parse(String text, boolean endOfDay) {
            if (text == null || text.isBlank()) {
                return null;
            }
            String t = text.trim();
            if (t.matches("\\d+")) {
                return new Bound(true, Long.parseLong(t));
            }
            try {
                if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    long start = Instant.parse(t + "T00:00:00Z").getEpochSecond();
                    return new Bound(false, endOfDay ? start + 86_399 : start);
                }
                return new Bound(false, Instant.parse(t).getEpochSecond());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is neither a block number nor an ISO-8601 time "
                        + "(2024-10-27 or 2024-10-27T12:00:00Z)");
            }
        }
    }
}
