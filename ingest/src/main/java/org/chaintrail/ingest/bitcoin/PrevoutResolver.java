package org.chaintrail.ingest.bitcoin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.chaintrail.graph.UtxoStore;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.model.Chain;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;

/**
 * Gives every input the output it spends (address and value), without a query per input.
 *
 * <p>Most inputs spend recent outputs, so a bounded cache of outputs not yet spent, filled from
 * every block as it passes, answers them (as do the outputs still on their way to the graph); an output leaves the cache when it is spent (it cannot
 * be spent twice) or when it is the least recently seen and the cache is full. The rest of a
 * block's inputs are looked up in the graph in one query, and what the graph lacks (an ingest that
 * started mid-chain) is asked of the source, a node's {@code getrawtransaction}, in one batch.
 * An input nobody can resolve stops the ingest: a transaction without its input values would have
 * no fee and would break every balance downstream.
 */
final class PrevoutResolver {
    /** Outputs held unless told otherwise: about 300 bytes each, so ~150 MB. */
    static final int DEFAULT_CAPACITY = 500_000;

    private final Chain chain;
    private final UtxoStore store;
    private final Function<Collection<OutPoint>, Map<OutPoint, UtxoOutput>> fallback;
    private final Map<OutPoint, UtxoOutput> recent;
    private final Map<OutPoint, UtxoOutput> unwritten;
    private long fromCache;
    private long fromGraph;
    private long fromSource;

    /**
     * @param chain    the chain
     * @param store    where earlier outputs are stored
     * @param fallback asks the source for outputs the graph lacks; answers what it can
     * @param capacity  outputs the cache holds at most
     * @param unwritten outputs handed to the writer and not committed yet, which the graph cannot answer
     */
    PrevoutResolver(Chain chain, UtxoStore store, Function<Collection<OutPoint>, Map<OutPoint, UtxoOutput>> fallback,
                    int capacity, Map<OutPoint, UtxoOutput> unwritten) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be 1 or more, was " + capacity);
        }
        this.chain = chain;
        this.store = store;
        this.fallback = fallback;
        this.unwritten = unwritten;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<OutPoint, UtxoOutput> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Returns the block with every input resolved, and remembers its outputs for the blocks after
     * it. Blocks must come in chain order.
     *
     * @throws IngestException naming the first input whose spent output nobody knows
     */
    UtxoBlock resolve(UtxoBlock block) {
        Set<OutPoint> wanted = new LinkedHashSet<>();
        Map<OutPoint, UtxoOutput> known = new LinkedHashMap<>();
        for (UtxoTransaction t : block.transactions()) {
            for (UtxoInput i : t.inputs()) {
                if (i.prevout().isPresent()) {
                    known.put(i.spent(), i.prevout().get());
                } else {
                    wanted.add(i.spent());
                }
            }
        }
        // Outputs of this block may be spent later in it: look there first.
        for (UtxoTransaction t : block.transactions()) {
            for (UtxoOutput o : t.outputs()) {
                OutPoint p = new OutPoint(t.txid(), o.index());
                if (wanted.remove(p)) {
                    known.put(p, o);
                    fromCache++;
                }
            }
        }
        for (var it = wanted.iterator(); it.hasNext(); ) {
            OutPoint p = it.next();
            UtxoOutput o = recent.get(p);
            if (o == null) {
                o = unwritten.get(p);
            }
            if (o != null) {
                known.put(p, o);
                it.remove();
                fromCache++;
            }
        }
        if (!wanted.isEmpty()) {
            Map<OutPoint, UtxoOutput> stored = store.outputs(chain, wanted);
            known.putAll(stored);
            wanted.removeAll(stored.keySet());
            fromGraph += stored.size();
        }
        if (!wanted.isEmpty()) {
            Map<OutPoint, UtxoOutput> asked = fallback.apply(List.copyOf(wanted));
            for (OutPoint p : List.copyOf(wanted)) {
                UtxoOutput o = asked.get(p);
                if (o != null) {
                    known.put(p, o);
                    wanted.remove(p);
                    fromSource++;
                }
            }
        }
        List<UtxoTransaction> resolved = new ArrayList<>(block.transactions().size());
        for (UtxoTransaction t : block.transactions()) {
            List<UtxoInput> inputs = new ArrayList<>(t.inputs().size());
            for (UtxoInput i : t.inputs()) {
                UtxoOutput o = known.get(i.spent());
                if (o == null) {
                    throw new IngestException("block " + block.block().number() + ": input " + i.index() + " of "
                            + t.txid() + " spends " + i.spent() + ", which neither the graph nor the source knows;"
                            + " ingest the blocks before it first");
                }
                inputs.add(i.prevout().isPresent() ? i : i.resolved(o));
            }
            resolved.add(new UtxoTransaction(t.txid(), t.index(), t.coinbase(), inputs, t.outputs(), t.size(),
                    t.vsize()));
        }
        // In block order a transaction spends only outputs of those before it, so removing its
        // spent outputs, then adding its own, leaves exactly the block's unspent ones added.
        for (UtxoTransaction t : block.transactions()) {
            t.inputs().forEach(i -> recent.remove(i.spent()));
            t.outputs().forEach(o -> recent.put(new OutPoint(t.txid(), o.index()), o));
        }
        return new UtxoBlock(block.block(), block.parentHash(), resolved);
    }

    /** Forgets every cached output: after a rollback they may be gone. */
    void clear() {
        recent.clear();
    }

    /** Where the inputs resolved so far found their spent outputs. */
    PrevoutSources counts() {
        return new PrevoutSources(fromCache, fromGraph, fromSource);
    }
}
