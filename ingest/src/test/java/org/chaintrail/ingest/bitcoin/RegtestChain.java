package org.chaintrail.ingest.bitcoin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Context;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutPoint;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.params.RegTestParams;
import org.bitcoinj.script.ScriptBuilder;
import org.bitcoinj.script.ScriptPattern;

/**
 * A regtest chain built in memory with bitcoinj, block by block, as Bitcoin Core's miner would
 * build it: regtest's genesis block; each later block a coinbase (BIP34 height, subsidy plus the
 * fees, a BIP141 witness commitment and its reserved value), then the given transactions, the
 * header solved against regtest's easy target. Spends are checked against this branch's unspent
 * outputs (no double spend, coinbase maturity of 100 blocks); their signatures are real wherever
 * bitcoinj can make them (see {@link RegtestLock}).
 *
 * <p>A {@link #fork} shares the blocks below a height and then grows on its own, so the same
 * output may be spent differently on each branch: a reorg for {@link ScriptedBitcoinNode} to
 * serve. Branches share the record of every output ever made ({@link #output}). Not thread-safe.
 */
final class RegtestChain {
    static final int COINBASE_MATURITY = 100;
    /** Regtest halves the subsidy every 150 blocks. */
    private static final int HALVING_INTERVAL = 150;
    private static final long BLOCK_VERSION = 0x20000000L;
    private static final byte[] WITNESS_RESERVED = new byte[32];
    private static final byte[] COMMITMENT_HEADER = {(byte) 0xaa, 0x21, (byte) 0xa9, (byte) 0xed};

    /** An output the chain made and how it is locked. */
    record Utxo(Sha256Hash txid, int vout, Coin value, RegtestLock lock) {
        TransactionOutPoint outPoint() {
            return new TransactionOutPoint(vout, txid);
        }
    }

    /** An output to make. */
    record Payment(RegtestLock lock, Coin value) {
    }

    private record Key(Sha256Hash txid, long vout) {
    }

    private final String branch;
    private final Map<Key, Utxo> known;
    private final List<Block> blocks;
    /** Entry h: this branch's unspent outputs after block h. */
    private final List<Map<Key, Utxo>> unspentAfter;
    private final Map<Sha256Hash, Integer> coinbaseHeights;

    private RegtestChain(String branch, Map<Key, Utxo> known, List<Block> blocks, List<Map<Key, Utxo>> unspentAfter,
                         Map<Sha256Hash, Integer> coinbaseHeights) {
        this.branch = branch;
        this.known = known;
        this.blocks = blocks;
        this.unspentAfter = unspentAfter;
        this.coinbaseHeights = coinbaseHeights;
    }

    /** A chain holding regtest's genesis block, whose 50 BTC pay Satoshi's key and can never be spent. */
    static RegtestChain fromGenesis() {
        Context.propagate(new Context());
        Block genesis = RegTestParams.get().getGenesisBlock();
        Transaction coinbase = genesis.getTransactions().get(0);
        TransactionOutput out = coinbase.getOutput(0);
        Utxo reward = new Utxo(coinbase.getTxId(), 0, out.getValue(),
                new RegtestLock.P2pk(ECKey.fromPublicOnly(ScriptPattern.extractKeyFromP2PK(out.getScriptPubKey()))));
        Map<Key, Utxo> known = new HashMap<>();
        known.put(key(reward), reward);
        // Core never lets the genesis coinbase be spent: it is not in the unspent set.
        List<Map<Key, Utxo>> unspent = new ArrayList<>();
        unspent.add(Map.of());
        return new RegtestChain("main", known, new ArrayList<>(List.of(genesis)), unspent, new HashMap<>());
    }

    /**
     * A competing branch: this chain's blocks below {@code height}, nothing from {@code height} on.
     *
     * @param name told apart in every coinbase, so that no coinbase repeats across branches
     */
    RegtestChain fork(int height, String name) {
        if (height < 1 || height > height()) {
            throw new IllegalArgumentException("fork height must be 1.." + height() + ", was " + height);
        }
        Map<Sha256Hash, Integer> heights = new HashMap<>();
        coinbaseHeights.forEach((txid, h) -> {
            if (h < height) {
                heights.put(txid, h);
            }
        });
        return new RegtestChain(name, known, new ArrayList<>(blocks.subList(0, height)),
                new ArrayList<>(unspentAfter.subList(0, height)), heights);
    }

    /** The height of the tip. */
    int height() {
        return blocks.size() - 1;
    }

    /** The blocks, genesis first: index is height. */
    List<Block> blocks() {
        return List.copyOf(blocks);
    }

    Block block(int height) {
        return blocks.get(height);
    }

    /** The reward output (output 0) of the coinbase at a height. */
    Utxo reward(int height) {
        return output(blocks.get(height).getTransactions().get(0).getTxId(), 0);
    }

    Utxo output(Transaction tx, int vout) {
        return output(tx.getTxId(), vout);
    }

    /**
     * Any output made on any branch.
     *
     * @throws IllegalArgumentException if no branch made it
     */
    Utxo output(Sha256Hash txid, long vout) {
        Utxo utxo = known.get(new Key(txid, vout));
        if (utxo == null) {
            throw new IllegalArgumentException("no output " + txid + ":" + vout + " was made");
        }
        return utxo;
    }

    /**
     * A version 2 transaction spending these outputs into these payments, every input unlocked;
     * the fee is what the inputs leave over. It is not mined: pass it to {@link #mine}.
     *
     * @throws IllegalArgumentException if the payments exceed the inputs
     */
    Transaction spend(List<Utxo> inputs, Payment... payments) {
        Transaction tx = new Transaction();
        tx.setVersion(2);
        for (Utxo u : inputs) {
            tx.addInput(new TransactionInput(tx, new byte[0], u.outPoint(), u.value()));
        }
        long paid = 0;
        for (Payment p : payments) {
            tx.addOutput(p.value(), p.lock().scriptPubKey());
            paid += p.value().value;
        }
        long available = inputs.stream().mapToLong(u -> u.value().value).sum();
        if (paid > available) {
            throw new IllegalArgumentException("payments of " + paid + " sat exceed the inputs' " + available);
        }
        for (int i = 0; i < inputs.size(); i++) {
            inputs.get(i).lock().unlock(tx, i, inputs.get(i).value());
        }
        remember(tx, List.of(payments));
        return tx;
    }

    /**
     * Mines the next block on this branch: a coinbase paying {@code rewardTo} the subsidy and the
     * fees, then {@code txs} in order (a later one may spend an earlier one's outputs).
     *
     * @throws IllegalArgumentException if a transaction spends an output that is not unspent on
     *                                  this branch at that point, or a coinbase younger than 100 blocks
     */
    Block mine(RegtestLock rewardTo, Transaction... txs) {
        int height = blocks.size();
        Map<Key, Utxo> unspent = new LinkedHashMap<>(unspentAfter.get(height - 1));
        long fees = 0;
        for (Transaction tx : txs) {
            long in = 0;
            for (TransactionInput input : tx.getInputs()) {
                Key spent = new Key(input.getOutpoint().hash(), input.getOutpoint().index());
                Utxo u = unspent.remove(spent);
                if (u == null) {
                    throw new IllegalArgumentException("block " + height + " on branch " + branch + ": " + tx.getTxId()
                            + " spends " + spent + ", which is not unspent there");
                }
                Integer made = coinbaseHeights.get(spent.txid());
                if (made != null && height - made < COINBASE_MATURITY) {
                    throw new IllegalArgumentException("block " + height + ": " + tx.getTxId() + " spends the coinbase of"
                            + " block " + made + ", immature until block " + (made + COINBASE_MATURITY));
                }
                in += u.value().value;
            }
            fees += in - tx.getOutputSum().value;
            for (TransactionOutput out : tx.getOutputs()) {
                unspent.put(new Key(tx.getTxId(), out.getIndex()), output(tx.getTxId(), out.getIndex()));
            }
        }
        Block previous = blocks.get(height - 1);
        Coin reward = Coin.FIFTY_COINS.shiftRight(height / HALVING_INTERVAL).add(Coin.valueOf(fees));
        Transaction coinbase = coinbase(height, rewardTo, reward, witnessCommitment(previous, txs));
        List<Transaction> all = new ArrayList<>();
        all.add(coinbase);
        all.addAll(List.of(txs));
        Instant time = blocks.get(0).time().plusSeconds(600L * height);
        Block block = new Block(BLOCK_VERSION, previous.getHash(), null, time, previous.getDifficultyTarget(), 0, all);
        block.solve();
        unspent.put(new Key(coinbase.getTxId(), 0), output(coinbase, 0));
        coinbaseHeights.put(coinbase.getTxId(), height);
        blocks.add(block);
        unspentAfter.add(unspent);
        return block;
    }

    /** Mines {@code count} blocks holding only their coinbase, e.g. to let earlier rewards mature. */
    void mineEmpty(int count, RegtestLock rewardTo) {
        for (int i = 0; i < count; i++) {
            mine(rewardTo);
        }
    }

    private Transaction coinbase(int height, RegtestLock rewardTo, Coin reward, byte[] commitment) {
        byte[] tag = ("chaintrail " + branch).getBytes(StandardCharsets.US_ASCII);
        Transaction coinbase = Transaction.coinbase(new ScriptBuilder().number(height).data(tag).build().program());
        coinbase.addOutput(reward, rewardTo.scriptPubKey());
        RegtestLock.OpReturn witnessCommitment = new RegtestLock.OpReturn(commitment);
        coinbase.addOutput(Coin.ZERO, witnessCommitment.scriptPubKey());
        coinbase.replaceInput(0, coinbase.getInput(0).withWitness(TransactionWitness.of(WITNESS_RESERVED)));
        remember(coinbase, List.of(new Payment(rewardTo, reward), new Payment(witnessCommitment, Coin.ZERO)));
        return coinbase;
    }

    /**
     * BIP141: {@code aa21a9ed} and SHA-256d of the witness merkle root (the coinbase counting as
     * zero) and the coinbase's reserved value.
     */
    private static byte[] witnessCommitment(Block previous, Transaction... txs) {
        List<Transaction> all = new ArrayList<>();
        all.add(Transaction.coinbase(new byte[] {0, 0}));
        all.addAll(List.of(txs));
        Block draft = new Block(BLOCK_VERSION, previous.getHash(), null, previous.time(),
                previous.getDifficultyTarget(), 0, all);
        byte[] hash = Sha256Hash.twiceOf(draft.getWitnessRoot().serialize(), WITNESS_RESERVED).getBytes();
        byte[] data = new byte[36];
        System.arraycopy(COMMITMENT_HEADER, 0, data, 0, 4);
        System.arraycopy(hash, 0, data, 4, 32);
        return data;
    }

    private void remember(Transaction tx, List<Payment> payments) {
        for (int vout = 0; vout < payments.size(); vout++) {
            Payment p = payments.get(vout);
            Utxo utxo = new Utxo(tx.getTxId(), vout, p.value(), p.lock());
            known.put(key(utxo), utxo);
        }
    }

    private static Key key(Utxo utxo) {
        return new Key(utxo.txid(), utxo.vout());
    }
}
