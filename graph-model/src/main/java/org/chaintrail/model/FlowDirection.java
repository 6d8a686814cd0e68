package org.chaintrail.model;

import java.util.Locale;

/** Which way value moved, seen from one address: it paid ({@code out}) or was paid ({@code in}). */
public enum FlowDirection {
    IN, OUT;

    /** As the API writes it: {@code in}, {@code out}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
