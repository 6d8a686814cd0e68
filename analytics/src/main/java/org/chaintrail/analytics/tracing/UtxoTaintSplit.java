package org.chaintrail.analytics.tracing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * How one UTXO transaction passes taint from what it consumes to what it produces, under a taint
 * model. Forward the sources are the inputs and the sinks the outputs followed by the fee; backward
 * the sources are the outputs followed by the (clean) fee, and the sinks the inputs. Either way the
 * sources and the sinks hold the same value.
 *
 * <ul>
 *   <li>haircut: each sink gets {@code value · T / total}; the last one the remainder, so taint is
 *       conserved exactly;</li>
 *   <li>poison: every sink is fully tainted if any source is;</li>
 *   <li>FIFO: the sources' lots, in order, fill the sinks in order, unit by unit.</li>
 * </ul>
 * O(sources + sinks) for haircut and poison, O(sources + sinks + lots) for FIFO.
 */
final class UtxoTaintSplit {
    private UtxoTaintSplit() {
    }

    /**
     * @param sources what is consumed, with its taint (and, for FIFO, its lots)
     * @param sinks   the values produced, in order
     * @return one parcel per sink
     * @throws IllegalArgumentException if sources and sinks differ in value
     */
    static List<Parcel> split(TaintModel model, List<Parcel> sources, List<BigInteger> sinks) {
        BigInteger total = sources.stream().map(Parcel::amount).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger out = sinks.stream().reduce(BigInteger.ZERO, BigInteger::add);
        if (total.compareTo(out) != 0) {
            throw new IllegalArgumentException("a transaction must produce what it consumes, was " + total + " and "
                    + out);
        }
        BigDecimal taint = sources.stream().map(Parcel::tainted).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (model instanceof FifoTaint) {
            return fifo(sources, sinks);
        }
        List<Parcel> parcels = new ArrayList<>(sinks.size());
        if (model instanceof PoisonTaint) {
            sinks.forEach(v -> parcels.add(new Parcel(v, taint.signum() > 0 ? new BigDecimal(v) : BigDecimal.ZERO,
                    List.of())));
            return parcels;
        }
        int last = -1;
        for (int j = 0; j < sinks.size(); j++) {
            if (sinks.get(j).signum() > 0) {
                last = j;
            }
        }
        BigDecimal given = BigDecimal.ZERO;
        for (int j = 0; j < sinks.size(); j++) {
            BigInteger v = sinks.get(j);
            BigDecimal t;
            if (taint.signum() == 0 || v.signum() == 0) {
                t = BigDecimal.ZERO;
            } else if (j == last) {
                t = taint.subtract(given).max(BigDecimal.ZERO);
            } else {
                t = new BigDecimal(v).multiply(taint).divide(new BigDecimal(total), TaintModel.PRECISION);
            }
            given = given.add(t);
            parcels.add(new Parcel(v, t, List.of()));
        }
        return parcels;
    }

    private static List<Parcel> fifo(List<Parcel> sources, List<BigInteger> sinks) {
        List<Parcel.Lot> queue = new ArrayList<>();
        for (Parcel p : sources) {
            if (!p.lots().isEmpty()) {
                queue.addAll(p.lots());
            } else if (p.amount().signum() > 0) {
                queue.add(new Parcel.Lot(p.amount(), p.tainted().signum() > 0));
            }
        }
        List<Parcel> parcels = new ArrayList<>(sinks.size());
        int next = 0;
        BigInteger usedOfNext = BigInteger.ZERO;
        for (BigInteger v : sinks) {
            List<Parcel.Lot> pieces = new ArrayList<>();
            BigInteger wanted = v;
            BigInteger tainted = BigInteger.ZERO;
            while (wanted.signum() > 0) {
                Parcel.Lot front = queue.get(next);
                BigInteger take = front.amount().subtract(usedOfNext).min(wanted);
                appendTo(pieces, new Parcel.Lot(take, front.tainted()));
                if (front.tainted()) {
                    tainted = tainted.add(take);
                }
                wanted = wanted.subtract(take);
                usedOfNext = usedOfNext.add(take);
                if (usedOfNext.compareTo(front.amount()) == 0) {
                    next++;
                    usedOfNext = BigInteger.ZERO;
                }
            }
            parcels.add(new Parcel(v, new BigDecimal(tainted), pieces));
        }
        return parcels;
    }

    private static void appendTo(List<Parcel.Lot> pieces, Parcel.Lot lot) {
        int last = pieces.size() - 1;
        if (last >= 0 && pieces.get(last).tainted() == lot.tainted()) {
            pieces.set(last, new Parcel.Lot(pieces.get(last).amount().add(lot.amount()), lot.tainted()));
        } else {
            pieces.add(lot);
        }
    }

    /** Nothing of value: a zero-value output (OP_RETURN) or no fee. */
    static Parcel empty() {
        return new Parcel(BigInteger.ZERO, BigDecimal.ZERO, List.of());
    }

    /** Value of unknown or innocent origin; a zero value has no lot. */
    static Parcel clean(long value) {
        return value == 0 ? empty() : Parcel.clean(BigInteger.valueOf(value));
    }

    /** Proceeds in full; a zero value has no lot. */
    static Parcel tainted(long value) {
        return value == 0 ? empty() : Parcel.tainted(BigInteger.valueOf(value));
    }
}
