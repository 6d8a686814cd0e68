package org.chaintrail.analytics.clustering;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.chaintrail.graph.ClusterStore;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clusters the addresses of a UTXO chain from the transactions in the graph and writes the
 * clusters back as entities ({@link ClusterStore}). Incremental: a run reads only the blocks
 * after the last one clustered, rebuilds its union-find from the stored memberships, and writes
 * only the addresses whose cluster changed.
 *
 * <p>Memory is the union-find and a bit per address (see {@link UtxoClusterer}) plus one page of
 * transactions; addresses are held as dense ids, never as text.
 */
public final class UtxoClustering {
    private static final Logger LOG = LoggerFactory.getLogger(UtxoClustering.class);
    /** Transactions a page aims at; the block span adapts to reach it. */
    private static final int PAGE_TRANSACTIONS = 20_000;
    private static final int MOVE_BATCH = 10_000;

    private final GraphStore store;
    private final ClusterStore clusters;
    private final Chain chain;
    private final Set<UtxoHeuristic> heuristics;

    /**
     * @param heuristics the heuristics to apply; common-input is always among them
     * @throws IllegalArgumentException if the chain is not a UTXO chain
     */
    public UtxoClustering(GraphStore store, Chain chain, Set<UtxoHeuristic> heuristics) {
        if (!chain.isUtxo()) {
            throw new IllegalArgumentException(chain.id() + " is an account chain: its entities come from labels and "
                    + "the deposit-address heuristic, not from transaction inputs");
        }
        this.store = store;
        this.clusters = store.clusters();
        this.chain = chain;
        EnumSet<UtxoHeuristic> all = EnumSet.of(UtxoHeuristic.COMMON_INPUT);
        all.addAll(heuristics);
        this.heuristics = all;
    }

    /**
     * Clusters every stored block not clustered yet.
     *
     * @param rebuild forget the stored clusters and start from the first block
     * @throws ClusteringException if the stored clusters were made with other heuristics or the
     *                             chain was reorganised below them, and {@code rebuild} is false
     */
    public ClusterReport run(boolean rebuild) {
        long started = System.nanoTime();
        List<String> names = heuristics.stream().map(UtxoHeuristic::flag).sorted().toList();
        if (rebuild) {
            clusters.reset(chain);
        }
        Optional<ClusterStore.State> state = clusters.state(chain);
        Optional<Checkpoint> top = top();
        if (top.isEmpty()) {
            return ClusterReport.nothing(chain, names);
        }
        state.ifPresent(s -> check(s, names, top.get()));
        long after = state.map(ClusterStore.State::lastBlock).orElse(-1L);
        int seen = state.map(ClusterStore.State::clusteredIds).orElse(0);
        int next = state.map(ClusterStore.State::allocatedIds).orElse(0);

        UtxoClusterer clusterer = UtxoClusterer.resume(heuristics, seen);
        BitSet founders = new BitSet();
        clusters.forEachMember(chain, (cid, founder) -> {
            clusterer.restore(cid, founder);
            founders.set(founder);
        });
        UtxoClusterer.Mark mark = clusterer.mark();

        long blocks = 0;
        long span = 16;
        while (after < top.get().number()) {
            long upTo = Math.min(top.get().number(), after + span);
            List<ClusterStore.Tx> page = clusters.transactions(chain, after, upTo);
            Map<String, Integer> newIds = new LinkedHashMap<>();
            Map<String, List<String>> coinJoins = new TreeMap<>();
            int first = next;
            for (ClusterStore.Tx tx : page) {
                ClusterTx view = ClusterTxs.of(tx, p -> p.cid() >= 0 ? p.cid()
                        : newIds.computeIfAbsent(p.address(), a -> first + newIds.size()));
                clusterer.accept(view).ifPresent(c -> coinJoins.put(tx.txid(), List.of(c.shape(), c.reason())));
            }
            next += newIds.size();
            clusters.assign(chain, newIds, coinJoins, next, names);
            blocks += page.stream().mapToLong(ClusterStore.Tx::blockNumber).distinct().count();
            LOG.info("clustered {} blocks {}..{}: {} transactions", chain.id(), after + 1, upTo, page.size());
            after = upTo;
            span = page.size() < PAGE_TRANSACTIONS / 2 ? Math.min(span * 2, 1 << 16)
                    : page.size() > PAGE_TRANSACTIONS * 2 ? Math.max(1, span / 2) : span;
        }

        int moved = writeBack(clusterer, mark, founders, top.get(), next, names);
        List<ClusterAttributor.Conflict> conflicts = new ClusterAttributor(store, chain).refresh();
        UtxoClusterer.Statistics statistics = clusterer.statistics();
        return new ClusterReport(chain, names, blocks, statistics.transactions(), statistics.coinJoins(),
                byFlag(statistics.links()), byFlag(statistics.merges()), moved, conflicts,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private Optional<Checkpoint> top() {
        Optional<Checkpoint> checkpoint = store.checkpoint(chain);
        if (checkpoint.isPresent()) {
            return checkpoint;
        }
        Long last = store.lastBlocks().get(chain.id());
        if (last == null) {
            return Optional.empty();
        }
        return Optional.of(new Checkpoint(chain, last, store.blockHashes(chain, last, last).get(last)));
    }

    private void check(ClusterStore.State state, List<String> names, Checkpoint top) {
        if (!new TreeSet<>(state.heuristics()).equals(new TreeSet<>(names))) {
            throw new ClusteringException("the " + chain.id() + " clusters were made with " + state.heuristics()
                    + "; clustering with " + names + " must start again: add --rebuild");
        }
        if (state.lastBlock() < 0) {
            return;
        }
        String stored = store.blockHashes(chain, state.lastBlock(), state.lastBlock()).get(state.lastBlock());
        if (state.lastBlock() > top.number() || !state.lastHash().map(h -> h.equals(stored)).orElse(false)) {
            throw new ClusteringException("block " + state.lastBlock() + " of " + chain.id()
                    + " is no longer the one the clusters were made from (a reorganisation was rolled back); "
                    + "add --rebuild");
        }
    }

    private static Map<String, Long> byFlag(Map<UtxoHeuristic, Long> counts) {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((h, n) -> result.put(h.flag(), n));
        return result;
    }

    /**
     * Writes the addresses whose cluster changed since the mark, in batches, then the sizes of
     * the clusters they joined, the removal of clusters absorbed into older ones, and the state.
     *
     * @return how many addresses moved
     */
    private int writeBack(UtxoClusterer clusterer, UtxoClusterer.Mark mark, BitSet oldFounders, Checkpoint top,
                          int ids, List<String> names) {
        int[] changed = clusterer.changedSince(mark);
        Map<Integer, String> founderAddresses = new HashMap<>();
        Map<String, Integer> sizes = new TreeMap<>();
        for (int from = 0; from < changed.length; from += MOVE_BATCH) {
            List<ClusterStore.Move> moves = new ArrayList<>();
            Set<Integer> unknown = new TreeSet<>();
            for (int i = from; i < Math.min(from + MOVE_BATCH, changed.length); i++) {
                int founder = clusterer.representative(changed[i]);
                moves.add(new ClusterStore.Move(changed[i], founder));
                if (!founderAddresses.containsKey(founder)) {
                    unknown.add(founder);
                }
            }
            founderAddresses.putAll(clusters.addresses(chain, unknown));
            clusters.move(chain, moves, founderAddresses);
            moves.forEach(m -> sizes.put(ClusterStore.entityId(chain, founderAddresses.get(m.cluster())),
                    clusterer.entitySize(m.cluster())));
        }
        List<Integer> gone = oldFounders.stream().filter(f -> clusterer.representative(f) != f).boxed().toList();
        Map<Integer, String> goneAddresses = clusters.addresses(chain, gone);
        List<String> goneIds = gone.stream().map(f -> ClusterStore.entityId(chain, goneAddresses.get(f))).toList();
        clusters.finish(chain, sizes, goneIds, top.number(), top.hash(), ids, names);
        return changed.length;
    }
}
