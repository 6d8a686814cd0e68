package org.chaintrail.analytics.tracing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Poison: once an address has received any taint, everything it sends afterwards is tainted in
 * full. The strictest model: it never under-states exposure, and it over-states it wherever clean
 * money is mixed in, so taint is not conserved (the endpoints can add up to more than the seeds
 * sent). O(1) per transfer.
 */
public final class PoisonTaint implements TaintModel {
    public static final PoisonTaint INSTANCE = new PoisonTaint();

    private PoisonTaint() {
    }

    @Override
    public String name() {
        return "poison";
    }

    @Override
    public Holding newHolding() {
        return new PoisonHolding();
    }

    private static final class PoisonHolding implements Holding {
        private boolean poisoned;
        private BigInteger balance = BigInteger.ZERO;

        @Override
        public void receive(Parcel parcel) {
            poisoned |= parcel.tainted().signum() > 0;
            balance = balance.add(parcel.amount());
        }

        @Override
        public Parcel send(BigInteger amount) {
            balance = balance.subtract(amount).max(BigInteger.ZERO);
            return poisoned ? new Parcel(amount, new BigDecimal(amount), List.of())
                    : new Parcel(amount, BigDecimal.ZERO, List.of());
        }

        @Override
        public BigDecimal tainted() {
            return poisoned ? new BigDecimal(balance) : BigDecimal.ZERO;
        }
    }
}
