package org.chaintrail.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.model.BitcoinAddress;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;

/**
 * A hand-built Bitcoin chain for tests: one transaction a block, block n's txid is n in hex, and
 * every input is resolved from the outputs made before it, so the figures can be worked by hand.
 */
public final class TestUtxoChain {
    private final Map<OutPoint, UtxoOutput> unspent = new HashMap<>();
    private final List<UtxoBlock> blocks = new ArrayList<>();

    /** A P2PKH address that reads as its number in a test's failure message. */
    public static String address(int n) {
        byte[] hash = new byte[20];
        hash[0] = (byte) n;
        hash[19] = (byte) (0x40 + n);
        return BitcoinAddress.p2pkh(hash);
    }

    /** The txid of block n's transaction. */
    public static String txid(long block) {
        return String.format("%064x", block);
    }

    /** Block n's hash. */
    public static String hash(long block) {
        return txid(0x1000 + block);
    }

    public static long time(long block) {
        return 1_600_000_000L + block * 600;
    }

    public static OutPoint out(long block, int vout) {
        return new OutPoint(txid(block), vout);
    }

    /** Adds a one-transaction block spending {@code spends} (in input order) and paying address/satoshi pairs. */
    public UtxoBlock tx(long block, List<OutPoint> spends, Object... payments) {
        List<UtxoInput> inputs = new ArrayList<>();
        for (OutPoint p : spends) {
            inputs.add(new UtxoInput(inputs.size(), p, Optional.of(unspent.remove(p))));
        }
        List<UtxoOutput> outputs = new ArrayList<>();
        for (int i = 0; i < payments.length; i += 2) {
            UtxoOutput o = new UtxoOutput(outputs.size(), (Long) payments[i + 1], ScriptType.PUBKEYHASH,
                    (String) payments[i]);
            outputs.add(o);
            unspent.put(new OutPoint(txid(block), o.index()), o);
        }
        UtxoTransaction t = new UtxoTransaction(txid(block), 0, spends.isEmpty(), inputs, outputs, 250, 250);
        UtxoBlock b = new UtxoBlock(new Block(Chain.BITCOIN, block, hash(block), time(block)), hash(block - 1),
                List.of(t));
        blocks.add(b);
        return b;
    }

    /** The blocks added so far, in order. */
    public List<UtxoBlock> blocks() {
        return List.copyOf(blocks);
    }

    /** The blocks up to and including {@code number}. */
    public List<UtxoBlock> through(long number) {
        return blocks.stream().filter(b -> b.block().number() <= number).toList();
    }
}
