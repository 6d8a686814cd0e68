package org.chaintrail.analytics.tracing;

import java.util.Locale;

/** Which way a trace follows the money. */
public enum Direction {
    /** Where did the seeds' funds go. */
    FORWARD;

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
        throw new IllegalArgumentException("unknown direction '" + text + "', expected forward");
    }
}
