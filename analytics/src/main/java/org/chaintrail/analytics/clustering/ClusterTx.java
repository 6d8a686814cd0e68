package org.chaintrail.analytics.clustering;

import java.util.Arrays;
import java.util.Objects;
import org.chaintrail.model.BitcoinAddress;

/**
 * A Bitcoin transaction as the clustering sees it: dense address ids instead of address text.
 *
 * <p>An output with no spendable address of its own ({@code OP_RETURN}, non-standard) may be given
 * as id {@value #NO_ADDRESS}: the heuristics never link it, though its value still counts where
 * values matter (CoinJoin shapes). An input whose spent address is unknown may be given so too.
 *
 * <p>The arrays are used as given, not copied, since a stream of millions of transactions would
 * pay for every copy: do not change them after construction.
 *
 * @param txid           the transaction's id, as evidence names it
 * @param block          the block height
 * @param txIndex        the position in the block
 * @param inputs         the address id of each input's spent output, in input order; empty for a
 *                       coinbase
 * @param inputFamilies  the script family of each input's spent output
 * @param outputs        the address id of each output, in output order
 * @param outputValues   each output's value in satoshi
 * @param outputFamilies each output's script family
 */
public record ClusterTx(String txid, long block, int txIndex, int[] inputs, ScriptFamily[] inputFamilies,
                        int[] outputs, long[] outputValues, ScriptFamily[] outputFamilies) {
    /** The id of an output (or input) with no address the heuristics may link. */
    public static final int NO_ADDRESS = -1;

    public ClusterTx {
        Objects.requireNonNull(txid, "txid");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(inputFamilies, "inputFamilies");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(outputValues, "outputValues");
        Objects.requireNonNull(outputFamilies, "outputFamilies");
        if (block < 0 || txIndex < 0) {
            throw new IllegalArgumentException("transaction " + txid + ": block and index must not be negative, were "
                    + block + " and " + txIndex);
        }
        if (inputFamilies.length != inputs.length) {
            throw new IllegalArgumentException("transaction " + txid + ": " + inputs.length + " inputs but "
                    + inputFamilies.length + " input families");
        }
        if (outputValues.length != outputs.length || outputFamilies.length != outputs.length) {
            throw new IllegalArgumentException("transaction " + txid + ": " + outputs.length + " outputs but "
                    + outputValues.length + " values and " + outputFamilies.length + " families");
        }
        if (outputs.length == 0) {
            throw new IllegalArgumentException("transaction " + txid + " has no outputs");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] < NO_ADDRESS || inputFamilies[i] == null) {
                throw new IllegalArgumentException("transaction " + txid + ": input " + i + " has address id "
                        + inputs[i] + " and family " + inputFamilies[i] + "; ids are " + NO_ADDRESS + " or more");
            }
        }
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] < NO_ADDRESS || outputFamilies[i] == null) {
                throw new IllegalArgumentException("transaction " + txid + ": output " + i + " has address id "
                        + outputs[i] + " and family " + outputFamilies[i] + "; ids are " + NO_ADDRESS + " or more");
            }
            if (outputValues[i] < 0 || outputValues[i] > BitcoinAddress.MAX_SATOSHI) {
                throw new IllegalArgumentException("transaction " + txid + ": output " + i + " has value "
                        + outputValues[i] + ", expected 0.." + BitcoinAddress.MAX_SATOSHI + " satoshi");
            }
        }
    }

    /** Whether this is a coinbase: it has no inputs. */
    public boolean coinbase() {
        return inputs.length == 0;
    }

    /** The largest address id among the inputs and outputs, or {@value #NO_ADDRESS} if none has one. */
    public int maxAddress() {
        int max = NO_ADDRESS;
        for (int a : inputs) {
            max = Math.max(max, a);
        }
        for (int a : outputs) {
            max = Math.max(max, a);
        }
        return max;
    }

    /** Equal when every field is, the arrays compared element by element. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterTx t && txid.equals(t.txid) && block == t.block && txIndex == t.txIndex
                && Arrays.equals(inputs, t.inputs) && Arrays.equals(inputFamilies, t.inputFamilies)
                && Arrays.equals(outputs, t.outputs) && Arrays.equals(outputValues, t.outputValues)
                && Arrays.equals(outputFamilies, t.outputFamilies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(txid, block, txIndex, Arrays.hashCode(inputs), Arrays.hashCode(outputs),
                Arrays.hashCode(outputValues));
    }

    @Override
    public String toString() {
        return "ClusterTx[" + txid + " at " + block + ":" + txIndex + ", inputs " + Arrays.toString(inputs) + " "
                + Arrays.toString(inputFamilies) + ", outputs " + Arrays.toString(outputs) + " "
                + Arrays.toString(outputValues) + " " + Arrays.toString(outputFamilies) + "]";
    }
}
