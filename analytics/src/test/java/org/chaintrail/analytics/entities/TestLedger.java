package org.chaintrail.analytics.entities;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Approval;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;

/**
 * A hand-built Ethereum history for the account heuristics' tests: each call is one transaction
 * with a hash of its own ({@code 0x00…<n>}), in the block given, and returns that hash.
 */
final class TestLedger {
    static final Chain ETH = Chain.ETHEREUM;

    private final List<Transfer> transfers = new ArrayList<>();
    private final List<Approval> approvals = new ArrayList<>();
    private final List<Asset> assets = new ArrayList<>();
    private final List<AddressLabel> labels = new ArrayList<>();
    private int txs;

    /** An address whose hex ends in {@code tail}. */
    static String addr(String tail) {
        return "0x" + "0".repeat(40 - tail.length()) + tail;
    }

    private String nextTx() {
        txs++;
        return "0x" + String.format("%064x", txs);
    }

    /** A token contract the graph knows as an asset. */
    TestLedger token(String contract, String symbol) {
        assets.add(Asset.token(ETH, contract, symbol, 18));
        return this;
    }

    /** A transaction carrying ether: its payer is thereby an externally owned account. */
    String ether(long block, String from, String to, long wei) {
        String tx = nextTx();
        transfers.add(new Transfer(ETH, tx, block, 0, Transfer.NATIVE_LOG_INDEX, 1_700_000_000L + 12 * block, from, to,
                Asset.NATIVE, BigInteger.valueOf(wei)));
        return tx;
    }

    /** Ether a contract passed on inside a call: says nothing about who the payer is. */
    String internalEther(long block, String from, String to, long wei) {
        String tx = nextTx();
        transfers.add(new Transfer(ETH, tx, block, 0, Transfer.internalIndex(0), 1_700_000_000L + 12 * block, from, to,
                Asset.NATIVE, BigInteger.valueOf(wei)));
        return tx;
    }

    String tokens(long block, String token, String from, String to, long amount) {
        String tx = nextTx();
        transfers.add(new Transfer(ETH, tx, block, 0, 0, 1_700_000_000L + 12 * block, from, to, token,
                BigInteger.valueOf(amount)));
        return tx;
    }

    String approve(long block, String token, String owner, String spender, BigInteger amount) {
        String tx = nextTx();
        approvals.add(new Approval(ETH, tx, block, 0, 0, token, owner, spender, amount));
        return tx;
    }

    TestLedger label(String address, String label, String category, String actor) {
        labels.add(new AddressLabel(ETH, address, new Label(label, Optional.of(category), Optional.empty(),
                Optional.of(actor), "test", Optional.empty())));
        return this;
    }

    void writeTo(GraphStore store) {
        store.write(new WriteBatch(List.of(), assets, transfers, labels, Optional.empty(), approvals));
    }
}
