package org.chaintrail.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.chaintrail.graph.TransferGraph;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Transfer;

/**
 * One asset's transfers on one chain held in primitive arrays, answering what the tracer and the
 * exposure analysis read ({@link TransferGraph}) without a database: the in-memory upper bound of
 * the benchmark suite. The same {@code TaintTracer} runs over it and over the Neo4j-backed
 * {@code GraphStore}, so the difference between the two is the cost of the store alone.
 *
 * <p>Addresses get dense int ids; a transfer is a column entry (payer, payee, amount, block,
 * indexes, time, 32-byte hash), and per address the transfers out and in are an index range in
 * two adjacency arrays (compressed sparse rows), in chain order because transfers are added in
 * chain order. A query gathers the ranges of its addresses and sorts the transfer numbers, so it
 * costs O(k log k) for the k transfers returned, plus building their records. Memory: about 80
 * bytes a transfer and 150 an address (5,000,000 transfers and 1,000,000 addresses: ~0.55 GB).
 * Amounts must fit in 63 bits and hashes be 32 bytes of hex, as the generator's are.
 */
final class InMemoryTransfers implements TransferGraph {
    private static final HexFormat HEX = HexFormat.of();

    private final Chain chain;
    private final String assetKey;
    private final String[] addresses;
    private final Map<String, Integer> ids;
    private final int[] from;
    private final int[] to;
    private final long[] amount;
    private final long[] block;
    private final int[] txIndex;
    private final int[] logIndex;
    private final long[] time;
    private final byte[] hashes;
    private final int[] outStart;
    private final int[] outList;
    private final int[] inStart;
    private final int[] inList;
    private final Map<String, Attribution> attributed;
    private final long lastBlock;

    private InMemoryTransfers(Builder b, Map<String, Attribution> attributed) {
        this.chain = b.chain;
        this.assetKey = b.assetKey;
        this.addresses = b.addresses.toArray(String[]::new);
        this.ids = b.ids;
        int m = b.count;
        this.from = b.count == b.from.length ? b.from : Arrays.copyOf(b.from, m);
        this.to = b.count == b.to.length ? b.to : Arrays.copyOf(b.to, m);
        this.amount = b.count == b.amount.length ? b.amount : Arrays.copyOf(b.amount, m);
        this.block = b.count == b.block.length ? b.block : Arrays.copyOf(b.block, m);
        this.txIndex = b.count == b.txIndex.length ? b.txIndex : Arrays.copyOf(b.txIndex, m);
        this.logIndex = b.count == b.logIndex.length ? b.logIndex : Arrays.copyOf(b.logIndex, m);
        this.time = b.count == b.time.length ? b.time : Arrays.copyOf(b.time, m);
        this.hashes = b.count == b.from.length ? b.hashes : Arrays.copyOf(b.hashes, m * 32); // no copy when full
        this.outStart = new int[addresses.length + 1];
        this.outList = new int[m];
        this.inStart = new int[addresses.length + 1];
        this.inList = new int[m];
        index(from, outStart, outList);
        index(to, inStart, inList);
        this.attributed = Map.copyOf(attributed);
        this.lastBlock = m == 0 ? 0 : block[m - 1];
    }

    /** A counting sort of the transfer numbers by address: stable, so each range stays in chain order. */
    private void index(int[] side, int[] start, int[] list) {
        for (int s : side) {
            start[s + 1]++;
        }
        for (int a = 0; a < addresses.length; a++) {
            start[a + 1] += start[a];
        }
        int[] next = Arrays.copyOf(start, addresses.length);
        for (int t = 0; t < side.length; t++) {
            list[next[side[t]]++] = t;
        }
    }

    /** Collects transfers in chain order, then {@link #build} indexes them. */
    static final class Builder {
        private final Chain chain;
        private final String assetKey;
        private final List<String> addresses = new ArrayList<>();
        private final Map<String, Integer> ids = new HashMap<>();
        private int count;
        private int[] from;
        private int[] to;
        private long[] amount;
        private long[] block;
        private int[] txIndex;
        private int[] logIndex;
        private long[] time;
        private byte[] hashes;
        private Transfer last;

        /**
         * @param capacity the transfers expected; more are taken, at the cost of growing the arrays
         */
        Builder(Chain chain, String assetKey, int capacity) {
            this.chain = Objects.requireNonNull(chain, "chain");
            this.assetKey = Objects.requireNonNull(assetKey, "assetKey");
            if (capacity < 0) {
                throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
            }
            from = new int[capacity];
            to = new int[capacity];
            amount = new long[capacity];
            block = new long[capacity];
            txIndex = new int[capacity];
            logIndex = new int[capacity];
            time = new long[capacity];
            hashes = new byte[capacity * 32];
        }

        /**
         * @throws IllegalArgumentException if the transfer is of another chain or asset, comes before
         *                                  the last one in chain order, or does not fit the columns
         */
        void add(Transfer t) {
            if (t.chain() != chain || !t.assetKey().equals(assetKey)) {
                throw new IllegalArgumentException("the in-memory graph holds " + chain.id() + " " + assetKey
                        + ", not " + t.chain().id() + " " + t.assetKey() + " (transfer " + t.id() + ")");
            }
            if (last != null && Transfer.CHAIN_ORDER.compare(last, t) > 0) {
                throw new IllegalArgumentException("transfers must come in chain order; " + t.id() + " came after "
                        + last.id());
            }
            if (t.amount().bitLength() > 63) {
                throw new IllegalArgumentException("amount of " + t.id() + " exceeds 63 bits: " + t.amount());
            }
            if (t.txHash().length() != 66 || !t.txHash().startsWith("0x")) {
                throw new IllegalArgumentException("tx hash must be 0x and 64 hex digits, was " + t.txHash());
            }
            if (count == from.length) {
                grow();
            }
            from[count] = id(t.from());
            to[count] = id(t.to());
            amount[count] = t.amount().longValueExact();
            block[count] = t.blockNumber();
            txIndex[count] = t.txIndex();
            logIndex[count] = t.logIndex();
            time[count] = t.timestamp();
            byte[] hash = HEX.parseHex(t.txHash(), 2, 66);
            System.arraycopy(hash, 0, hashes, count * 32, 32);
            count++;
            last = t;
        }

        private int id(String address) {
            Integer id = ids.get(address);
            if (id == null) {
                id = addresses.size();
                addresses.add(address);
                ids.put(address, id);
            }
            return id;
        }

        private void grow() {
            int n = Math.max(16, count * 2);
            from = Arrays.copyOf(from, n);
            to = Arrays.copyOf(to, n);
            amount = Arrays.copyOf(amount, n);
            block = Arrays.copyOf(block, n);
            txIndex = Arrays.copyOf(txIndex, n);
            logIndex = Arrays.copyOf(logIndex, n);
            time = Arrays.copyOf(time, n);
            hashes = Arrays.copyOf(hashes, n * 32);
        }

        /** Every address seen so far, in the order first seen. */
        List<String> addresses() {
            return List.copyOf(addresses);
        }

        /**
         * @param attributed the labels and entity of the addresses that have any (as the store
         *                   returns them); every other address seen is unattributed
         */
        InMemoryTransfers build(Map<String, Attribution> attributed) {
            return new InMemoryTransfers(this, attributed);
        }
    }

    /** Transfers held. */
    int transfers() {
        return from.length;
    }

    @Override
    public List<Transfer> transfersFrom(Chain chain, String assetKey, Collection<String> addresses) {
        return transfers(chain, assetKey, addresses, outStart, outList);
    }

    @Override
    public List<Transfer> transfersTo(Chain chain, String assetKey, Collection<String> addresses) {
        return transfers(chain, assetKey, addresses, inStart, inList);
    }

    private List<Transfer> transfers(Chain chain, String assetKey, Collection<String> asked, int[] start, int[] list) {
        if (chain != this.chain || !assetKey.equals(this.assetKey) || asked.isEmpty()) {
            return List.of();
        }
        int[] found = new int[16];
        int n = 0;
        for (String address : asked) {
            Integer id = ids.get(address);
            if (id == null) { // as in the store's query, an address asked twice gives its transfers twice
                continue;
            }
            int count = start[id + 1] - start[id];
            if (n + count > found.length) {
                found = Arrays.copyOf(found, Math.max(found.length * 2, n + count));
            }
            System.arraycopy(list, start[id], found, n, count);
            n += count;
        }
        Arrays.sort(found, 0, n);
        List<Transfer> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(transfer(found[i]));
        }
        return result;
    }

    private Transfer transfer(int t) {
        return new Transfer(chain, "0x" + HEX.formatHex(hashes, t * 32, t * 32 + 32), block[t], txIndex[t], logIndex[t],
                time[t], addresses[from[t]], addresses[to[t]], assetKey, BigInteger.valueOf(amount[t]));
    }

    @Override
    public Map<String, Attribution> attributions(Chain chain, Collection<String> asked) {
        Map<String, Attribution> result = new HashMap<>();
        if (chain != this.chain) {
            return result;
        }
        for (String address : asked) {
            if (ids.containsKey(address)) {
                result.put(address, attributed.getOrDefault(address, Attribution.NONE));
            }
        }
        return result;
    }

    @Override
    public Map<String, Long> lastBlocks() {
        Map<String, Long> result = new TreeMap<>();
        if (from.length > 0) {
            result.put(chain.id(), lastBlock);
        }
        return result;
    }
}
