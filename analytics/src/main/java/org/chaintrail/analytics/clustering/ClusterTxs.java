package org.chaintrail.analytics.clustering;

import java.util.List;
import java.util.function.ToIntFunction;
import org.chaintrail.graph.ClusterStore;
import org.chaintrail.model.ScriptType;

/** Turns a stored transaction into the engine's view of it. */
final class ClusterTxs {
    private ClusterTxs() {
    }

    /**
     * @param id the dense id of an input's or output's address; asked in order of appearance,
     *           inputs before outputs, and never for a data output, so a caller may hand out new
     *           ids as it is asked
     */
    static ClusterTx of(ClusterStore.Tx tx, ToIntFunction<ClusterStore.Party> id) {
        List<ClusterStore.Party> ins = tx.inputs();
        int[] inputs = new int[ins.size()];
        ScriptFamily[] inputFamilies = new ScriptFamily[ins.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = id.applyAsInt(ins.get(i));
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
            outputs[i] = type == ScriptType.NULLDATA ? ClusterTx.NO_ADDRESS : id.applyAsInt(o);
            values[i] = o.value();
            outputFamilies[i] = ScriptFamily.of(type);
        }
        return new ClusterTx(tx.txid(), tx.blockNumber(), tx.txIndex(), inputs, inputFamilies, outputs, values,
                outputFamilies);
    }
}
