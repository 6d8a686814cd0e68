package org.chaintrail.ingest.bitcoin;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;

/**
 * Bitcoin Core's {@code getblock} JSON (verbosity 2, or 3 with each input's {@code prevout}) as a
 * {@link UtxoBlock}.
 *
 * <p>Outputs are decoded from their script ({@code scriptPubKey.hex}) by {@link ScriptDecoder}, so
 * that every source gives the same address for the same script; Core's own {@code type}, and its
 * address where it gives one, are checked against the result. BTC amounts are read exactly: the
 * JSON must be parsed with {@code USE_BIG_DECIMAL_FOR_FLOATS} (as {@link BitcoinCoreClient} does),
 * and an amount that is not a whole number of satoshi is an error, not rounded.
 */
public final class CoreBlockDecoder {
    /** The parent the genesis block names. */
    static final String NO_PARENT = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private CoreBlockDecoder() {
    }

    /**
     * Decodes a block.
     *
     * @param block Core's {@code getblock} answer at verbosity 2 or 3, parsed with big decimals
     * @return the block at its height, inputs with their spent outputs where the JSON has them
     * @throws IngestException naming the block, and the transaction and field, if anything is
     *                         missing, of the wrong kind, not exact, or disagrees with the script
     */
    public static UtxoBlock decode(JsonNode block) {
        String hash = block.path("hash").asText("?");
        String where = "getblock " + hash;
        long height = integer(block, "height", where);
        where = "block " + height + " " + hash;
        long time = integer(block, "time", where);
        String parent;
        if (block.hasNonNull("previousblockhash")) {
            parent = text(block, "previousblockhash", where);
        } else if (height == 0) {
            parent = NO_PARENT;
        } else {
            throw new IngestException(where + ": field previousblockhash is missing");
        }
        JsonNode txs = block.path("tx");
        if (!txs.isArray() || txs.isEmpty()) {
            throw new IngestException(where + ": field tx must be a non-empty array, was " + brief(txs));
        }
        if (!txs.get(0).isObject()) {
            throw new IngestException(where + ": transactions are bare txids; ask getblock with verbosity 2 or 3");
        }
        if (block.has("nTx") && block.get("nTx").asLong() != txs.size()) {
            throw new IngestException(where + ": nTx is " + block.get("nTx") + " but tx lists " + txs.size());
        }
        List<UtxoTransaction> transactions = new ArrayList<>(txs.size());
        for (int i = 0; i < txs.size(); i++) {
            transactions.add(transaction(txs.get(i), i, where));
        }
        try {
            return new UtxoBlock(new Block(Chain.BITCOIN, height, hash, time), parent, transactions);
        } catch (IllegalArgumentException e) {
            throw new IngestException(where + ": " + e.getMessage(), e);
        }
    }

    private static UtxoTransaction transaction(JsonNode tx, int index, String block) {
        String txid = tx.path("txid").asText("?");
        String where = block + ", tx " + index + " " + txid;
        text(tx, "txid", where);
        int size = smallInteger(tx, "size", where);
        // Core before 0.13 has no vsize: without witnesses it equals the size.
        int vsize = tx.has("vsize") ? smallInteger(tx, "vsize", where) : size;
        JsonNode vin = array(tx, "vin", where);
        boolean coinbase = vin.size() > 0 && vin.get(0).has("coinbase");
        List<UtxoInput> inputs = new ArrayList<>();
        if (!coinbase) {
            for (int i = 0; i < vin.size(); i++) {
                inputs.add(input(vin.get(i), i, where + " vin " + i));
            }
        } else if (vin.size() != 1) {
            throw new IngestException(where + ": a coinbase must have exactly one input, has " + vin.size());
        }
        JsonNode vout = array(tx, "vout", where);
        List<UtxoOutput> outputs = new ArrayList<>(vout.size());
        for (int n = 0; n < vout.size(); n++) {
            UtxoOutput output = output(vout.get(n), where);
            if (output.index() != n) {
                throw new IngestException(where + ": output " + n + " is numbered " + output.index());
            }
            outputs.add(output);
        }
        try {
            return new UtxoTransaction(txid, index, coinbase, inputs, outputs, size, vsize);
        } catch (IllegalArgumentException e) {
            throw new IngestException(where + ": " + e.getMessage(), e);
        }
    }

    private static UtxoInput input(JsonNode vin, int index, String where) {
        String txid = text(vin, "txid", where);
        int vout = smallInteger(vin, "vout", where);
        try {
            OutPoint spent = new OutPoint(txid, vout);
            Optional<UtxoOutput> prevout = vin.has("prevout")
                    ? Optional.of(scriptOutput(vin.get("prevout"), vout, where + " prevout"))
                    : Optional.empty();
            return new UtxoInput(index, spent, prevout);
        } catch (IllegalArgumentException e) {
            throw new IngestException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * One entry of a transaction's {@code vout}: its {@code n}, {@code value} and {@code scriptPubKey}.
     *
     * @param where the block or call and transaction, for messages
     */
    static UtxoOutput output(JsonNode vout, String where) {
        int n = smallInteger(vout, "n", where + " vout ?");
        return scriptOutput(vout, n, where + " vout " + n);
    }

    /** An output whose number is known from outside (a {@code prevout} carries none). */
    private static UtxoOutput scriptOutput(JsonNode node, int n, String where) {
        long value = satoshi(node.get("value"), where);
        JsonNode script = node.path("scriptPubKey");
        String hex = text(script, "hex", where + " scriptPubKey");
        byte[] bytes;
        try {
            bytes = HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IngestException(where + ": scriptPubKey.hex is not hex: '" + brief(script.get("hex")) + "'");
        }
        UtxoOutput output;
        try {
            output = ScriptDecoder.decode(n, value, bytes);
        } catch (IllegalArgumentException e) {
            throw new IngestException(where + ": " + e.getMessage(), e);
        }
        ScriptType coreType;
        try {
            coreType = ScriptType.ofCoreName(text(script, "type", where + " scriptPubKey"));
        } catch (IllegalArgumentException e) {
            throw new IngestException(where + ": scriptPubKey.type: " + e.getMessage(), e);
        }
        if (unknownToOlderCore(coreType, output.type())) {
            return output;
        }
        if (coreType != output.type()) {
            throw new IngestException(where + ": the node says scriptPubKey.type " + coreType.coreName()
                    + " but the script decodes as " + output.type().coreName());
        }
        coreAddress(script).ifPresent(address -> {
            if (output.type().hasStandardAddress() && !canonical(address, where).equals(output.address())) {
                throw new IngestException(where + ": the node gives address " + address + " but the script decodes to "
                        + output.address());
            }
        });
        return output;
    }

    /**
     * Core before 22 knew no taproot: it calls a v1 32-byte program {@code witness_unknown} and
     * spells its address in bech32, not bech32m; Core before 28 likewise calls an anchor
     * {@code witness_unknown}. The script is the truth.
     */
    static boolean unknownToOlderCore(ScriptType claimed, ScriptType decoded) {
        return claimed == ScriptType.WITNESS_UNKNOWN
                && (decoded == ScriptType.WITNESS_V1_TAPROOT || decoded == ScriptType.ANCHOR);
    }

    /** Core 22 and later give {@code address}; before, {@code addresses} (one for standard types). */
    private static Optional<String> coreAddress(JsonNode script) {
        if (script.path("address").isTextual()) {
            return Optional.of(script.get("address").textValue());
        }
        JsonNode addresses = script.path("addresses");
        if (addresses.isArray() && addresses.size() == 1 && addresses.get(0).isTextual()) {
            return Optional.of(addresses.get(0).textValue());
        }
        return Optional.empty();
    }

    /**
     * A BTC amount as Core writes it (a JSON decimal such as {@code 50.00000000}) in satoshi, exactly.
     *
     * @throws IngestException if it is not a number, negative, finer than a satoshi, or was parsed as
     *                         a double (which may already have rounded it)
     */
    static long satoshi(JsonNode value, String where) {
        if (value == null || !value.isNumber()) {
            throw new IngestException(where + ": value must be a number of BTC, was " + brief(value));
        }
        if (value.isDouble() || value.isFloat()) {
            throw new IngestException(where + ": value " + value + " was parsed as a double, which may have rounded it;"
                    + " parse with USE_BIG_DECIMAL_FOR_FLOATS");
        }
        BigDecimal satoshi = value.decimalValue().movePointRight(8);
        if (satoshi.signum() < 0) {
            throw new IngestException(where + ": value must not be negative, was " + value.decimalValue().toPlainString());
        }
        try {
            return satoshi.toBigIntegerExact().longValueExact();
        } catch (ArithmeticException e) {
            throw new IngestException(where + ": value " + value.decimalValue().toPlainString()
                    + " BTC is not a whole number of satoshi or too large");
        }
    }

    private static String canonical(String address, String where) {
        try {
            return Chain.BITCOIN.canonicalAddress(address);
        } catch (IllegalArgumentException e) {
            throw new IngestException(where + ": the node gives address '" + address + "': " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IngestException(where + ": field " + field + " must be text, was " + brief(value));
        }
        return value.textValue();
    }

    private static long integer(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new IngestException(where + ": field " + field + " must be a non-negative integer, was "
                    + brief(value));
        }
        return value.asLong();
    }

    private static int smallInteger(JsonNode node, String field, String where) {
        long value = integer(node, field, where);
        if (value > Integer.MAX_VALUE) {
            throw new IngestException(where + ": field " + field + " is too large: " + value);
        }
        return (int) value;
    }

    private static JsonNode array(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IngestException(where + ": field " + field + " must be an array, was " + brief(value));
        }
        return value;
    }

    private static String brief(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        String text = value.toString();
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
