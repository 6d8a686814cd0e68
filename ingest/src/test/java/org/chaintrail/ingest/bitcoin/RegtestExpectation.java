package org.chaintrail.ingest.bitcoin;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;

/**
 * What the graph must hold after ingesting blocks {@code from..to} of a {@link RegtestChain},
 * computed from the bitcoinj blocks alone (values, ids, sizes) and the {@link RegtestLock} each
 * output was made with (type, address), never from the code under test.
 *
 * @param transactions by txid, in chain order, inputs resolved to the outputs they spend
 * @param fees         per non-coinbase txid: its inputs' values less its outputs'
 * @param flows        per address: {received, outputs received, sent, inputs sent}
 * @param counts       what {@code GraphStore.counts()} must give for these labels and types
 */
record RegtestExpectation(Map<String, UtxoTransaction> transactions, Map<String, Long> fees,
                          Map<String, long[]> flows, Map<String, Long> counts) {

    static RegtestExpectation of(RegtestChain chain, int from, int to) {
        Map<String, Transaction> everyTx = new HashMap<>();
        for (Block b : chain.blocks()) {
            b.getTransactions().forEach(tx -> everyTx.put(tx.getTxId().toString(), tx));
        }
        Map<String, UtxoTransaction> transactions = new LinkedHashMap<>();
        Map<String, Long> fees = new LinkedHashMap<>();
        Map<String, long[]> flows = new TreeMap<>();
        Set<String> addresses = new TreeSet<>();
        long inputs = 0;
        long outputs = 0;
        for (int h = from; h <= to; h++) {
            List<Transaction> txs = chain.block(h).getTransactions();
            for (int index = 0; index < txs.size(); index++) {
                Transaction tx = txs.get(index);
                List<UtxoOutput> outs = tx.getOutputs().stream().map(o -> output(chain, o)).toList();
                List<UtxoInput> ins = tx.isCoinBase() ? List.of() : tx.getInputs().stream()
                        .map(i -> input(chain, everyTx, i)).toList();
                long in = 0;
                for (UtxoInput i : ins) {
                    UtxoOutput spent = i.prevout().orElseThrow();
                    in += spent.value();
                    addresses.add(spent.address());
                    long[] f = flows.computeIfAbsent(spent.address(), k -> new long[4]);
                    f[2] += spent.value();
                    f[3]++;
                }
                long out = 0;
                for (UtxoOutput o : outs) {
                    out += o.value();
                    addresses.add(o.address());
                    long[] f = flows.computeIfAbsent(o.address(), k -> new long[4]);
                    f[0] += o.value();
                    f[1]++;
                }
                String txid = tx.getTxId().toString();
                transactions.put(txid, new UtxoTransaction(txid, index, tx.isCoinBase(), ins, outs, tx.messageSize(),
                        tx.getVsize()));
                if (!tx.isCoinBase()) {
                    fees.put(txid, in - out);
                }
                inputs += ins.size();
                outputs += outs.size();
            }
        }
        Map<String, Long> counts = Map.of("Block", (long) (to - from + 1), "Transaction", (long) transactions.size(),
                ":IN", inputs, ":OUT", outputs, "Address", (long) addresses.size(), "Transfer", 0L);
        return new RegtestExpectation(transactions, fees, flows, counts);
    }

    long totalFees() {
        return fees.values().stream().mapToLong(Long::longValue).sum();
    }

    private static UtxoOutput output(RegtestChain chain, TransactionOutput o) {
        RegtestLock lock = chain.output(o.getParentTransactionHash(), o.getIndex()).lock();
        if (!Arrays.equals(lock.scriptPubKey().program(), o.getScriptBytes())) {
            throw new IllegalStateException("harness bug: output " + o.getOutPointFor() + " is not the script of "
                    + lock);
        }
        return new UtxoOutput(o.getIndex(), o.getValue().value, ScriptType.ofCoreName(lock.coreType()),
                lock.graphAddress());
    }

    private static UtxoInput input(RegtestChain chain, Map<String, Transaction> everyTx, TransactionInput i) {
        String spentTxid = i.getOutpoint().hash().toString();
        int vout = (int) i.getOutpoint().index();
        TransactionOutput spent = everyTx.get(spentTxid).getOutput(vout);
        return new UtxoInput(i.getIndex(), new OutPoint(spentTxid, vout), Optional.of(output(chain, spent)));
    }
}
