package org.chaintrail.analytics.clustering;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Clusters Bitcoin addresses into entities over a stream of transactions in chain order: each
 * transaction's links ({@link TxLinker}) join sets of a {@link UnionFind}, and an entity is named
 * by its smallest address id, so the same links give the same names in any order.
 *
 * <p><b>Incremental use.</b> State from an earlier run is restored with {@link #resume}: the
 * addresses seen so far must be exactly the ids below a bound (true when dense ids are given in
 * order of first appearance), and each stored membership is fed back with {@link #restore}. New
 * transactions then merge into those entities; the result equals one run over the whole chain
 * (same entities, same names). Take a {@link #mark()} before the new transactions and
 * {@link #changedSince} lists, after them, only the addresses whose entity changed, for writing
 * back.
 *
 * <p>Memory: 8 bytes an address for the sets and 1 bit for the seen-set (about 813 MB for 100
 * million addresses); a mark holds 4 bytes an address more while it is kept. Not thread-safe.
 */
public final class UtxoClusterer {
    private final TxLinker linker;
    private final UnionFind sets = new UnionFind();
    private final SeenAddresses seen = new SeenAddresses();
    private final long[] links = new long[UtxoHeuristic.values().length];
    private final long[] merges = new long[UtxoHeuristic.values().length];
    private final Map<String, Long> coinJoins = new TreeMap<>();
    private final TxLinker.LinkSink unite = this::unite;
    private long transactions;
    private long coinbases;
    private long conflicts;
    private long restored;
    private long lastBlock = -1;
    private int lastIndex = -1;

    /**
     * A clusterer with no state.
     *
     * @param enabled the rules; common-input ownership is applied whether listed or not
     */
    public UtxoClusterer(Set<UtxoHeuristic> enabled) {
        this.linker = new TxLinker(enabled);
    }

    /**
     * A clusterer continuing from stored state: ids {@code 0..seenBelow-1} exist and were seen in
     * earlier transactions, each alone until {@link #restore} joins it to its stored entity.
     *
     * @throws IllegalArgumentException if seenBelow is negative
     */
    public static UtxoClusterer resume(Set<UtxoHeuristic> enabled, int seenBelow) {
        UtxoClusterer c = new UtxoClusterer(enabled);
        c.sets.ensureCapacity(seenBelow);
        c.seen.seeBelow(seenBelow);
        return c;
    }

    /**
     * Restores one stored membership: the address belongs to the entity named by representative.
     * Feeding every (address, representative) pair of a stored clustering, in any order, rebuilds
     * it, names included, since a name is the entity's smallest id.
     *
     * @throws IllegalArgumentException if either id is negative or the representative is larger
     *                                  than the address (a name is the smallest id of its entity)
     */
    public void restore(int address, int representative) {
        if (address < 0 || representative < 0 || representative > address) {
            throw new IllegalArgumentException("a stored membership names its entity by its smallest address id: "
                    + "address " + address + " with representative " + representative + " cannot be");
        }
        sets.ensureCapacity(address + 1);
        sets.union(address, representative);
        restored++;
    }

    /**
     * Applies one transaction: its links join their addresses' entities, then all its addresses
     * count as seen for the transactions after it.
     *
     * @return the CoinJoin verdict if it was skipped as one
     * @throws IllegalArgumentException if it does not come after the previous one in chain order
     */
    public Optional<CoinJoinVerdict> accept(ClusterTx tx) {
        if (tx.block() < lastBlock || tx.block() == lastBlock && tx.txIndex() <= lastIndex) {
            throw new IllegalArgumentException("transactions must come in chain order: " + tx.txid() + " at block "
                    + tx.block() + " position " + tx.txIndex() + " came after block " + lastBlock + " position "
                    + lastIndex);
        }
        lastBlock = tx.block();
        lastIndex = tx.txIndex();
        int max = tx.maxAddress();
        if (max >= sets.size()) {
            sets.ensureCapacity(max + 1);
        }
        transactions++;
        if (tx.coinbase()) {
            coinbases++;
        }
        TxLinker.Outcome outcome = linker.apply(tx, seen, unite);
        outcome.coinJoin().ifPresent(v -> coinJoins.merge(v.shape(), 1L, Long::sum));
        if (outcome.conflict()) {
            conflicts++;
        }
        for (int a : tx.inputs()) {
            if (a != ClusterTx.NO_ADDRESS) {
                seen.see(a);
            }
        }
        for (int a : tx.outputs()) {
            if (a != ClusterTx.NO_ADDRESS) {
                seen.see(a);
            }
        }
        return outcome.coinJoin();
    }

    private void unite(UtxoHeuristic heuristic, int a, int b, int anchor, int position) {
        links[heuristic.ordinal()]++;
        if (sets.union(a, b)) {
            merges[heuristic.ordinal()]++;
        }
    }

    /** The rules applied. */
    public Set<UtxoHeuristic> enabled() {
        return linker.enabled();
    }

    /** The name of an address's entity: its smallest address id. */
    public int representative(int address) {
        return sets.representative(address);
    }

    /** How many addresses are in the address's entity. */
    public int entitySize(int address) {
        return sets.size(address);
    }

    /** How many address ids there are: {@code 0..addresses()-1}. */
    public int addresses() {
        return sets.size();
    }

    /** How many entities there are, addresses alone counting one each. */
    public int entities() {
        return sets.sets();
    }

    /** The memory held: sets and seen-set, spare capacity included, in bytes. */
    public long bytes() {
        return sets.bytes() + seen.bytes();
    }

    // ---------------------------------------------------------------- changes

    /**
     * The entities of all addresses at one moment: an address alone has none (it is its own,
     * which nothing needs to store); an address with others belongs to the one its representative
     * names.
     */
    public static final class Mark {
        private final int[] entity;

        private Mark(int[] entity) {
            this.entity = entity;
        }

        /** How many addresses there were. */
        public int addresses() {
            return entity.length;
        }
    }

    /** The entities as they are now, to compare with later; holds 4 bytes an address. */
    public Mark mark() {
        int[] entity = new int[sets.size()];
        for (int a = 0; a < entity.length; a++) {
            entity[a] = entityOf(a);
        }
        return new Mark(entity);
    }

    /**
     * The addresses whose entity changed since the mark, in increasing order: those that existed
     * then and now belong to another entity (a smaller id joined and renamed it, or their set merged
     * into one with a smaller name, or they were alone and are not any more), and those added since
     * that are not alone. Addresses added since and still alone are left out: each is its own entity.
     * Writing back {@code representative(a)} for each listed address makes a store that held the
     * mark's entities hold the current ones. Cost: O(addresses).
     */
    public int[] changedSince(Mark mark) {
        Objects.requireNonNull(mark, "mark");
        if (mark.entity.length > sets.size()) {
            throw new IllegalArgumentException("the mark holds " + mark.entity.length + " addresses, this clusterer "
                    + sets.size() + ": it is another clusterer's");
        }
        int[] out = new int[64];
        int n = 0;
        for (int a = 0; a < sets.size(); a++) {
            int now = entityOf(a);
            boolean changed = a < mark.entity.length ? now != mark.entity[a] : now != ClusterTx.NO_ADDRESS;
            if (changed) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n + (n >> 1));
                }
                out[n++] = a;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private int entityOf(int a) {
        int root = sets.find(a);
        return sets.size(root) == 1 ? ClusterTx.NO_ADDRESS : sets.representative(root);
    }

    // ---------------------------------------------------------------- statistics

    /**
     * What the clusterer has done.
     *
     * @param transactions transactions accepted
     * @param coinbases    coinbases among them
     * @param coinJoins    transactions skipped as CoinJoins, by shape
     * @param links        links made, by rule
     * @param merges       links that joined two entities, by rule (a change link that agreed with
     *                     an earlier rule's merges nothing new)
     * @param conflicts    transactions whose enabled change rules named different outputs
     * @param restored     memberships restored from stored state
     * @param addresses    address ids
     * @param entities     entities, addresses alone included
     */
    public record Statistics(long transactions, long coinbases, Map<String, Long> coinJoins,
                             Map<UtxoHeuristic, Long> links, Map<UtxoHeuristic, Long> merges, long conflicts,
                             long restored, int addresses, int entities) {
        public Statistics {
            coinJoins = Collections.unmodifiableMap(new TreeMap<>(coinJoins));
            links = Collections.unmodifiableMap(new EnumMap<>(links));
            merges = Collections.unmodifiableMap(new EnumMap<>(merges));
        }

        /** CoinJoins skipped, all shapes. */
        public long coinJoinsSkipped() {
            return coinJoins.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Merges, all rules. */
        public long totalMerges() {
            return merges.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The figures so far. */
    public Statistics statistics() {
        Map<UtxoHeuristic, Long> l = new EnumMap<>(UtxoHeuristic.class);
        Map<UtxoHeuristic, Long> m = new EnumMap<>(UtxoHeuristic.class);
        for (UtxoHeuristic h : linker.enabled()) {
            l.put(h, links[h.ordinal()]);
            m.put(h, merges[h.ordinal()]);
        }
        return new Statistics(transactions, coinbases, coinJoins, l, m, conflicts, restored, sets.size(),
                sets.sets());
    }
}
