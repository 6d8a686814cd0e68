package org.chaintrail.analytics.tracing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.chaintrail.model.Transfer;

/**
 * FIFO traced backward. Forward FIFO fixes, at each address, which units of its inputs each
 * output consumed: outputs take a prefix of the address's cumulative inflow, in order, and a
 * shortfall is unexplained. Backward follows that same matching in reverse: the traced units of
 * an output map to an interval of the inflow axis, and an input carries back exactly the traced
 * units that fall inside it, as lots in order. This is the mirror image of forward FIFO, not FIFO
 * run on reversed time (which would be LIFO).
 *
 * <p>Built from the address's transfers in chain order; the replay then calls {@link #receive}
 * for each output and {@link #send} for each input in reverse chain order, which pops them off
 * the end. O(pieces) per transfer; the traced set is a map of disjoint unit intervals.
 */
final class FifoBackwardHolding implements TaintModel.Holding {
    /** Where an output's units sit on the inflow axis: {@code taken} of its amount were explained. */
    private record Output(BigInteger start, BigInteger taken) {
    }

    private final Deque<Output> outputs = new ArrayDeque<>();
    private final Deque<BigInteger> inputStarts = new ArrayDeque<>();
    /** Traced units on the inflow axis: start → end, disjoint. */
    private final TreeMap<BigInteger, BigInteger> traced = new TreeMap<>();
    /** Traced units of outputs that no input explains (the forward shortfall): the trail rests here. */
    private BigInteger unexplained = BigInteger.ZERO;

    FifoBackwardHolding(String address, List<Transfer> movements) {
        BigInteger inflow = BigInteger.ZERO;
        BigInteger consumed = BigInteger.ZERO;
        for (Transfer t : movements) {
            if (t.from().equals(address)) { // an output first: a self-transfer spends before it arrives
                BigInteger taken = t.amount().min(inflow.subtract(consumed));
                outputs.addLast(new Output(consumed, taken));
                consumed = consumed.add(taken);
            }
            if (t.to().equals(address)) {
                inputStarts.addLast(inflow);
                inflow = inflow.add(t.amount());
            }
        }
    }

    /** Backward, an output of the address: its traced units join the traced set. */
    @Override
    public void receive(Parcel parcel) {
        Output out = outputs.removeLast();
        List<Parcel.Lot> lots = parcel.lots().isEmpty()
                ? List.of(new Parcel.Lot(parcel.amount(), parcel.tainted().signum() > 0)) : parcel.lots();
        BigInteger offset = BigInteger.ZERO;
        for (Parcel.Lot lot : lots) {
            BigInteger from = offset;
            BigInteger end = offset.add(lot.amount());
            BigInteger to = end.min(out.taken()); // beyond `taken` the data explains nothing
            if (lot.tainted()) {
                if (from.compareTo(to) < 0) {
                    add(out.start().add(from), out.start().add(to));
                }
                unexplained = unexplained.add(end.subtract(to.max(from)));
            }
            offset = end;
        }
    }

    /** Backward, an input of the address: it carries back the traced units inside it. */
    @Override
    public Parcel send(BigInteger amount) {
        BigInteger start = inputStarts.removeLast();
        BigInteger end = start.add(amount);
        List<Parcel.Lot> lots = new ArrayList<>();
        BigInteger cursor = start;
        BigInteger tainted = BigInteger.ZERO;
        Map.Entry<BigInteger, BigInteger> first = traced.floorEntry(start);
        BigInteger from = first != null && first.getValue().compareTo(start) > 0 ? first.getKey() : start;
        for (Map.Entry<BigInteger, BigInteger> iv : new ArrayList<>(traced.subMap(from, true, end, false).entrySet())) {
            BigInteger lo = iv.getKey().max(start);
            BigInteger hi = iv.getValue().min(end);
            if (lo.compareTo(hi) >= 0) {
                continue;
            }
            if (cursor.compareTo(lo) < 0) {
                lots.add(new Parcel.Lot(lo.subtract(cursor), false));
            }
            lots.add(new Parcel.Lot(hi.subtract(lo), true));
            tainted = tainted.add(hi.subtract(lo));
            cursor = hi;
            remove(lo, hi, iv);
        }
        if (cursor.compareTo(end) < 0) {
            lots.add(new Parcel.Lot(end.subtract(cursor), false));
        }
        return new Parcel(amount, new BigDecimal(tainted), amount.signum() == 0 ? List.of() : lots);
    }

    /** Traced units that no input explains: where the trail rests. */
    @Override
    public BigDecimal tainted() {
        return new BigDecimal(traced.entrySet().stream().map(e -> e.getValue().subtract(e.getKey()))
                .reduce(unexplained, BigInteger::add));
    }

    private void add(BigInteger start, BigInteger end) {
        Map.Entry<BigInteger, BigInteger> before = traced.floorEntry(start);
        if (before != null && before.getValue().compareTo(start) >= 0) {
            start = before.getKey();
            end = end.max(before.getValue());
            traced.remove(before.getKey());
        }
        for (Map.Entry<BigInteger, BigInteger> next = traced.ceilingEntry(start);
             next != null && next.getKey().compareTo(end) <= 0; next = traced.ceilingEntry(start)) {
            end = end.max(next.getValue());
            traced.remove(next.getKey());
        }
        traced.put(start, end);
    }

    private void remove(BigInteger lo, BigInteger hi, Map.Entry<BigInteger, BigInteger> interval) {
        traced.remove(interval.getKey());
        if (interval.getKey().compareTo(lo) < 0) {
            traced.put(interval.getKey(), lo);
        }
        if (hi.compareTo(interval.getValue()) < 0) {
            traced.put(hi, interval.getValue());
        }
    }
}
