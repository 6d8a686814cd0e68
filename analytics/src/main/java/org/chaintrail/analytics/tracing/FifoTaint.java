package org.chaintrail.analytics.tracing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * FIFO: an address holds a queue of lots (amount, tainted or not) in the order they arrived; a
 * transfer out takes from the front, a shortfall (more sent than the data shows arriving) is
 * clean, and the pieces arrive at the payee as lots in the order they were taken. Taint stays in
 * whole base units, so nothing is rounded. O(pieces) per transfer; adjacent lots of the same kind
 * are merged so the queue stays as short as the alternation of clean and tainted funds.
 */
public final class FifoTaint implements TaintModel {
    public static final FifoTaint INSTANCE = new FifoTaint();

    private FifoTaint() {
    }

    @Override
    public String name() {
        return "fifo";
    }

    @Override
    public Holding newHolding() {
        return new FifoHolding();
    }

    /** Backward FIFO follows forward FIFO's own matching of inputs to outputs, in reverse. */
    @Override
    public Holding newBackwardHolding(String address, List<org.chaintrail.model.Transfer> movements) {
        return new FifoBackwardHolding(address, movements);
    }

    private static final class FifoHolding implements Holding {
        private final Deque<Parcel.Lot> queue = new ArrayDeque<>();
        private BigInteger taint = BigInteger.ZERO;

        @Override
        public void receive(Parcel parcel) {
            List<Parcel.Lot> lots = parcel.lots().isEmpty() ? List.of(new Parcel.Lot(parcel.amount(),
                    parcel.tainted().signum() > 0)) : parcel.lots();
            for (Parcel.Lot lot : lots) {
                append(queue, lot);
                if (lot.tainted()) {
                    taint = taint.add(lot.amount());
                }
            }
        }

        @Override
        public Parcel send(BigInteger amount) {
            List<Parcel.Lot> pieces = new ArrayList<>();
            BigInteger wanted = amount;
            BigInteger tainted = BigInteger.ZERO;
            while (wanted.signum() > 0 && !queue.isEmpty()) {
                Parcel.Lot front = queue.removeFirst();
                BigInteger take = front.amount().min(wanted);
                if (take.compareTo(front.amount()) < 0) {
                    queue.addFirst(new Parcel.Lot(front.amount().subtract(take), front.tainted()));
                }
                appendTo(pieces, new Parcel.Lot(take, front.tainted()));
                if (front.tainted()) {
                    tainted = tainted.add(take);
                }
                wanted = wanted.subtract(take);
            }
            if (wanted.signum() > 0) {
                appendTo(pieces, new Parcel.Lot(wanted, false)); // what the data cannot explain is clean
            }
            taint = taint.subtract(tainted);
            return new Parcel(amount, new BigDecimal(tainted), pieces);
        }

        @Override
        public BigDecimal tainted() {
            return new BigDecimal(taint);
        }

        private static void append(Deque<Parcel.Lot> queue, Parcel.Lot lot) {
            Parcel.Lot last = queue.peekLast();
            if (last != null && last.tainted() == lot.tainted()) {
                queue.removeLast();
                queue.addLast(new Parcel.Lot(last.amount().add(lot.amount()), lot.tainted()));
            } else {
                queue.addLast(lot);
            }
        }

        private static void appendTo(List<Parcel.Lot> pieces, Parcel.Lot lot) {
            int last = pieces.size() - 1;
            if (last >= 0 && pieces.get(last).tainted() == lot.tainted()) {
                pieces.set(last, new Parcel.Lot(pieces.get(last).amount().add(lot.amount()), lot.tainted()));
            } else {
                pieces.add(lot);
            }
        }
    }
}
