package org.chaintrail.analytics.tracing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Haircut: every unit an address sends carries the address's current share of taint.
 *
 * <p>An address holds balance {@code B} and taint {@code T}. Sending {@code v}: {@code B' = max(B, v)}
 * (what the data cannot explain, such as funds received before the data starts, is clean),
 * {@code t = v·T/B'}, then {@code T -= t}, {@code B = B' − v}. Receiving {@code v} with taint
 * {@code t}: {@code B += v}, {@code T += t}. Between receipts the tainted share stays constant,
 * so taint spreads evenly over everything the address sends. O(1) per transfer.
 */
public final class HaircutTaint implements TaintModel {
    public static final HaircutTaint INSTANCE = new HaircutTaint();

    private HaircutTaint() {
    }

    @Override
    public String name() {
        return "haircut";
    }

    @Override
    public Holding newHolding() {
        return new HaircutHolding();
    }

    private static final class HaircutHolding implements Holding {
        private BigDecimal balance = BigDecimal.ZERO;
        private BigDecimal taint = BigDecimal.ZERO;

        @Override
        public void receive(Parcel parcel) {
            balance = balance.add(new BigDecimal(parcel.amount()));
            taint = taint.add(parcel.tainted());
        }

        @Override
        public Parcel send(BigInteger amount) {
            BigDecimal v = new BigDecimal(amount);
            BigDecimal held = balance.max(v);
            BigDecimal t = taint.signum() == 0 || v.signum() == 0
                    ? BigDecimal.ZERO
                    : v.multiply(taint).divide(held, PRECISION);
            // Rounding at 40 digits may leave t a hair above T; never send more taint than is held.
            t = t.min(taint);
            taint = taint.subtract(t);
            balance = held.subtract(v);
            return new Parcel(amount, t, List.of());
        }

        @Override
        public BigDecimal tainted() {
            return taint;
        }
    }
}
