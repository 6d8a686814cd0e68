package org.chaintrail.analytics.tracing;

import java.util.Locale;

/** Which way a trace follows the money. */
public enum Direction {
    /** Where did the seeds' funds go: taint follows transfers out of the seeds, forward in time. */
    FORWARD,
    /**
     * Where did the seeds' funds come from (for a scam wallet: its victims, and behind them the
     * exchange where they bought the coins): the mirror image of forward, transfers into the
     * seeds followed backward in time, payees taking the place of payers.
     */
    BACKWARD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the known directions
     */
    public static Direction of(String text) {
        for (Direction d : values()) {
            if (d.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown direction '" + text + "', expected forward or backward");
    }
}
