package org.chaintrail.analytics.tracing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * What one transfer carries under a taint model: its amount, the tainted part, and, for FIFO, the
 * lots it is made of in the order they were taken.
 *
 * @param amount  base units moved
 * @param tainted the tainted part, exact (haircut makes it fractional)
 * @param lots    the pieces in order, for models that keep lots; empty otherwise
 */
public record Parcel(BigInteger amount, BigDecimal tainted, List<Lot> lots) {
    public Parcel {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(tainted, "tainted");
        lots = List.copyOf(lots);
    }

    /** Funds of unknown or innocent origin. */
    public static Parcel clean(BigInteger amount) {
        return new Parcel(amount, BigDecimal.ZERO, List.of(new Lot(amount, false)));
    }

    /** Proceeds in full: what a seed sends. */
    public static Parcel tainted(BigInteger amount) {
        return new Parcel(amount, new BigDecimal(amount), List.of(new Lot(amount, true)));
    }

    /**
     * A run of base units that are all tainted or all clean.
     *
     * @param amount  base units
     * @param tainted whether they are proceeds
     */
    public record Lot(BigInteger amount, boolean tainted) {
        public Lot {
            if (amount.signum() <= 0) {
                throw new IllegalArgumentException("a lot must hold something, was " + amount);
            }
        }
    }
}
