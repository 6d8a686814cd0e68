package org.chaintrail.ingest.bitcoin;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.LegacyAddress;
import org.bitcoinj.base.SegwitAddress;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.crypto.internal.CryptoUtils;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/**
 * How a {@link RegtestChain} output is locked: its script, what a node and the graph should call
 * it, and how to unlock it. The type and address are derived from how the lock was made (a key, a
 * redeem script), never by parsing the script, so that they are an independent expectation for
 * both {@link ScriptedBitcoinNode} (which parses scripts with bitcoinj) and {@code ScriptDecoder}.
 * Addresses are mainnet encodings: the graph stores mainnet addresses, and script bytes are the
 * same on every network.
 */
sealed interface RegtestLock {
    BitcoinNetwork MAINNET = BitcoinNetwork.MAINNET;
    Transaction.SigHash ALL = Transaction.SigHash.ALL;

    /** The output script. */
    Script scriptPubKey();

    /** Bitcoin Core's {@code scriptPubKey.type}. */
    String coreType();

    /** The address the graph stores: the mainnet address, or {@code script-} and the script's SHA-256. */
    String graphAddress();

    /**
     * Unlocks input {@code index} of {@code tx}, which spends an output with this lock and value:
     * sets its scriptSig and witness. Call after every input and output is in place.
     */
    void unlock(Transaction tx, int index, Coin value);

    /** Bare public key; Core shows no address for it, the graph the P2PKH address of the key bytes. */
    record P2pk(ECKey key) implements RegtestLock {
        public Script scriptPubKey() {
            return ScriptBuilder.createP2PKOutputScript(key);
        }

        public String coreType() {
            return "pubkey";
        }

        public String graphAddress() {
            return LegacyAddress.fromPubKeyHash(MAINNET, key.getPubKeyHash()).toString();
        }

        public void unlock(Transaction tx, int index, Coin value) {
            TransactionSignature sig = tx.calculateSignature(index, key, scriptPubKey(), ALL, false);
            set(tx, index, ScriptBuilder.createInputScript(sig), TransactionWitness.EMPTY);
        }
    }

    record P2pkh(ECKey key) implements RegtestLock {
        public Script scriptPubKey() {
            return ScriptBuilder.createP2PKHOutputScript(key);
        }

        public String coreType() {
            return "pubkeyhash";
        }

        public String graphAddress() {
            return LegacyAddress.fromPubKeyHash(MAINNET, key.getPubKeyHash()).toString();
        }

        public void unlock(Transaction tx, int index, Coin value) {
            TransactionSignature sig = tx.calculateSignature(index, key, scriptPubKey(), ALL, false);
            set(tx, index, ScriptBuilder.createInputScript(sig, key), TransactionWitness.EMPTY);
        }
    }

    record P2wpkh(ECKey key) implements RegtestLock {
        public Script scriptPubKey() {
            return ScriptBuilder.createP2WPKHOutputScript(key);
        }

        public String coreType() {
            return "witness_v0_keyhash";
        }

        public String graphAddress() {
            return SegwitAddress.fromHash(MAINNET, key.getPubKeyHash()).toString();
        }

        public void unlock(Transaction tx, int index, Coin value) {
            // BIP143: the script code of a P2WPKH input is the key's P2PKH script.
            TransactionSignature sig = tx.calculateWitnessSignature(index, key,
                    ScriptBuilder.createP2PKHOutputScript(key), value, ALL, false);
            set(tx, index, ScriptBuilder.createEmpty(), TransactionWitness.redeemP2WPKH(sig, key));
        }
    }

    /** 1-of-n multisig behind P2SH. */
    record P2shMultisig(List<ECKey> keys) implements RegtestLock {
        public P2shMultisig {
            keys = List.copyOf(keys);
        }

        Script redeemScript() {
            return ScriptBuilder.createMultiSigOutputScript(1, keys);
        }

        public Script scriptPubKey() {
            return ScriptBuilder.createP2SHOutputScript(redeemScript());
        }

        public String coreType() {
            return "scripthash";
        }

        public String graphAddress() {
            return LegacyAddress.fromScriptHash(MAINNET, CryptoUtils.sha256hash160(redeemScript().program()))
                    .toString();
        }

        public void unlock(Transaction tx, int index, Coin value) {
            TransactionSignature sig = tx.calculateSignature(index, keys.get(0), redeemScript(), ALL, false);
            set(tx, index, ScriptBuilder.createP2SHMultiSigInputScript(List.of(sig), redeemScript()),
                    TransactionWitness.EMPTY);
        }
    }

    /** 1-of-n multisig behind P2WSH. */
    record P2wshMultisig(List<ECKey> keys) implements RegtestLock {
        public P2wshMultisig {
            keys = List.copyOf(keys);
        }

        Script witnessScript() {
            return ScriptBuilder.createMultiSigOutputScript(1, keys);
        }

        public Script scriptPubKey() {
            return ScriptBuilder.createP2WSHOutputScript(witnessScript());
        }

        public String coreType() {
            return "witness_v0_scripthash";
        }

        public String graphAddress() {
            return SegwitAddress.fromHash(MAINNET, Sha256Hash.hash(witnessScript().program())).toString();
        }

        public void unlock(Transaction tx, int index, Coin value) {
            TransactionSignature sig = tx.calculateWitnessSignature(index, keys.get(0), witnessScript(), value, ALL,
                    false);
            set(tx, index, ScriptBuilder.createEmpty(), TransactionWitness.redeemP2WSH(witnessScript(), sig));
        }
    }

    /**
     * Taproot with the key's x coordinate as output key (untweaked: bitcoinj 0.17 has no BIP341
     * tweak). Key-path spends carry a 64-byte placeholder, as bitcoinj cannot make Schnorr
     * signatures; the ingestor does not verify scripts.
     */
    record P2tr(ECKey key) implements RegtestLock {
        byte[] outputKey() {
            byte[] compressed = key.getPubKeyPoint().getEncoded(true);
            byte[] x = new byte[32];
            System.arraycopy(compressed, 1, x, 0, 32);
            return x;
        }

        public Script scriptPubKey() {
            return ScriptBuilder.createOutputScript(SegwitAddress.fromProgram(MAINNET, 1, outputKey()));
        }

        public String coreType() {
            return "witness_v1_taproot";
        }

        public String graphAddress() {
            return SegwitAddress.fromProgram(MAINNET, 1, outputKey()).toString();
        }

        public void unlock(Transaction tx, int index, Coin value) {
            byte[] placeholder = new byte[64];
            byte[] digest = Sha256Hash.hash(tx.getInput(index).getOutpoint().serialize());
            System.arraycopy(digest, 0, placeholder, 0, 32);
            System.arraycopy(digest, 0, placeholder, 32, 32);
            set(tx, index, ScriptBuilder.createEmpty(), TransactionWitness.of(placeholder));
        }
    }

    /** 1-of-n multisig as a bare output script: no address, a script identifier in the graph. */
    record BareMultisig(List<ECKey> keys) implements RegtestLock {
        public BareMultisig {
            keys = List.copyOf(keys);
        }

        public Script scriptPubKey() {
            return ScriptBuilder.createMultiSigOutputScript(1, keys);
        }

        public String coreType() {
            return "multisig";
        }

        public String graphAddress() {
            return scriptId(scriptPubKey());
        }

        public void unlock(Transaction tx, int index, Coin value) {
            TransactionSignature sig = tx.calculateSignature(index, keys.get(0), scriptPubKey(), ALL, false);
            set(tx, index, ScriptBuilder.createMultiSigInputScript(sig), TransactionWitness.EMPTY);
        }
    }

    /** {@code OP_RETURN} data: unspendable. */
    record OpReturn(byte[] data) implements RegtestLock {
        public OpReturn {
            data = data.clone();
        }

        public Script scriptPubKey() {
            return ScriptBuilder.createOpReturnScript(data);
        }

        public String coreType() {
            return "nulldata";
        }

        public String graphAddress() {
            return scriptId(scriptPubKey());
        }

        public void unlock(Transaction tx, int index, Coin value) {
            throw new IllegalStateException("an OP_RETURN output cannot be spent");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OpReturn other && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "OpReturn[" + HexFormat.of().formatHex(data) + "]";
        }
    }

    /** The graph's identifier of a script without an address, from its definition (SHA-256 of the bytes). */
    private static String scriptId(Script script) {
        return "script-" + HexFormat.of().formatHex(Sha256Hash.hash(script.program()));
    }

    private static void set(Transaction tx, int index, Script scriptSig, TransactionWitness witness) {
        TransactionInput input = tx.getInput(index);
        tx.replaceInput(index, input.withScriptSig(scriptSig).withWitness(witness));
    }
}
