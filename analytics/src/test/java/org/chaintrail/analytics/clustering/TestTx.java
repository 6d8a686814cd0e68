package org.chaintrail.analytics.clustering;

import java.util.ArrayList;
import java.util.List;

/** Builds {@link ClusterTx}s inline: {@code TestTx.of("aa…").in(3, P2WPKH).out(7, 50_000, P2WPKH).build()}. */
final class TestTx {
    static final long BTC = 100_000_000L;

    private final String txid;
    private long block = 800_000;
    private int index = 1;
    private final List<Integer> inputs = new ArrayList<>();
    private final List<ScriptFamily> inputFamilies = new ArrayList<>();
    private final List<Integer> outputs = new ArrayList<>();
    private final List<Long> values = new ArrayList<>();
    private final List<ScriptFamily> outputFamilies = new ArrayList<>();

    private TestTx(String txid) {
        this.txid = txid;
    }

    static TestTx of(String txid) {
        return new TestTx(txid);
    }

    /** A txid of 64 hex digits made from a short number, for transactions that need no real id. */
    static TestTx of(int n) {
        return new TestTx(String.format("%064x", n));
    }

    TestTx at(long block, int index) {
        this.block = block;
        this.index = index;
        return this;
    }

    TestTx in(int address, ScriptFamily family) {
        inputs.add(address);
        inputFamilies.add(family);
        return this;
    }

    /** Inputs with the given addresses, all of one family. */
    TestTx ins(ScriptFamily family, int... addresses) {
        for (int a : addresses) {
            in(a, family);
        }
        return this;
    }

    TestTx out(int address, long satoshi, ScriptFamily family) {
        outputs.add(address);
        values.add(satoshi);
        outputFamilies.add(family);
        return this;
    }

    ClusterTx build() {
        return new ClusterTx(txid, block, index, inputs.stream().mapToInt(Integer::intValue).toArray(),
                inputFamilies.toArray(ScriptFamily[]::new), outputs.stream().mapToInt(Integer::intValue).toArray(),
                values.stream().mapToLong(Long::longValue).toArray(), outputFamilies.toArray(ScriptFamily[]::new));
    }
}
