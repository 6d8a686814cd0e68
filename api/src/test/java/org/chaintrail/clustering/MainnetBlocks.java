package org.chaintrail.clustering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.chaintrail.analytics.clustering.ClusterTx;
import org.chaintrail.analytics.clustering.ScriptFamily;
import org.chaintrail.ingest.bitcoin.RawBlock;
import org.chaintrail.ingest.bitcoin.RawBlockParser;
import org.chaintrail.ingest.bitcoin.RawTransaction;
import org.chaintrail.model.BitcoinAddress;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;

/**
 * Real mainnet blocks (shared/data/bitcoin/bitcoinj, MANIFEST items B1–B5) turned into
 * {@link ClusterTx}s, dense ids given in order of first appearance.
 *
 * <p>The files hold single blocks, not the chain before them, so most spent outputs are not
 * there. An input's address comes from the output it spends when an earlier (or the same) block
 * here created it; otherwise from its scriptSig, which names it for the common spends: a P2PKH
 * spend ends with the public key (the address is its HASH160), a P2SH spend with the redeem
 * script (multisig after OP_0, or a nested segwit program). A spend of a bare public key, whose
 * scriptSig holds only a signature, stays unknown ({@link ClusterTx#NO_ADDRESS}), as does anything
 * else. {@code OP_RETURN} outputs get no id.
 */
final class MainnetBlocks {
    static final Path DIR = Path.of(System.getProperty("chaintrail.sharedData", "../shared/data"))
            .resolve("bitcoin/bitcoinj");

    private final RawBlockParser parser = new RawBlockParser();
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> addresses = new ArrayList<>();
    private final Map<String, String> created = new HashMap<>();
    /** Inputs named by the output they spend, by their scriptSig, or not at all. */
    int fromOutputs;
    int fromScriptSigs;
    int unknown;
    /** Inputs named both ways, and those where the two agreed. */
    int checked;
    int agreed;

    /** Reads a file holding one serialized block. */
    static byte[] read(String file) {
        try {
            return Files.readAllBytes(DIR.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawBlock parse(byte[] bytes, int offset, int length) {
        return parser.parse(bytes, offset, length);
    }

    String address(int id) {
        return addresses.get(id);
    }

    Optional<Integer> id(String address) {
        return Optional.ofNullable(ids.get(address));
    }

    /** The block's transactions in order; outputs are remembered for later blocks' inputs. */
    List<ClusterTx> convert(RawBlock raw, long height) {
        UtxoBlock block = raw.toUtxoBlock(height);
        List<ClusterTx> out = new ArrayList<>();
        for (int t = 0; t < block.transactions().size(); t++) {
            UtxoTransaction tx = block.transactions().get(t);
            RawTransaction rawTx = raw.transactions().get(t);
            int n = tx.inputs().size();
            int[] inputs = new int[n];
            ScriptFamily[] inputFamilies = new ScriptFamily[n];
            for (int i = 0; i < n; i++) {
                RawTransaction.Input in = rawTx.inputs().get(i);
                String spent = created.get(in.prevTxid() + ":" + in.vout());
                Optional<String> signed = fromScriptSig(in.scriptSig());
                if (spent != null && signed.isPresent()) {
                    checked++;
                    agreed += spent.equals(signed.get()) ? 1 : 0;
                }
                String address = spent != null ? spent : signed.orElse(null);
                if (spent != null) {
                    fromOutputs++;
                } else if (signed.isPresent()) {
                    fromScriptSigs++;
                } else {
                    unknown++;
                }
                inputs[i] = address == null ? ClusterTx.NO_ADDRESS : idOf(address);
                inputFamilies[i] = address == null ? ScriptFamily.OTHER : ScriptFamily.ofAddress(address);
            }
            int m = tx.outputs().size();
            int[] outputs = new int[m];
            long[] values = new long[m];
            ScriptFamily[] outputFamilies = new ScriptFamily[m];
            for (int o = 0; o < m; o++) {
                UtxoOutput output = tx.outputs().get(o);
                boolean data = output.type() == ScriptType.NULLDATA;
                outputs[o] = data ? ClusterTx.NO_ADDRESS : idOf(output.address());
                values[o] = output.value();
                outputFamilies[o] = ScriptFamily.of(output.type());
                created.put(tx.txid() + ":" + o, output.address());
            }
            out.add(new ClusterTx(tx.txid(), height, t, inputs, inputFamilies, outputs, values, outputFamilies));
        }
        return out;
    }

    private int idOf(String address) {
        return ids.computeIfAbsent(address, a -> {
            addresses.add(a);
            return addresses.size() - 1;
        });
    }

    /** The address a scriptSig proves it spends from, for P2PKH and P2SH spends. */
    static Optional<String> fromScriptSig(byte[] script) {
        List<byte[]> pushes = pushes(script);
        if (pushes == null || pushes.isEmpty()) {
            return Optional.empty();
        }
        byte[] last = pushes.get(pushes.size() - 1);
        if (pushes.size() == 2 && pushes.get(0).length >= 9 && pushes.get(0)[0] == 0x30 && publicKey(last)) {
            return Optional.of(BitcoinAddress.p2pkh(hash160(last)));
        }
        boolean multisig = pushes.size() >= 3 && pushes.get(0).length == 0 && last.length > 0
                && (last[last.length - 1] & 0xff) == 0xae;
        boolean nestedSegwit = pushes.size() == 1 && last.length >= 2 && last[0] == 0
                && (last.length == 22 && last[1] == 0x14 || last.length == 34 && last[1] == 0x20);
        if (multisig || nestedSegwit) {
            return Optional.of(BitcoinAddress.p2sh(hash160(last)));
        }
        return Optional.empty();
    }

    private static boolean publicKey(byte[] b) {
        return b.length == 33 && (b[0] == 2 || b[0] == 3) || b.length == 65 && b[0] == 4;
    }

    /** The data pushes of a push-only script, or null if it does anything else. */
    private static List<byte[]> pushes(byte[] s) {
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        while (p < s.length) {
            int op = s[p++] & 0xff;
            int n;
            if (op == 0) {
                n = 0;
            } else if (op <= 75) {
                n = op;
            } else if (op == 0x4c && p < s.length) {
                n = s[p++] & 0xff;
            } else if (op == 0x4d && p + 1 < s.length) {
                n = (s[p] & 0xff) | (s[p + 1] & 0xff) << 8;
                p += 2;
            } else {
                return null;
            }
            if (p + n > s.length) {
                return null;
            }
            out.add(Arrays.copyOfRange(s, p, p + n));
            p += n;
        }
        return out;
    }

    private static byte[] hash160(byte[] data) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(data);
            RIPEMD160Digest ripemd = new RIPEMD160Digest();
            ripemd.update(sha, 0, sha.length);
            byte[] out = new byte[20];
            ripemd.doFinal(out, 0);
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
