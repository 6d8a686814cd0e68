package org.chaintrail.analytics.clustering;

import java.util.List;
import java.util.Map;
import org.chaintrail.graph.ClusterStore;
import org.chaintrail.model.ScriptType;

/** Turns a stored transaction into the engine's view of it, giving ids to addresses that have none. */
final class ClusterTxs {
    private ClusterTxs() {
    }

    /**
     * @param newIds ids given in this page so far (address → id); new ones are added in order of
     *               first appearance, inputs before outputs
     * @param firstId the id the page's first new address gets
     */
    static ClusterTx of(ClusterStore.Tx tx, Map<String, Integer> newIds, int firstId) {
        List<ClusterStore.Party> ins = tx.inputs();
        int[] inputs = new int[ins.size()];
        ScriptFamily[] inputFamilies = new ScriptFamily[ins.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = id(ins.get(i), newIds, firstId);
            inputFamilies[i] = ScriptFamily.ofAddress(ins.get(i).address());
        }
        List<ClusterStore.Party> outs = tx.outputs();
        int[] outputs = new int[outs.size()];
        long[] values = new long[outs.size()];
        ScriptFamily[] outputFamilies = new ScriptFamily[outs.size()];
        for (int i = 0; i < outputs.length; i++) {
            ClusterStore.Party o = outs.get(i);
            ScriptType type = ScriptType.ofCoreName(o.type().orElseThrow());
            // Data outputs can never be spent, so they own nothing and join nothing.
            outputs[i] = type == ScriptType.NULLDATA ? -1 : id(o, newIds, firstId);
            values[i] = o.value();
            outputFamilies[i] = ScriptFamily.of(type);
        }
        return new ClusterTx(tx.txid(), tx.blockNumber(), tx.txIndex(), inputs, inputFamilies, outputs, values,
                outputFamilies);
    }

    private static int id(ClusterStore.Party p, Map<String, Integer> newIds, int firstId) {
        if (p.cid() >= 0) {
            return p.cid();
        }
        return newIds.computeIfAbsent(p.address(), a -> firstId + newIds.size());
    }
}
