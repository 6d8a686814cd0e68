package org.chaintrail.ingest.bitcoin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;

/**
 * A block parsed from its serialized bytes by {@link RawBlockParser}.
 *
 * @param header       the header
 * @param transactions the transactions, the coinbase first
 * @param size         serialized bytes
 */
public record RawBlock(BlockHeader header, List<RawTransaction> transactions, int size) {
    public RawBlock {
        transactions = List.copyOf(transactions);
    }

    /** The block's hash, display order. */
    public String hash() {
        return header.hash();
    }

    /**
     * The block as the graph stores it: outputs classified by {@link ScriptDecoder}, inputs with
     * their spent outputs not yet resolved, and the coinbase without inputs.
     *
     * @param height the block's height, which the bytes do not carry (before BIP34)
     * @throws BitcoinParseException naming the transaction if an output's value is outside
     *                               0..21 million BTC or an input spends an output index above 2^31
     */
    public UtxoBlock toUtxoBlock(long height) {
        List<UtxoTransaction> converted = new ArrayList<>(transactions.size());
        for (int t = 0; t < transactions.size(); t++) {
            RawTransaction tx = transactions.get(t);
            try {
                converted.add(convert(tx, t));
            } catch (IllegalArgumentException e) {
                throw new BitcoinParseException("block " + height + " (" + hash() + "), transaction " + t + " ("
                        + tx.txid() + "): " + e.getMessage(), -1, e);
            }
        }
        return new UtxoBlock(new Block(Chain.BITCOIN, height, hash(), header.time()), header.prevHash(), converted);
    }

    private static UtxoTransaction convert(RawTransaction tx, int index) {
        boolean coinbase = tx.coinbase();
        List<UtxoInput> inputs = new ArrayList<>(coinbase ? 0 : tx.inputs().size());
        if (!coinbase) {
            for (int i = 0; i < tx.inputs().size(); i++) {
                RawTransaction.Input input = tx.inputs().get(i);
                if (input.vout() > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("input " + i + " spends output " + input.vout()
                            + " of " + input.prevTxid() + ", beyond any transaction's outputs");
                }
                inputs.add(new UtxoInput(i, new OutPoint(input.prevTxid(), (int) input.vout()), Optional.empty()));
            }
        }
        List<UtxoOutput> outputs = new ArrayList<>(tx.outputs().size());
        for (int o = 0; o < tx.outputs().size(); o++) {
            RawTransaction.Output output = tx.outputs().get(o);
            outputs.add(ScriptDecoder.decode(o, output.value(), output.scriptPubKey()));
        }
        return new UtxoTransaction(tx.txid(), index, coinbase, inputs, outputs, tx.size(), tx.vsize());
    }
}
