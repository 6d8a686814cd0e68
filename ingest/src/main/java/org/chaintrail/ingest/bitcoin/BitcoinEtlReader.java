package org.chaintrail.ingest.bitcoin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Reads a bitcoin-etl export ({@code bitcoinetl export_blocks_and_transactions}, JSON lines:
 * {@code blocks.json} and {@code transactions.json}) block by block, in block order, each block
 * with its transactions by {@code index}. Only one block's transactions are held at a time, so
 * the files may be of any size; both must list blocks in ascending, consecutive order (as a
 * single-worker export or {@code bitcoinetl stream} writes them).
 *
 * <p>Outputs are decoded from {@code script_hex} by {@link ScriptDecoder}; bitcoin-etl's
 * {@code type}, and its address for standard types, are checked against the result. An input of
 * an enriched export ({@code value}, {@code type} and {@code addresses} filled) becomes its spent
 * output when the address is standard; bare multisig and non-standard outputs are identified by
 * their script, which an input row does not carry, so those inputs are left for the ingestor to
 * resolve, as are all inputs of a plain export. bitcoin-etl writes no parent hash: the reader takes
 * each block's parent from the block before it, the genesis block's as zeros, and the first
 * block's from the caller.
 *
 * <p>Any row that does not parse, lacks a field, or holds a value of the wrong kind (an amount
 * that is not an integer of satoshi) stops the read with the file, line and field named.
 */
public final class BitcoinEtlReader implements UtxoBlockSource {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final HexFormat HEX = HexFormat.of();

    private final String description;
    private final Lines blocks;
    private final Lines transactions;
    private final Optional<String> parentOfFirst;
    private Block previous;
    private Row pending;

    private BitcoinEtlReader(Path blocksFile, Path transactionsFile, Optional<String> parentOfFirst)
            throws IOException {
        this.description = "bitcoin-etl export " + blocksFile + " and " + transactionsFile;
        this.parentOfFirst = parentOfFirst.map(Chain.BITCOIN::canonicalTxHash);
        this.blocks = new Lines(blocksFile);
        try {
            this.transactions = new Lines(transactionsFile);
        } catch (IOException e) {
            blocks.close();
            throw e;
        }
    }

    /**
     * Opens {@code blocks.json} and {@code transactions.json} in a directory.
     *
     * @param directory     the export directory
     * @param parentOfFirst the hash of the block before the export's first block; may be empty when
     *                      the export starts at the genesis block
     * @throws IngestException if a file cannot be opened
     * @throws IllegalArgumentException if the parent is not a block hash
     */
    public static BitcoinEtlReader open(Path directory, Optional<String> parentOfFirst) {
        return open(directory.resolve("blocks.json"), directory.resolve("transactions.json"), parentOfFirst);
    }

    /**
     * Opens a blocks file and a transactions file of any name.
     *
     * @see #open(Path, Optional)
     */
    public static BitcoinEtlReader open(Path blocksFile, Path transactionsFile, Optional<String> parentOfFirst) {
        try {
            return new BitcoinEtlReader(blocksFile, transactionsFile, parentOfFirst);
        } catch (IOException e) {
            throw new IngestException("cannot open the bitcoin-etl export: " + e.getMessage(), e);
        }
    }

    /**
     * The next block with its transactions.
     *
     * @throws IngestException naming file, line and field if a row is not valid, a block is out of
     *                         order, or its transactions do not match it
     */
    @Override
    public Optional<UtxoBlock> next() {
        Optional<Row> row = blocks.next();
        if (row.isEmpty()) {
            Optional<Row> extra = pendingOrNext();
            if (extra.isPresent()) {
                throw extra.get().error("block_number", "a transaction of block " + extra.get().number("block_number")
                        + ", which " + blocks.name + " does not list");
            }
            return Optional.empty();
        }
        Row b = row.get();
        Block block = new Block(Chain.BITCOIN, b.number("number"), b.hash("hash"), b.number("timestamp"));
        String parent = parent(b, block);
        long count = b.number("transaction_count");
        List<UtxoTransaction> txs = new ArrayList<>();
        for (Optional<Row> t = pendingOrNext(); t.isPresent(); t = transactions.next()) {
            long number = t.get().number("block_number");
            if (number > block.number()) {
                pending = t.get();
                break;
            }
            if (number < block.number()) {
                throw t.get().error("block_number", "block " + number + " comes after block " + block.number()
                        + "; transactions must be in block order");
            }
            txs.add(transaction(t.get(), block));
        }
        txs.sort(Comparator.comparingInt(UtxoTransaction::index));
        if (txs.size() != count) {
            throw b.error("transaction_count", count + ", but " + transactions.name + " has " + txs.size()
                    + " transactions of block " + block.number());
        }
        for (int i = 0; i < txs.size(); i++) {
            if (txs.get(i).index() != i) {
                throw new IngestException(transactions.name + ": block " + block.number() + " has no transaction of index "
                        + i + " (indexes must run 0.." + (count - 1) + ")");
            }
        }
        previous = block;
        return Optional.of(new UtxoBlock(block, parent, txs));
    }

    private Optional<Row> pendingOrNext() {
        if (pending != null) {
            Row row = pending;
            pending = null;
            return Optional.of(row);
        }
        return transactions.next();
    }

    private String parent(Row row, Block block) {
        if (previous != null) {
            if (block.number() != previous.number() + 1) {
                throw row.error("number", "block " + block.number() + " follows block " + previous.number()
                        + "; blocks must be consecutive and in ascending order");
            }
            return previous.hash();
        }
        if (block.number() == 0) {
            return CoreBlockDecoder.NO_PARENT;
        }
        return parentOfFirst.orElseThrow(() -> row.error("number", "the export starts at block " + block.number()
                + " and bitcoin-etl writes no parent hash: give the hash of block " + (block.number() - 1)));
    }

    private static UtxoTransaction transaction(Row row, Block block) {
        String txid = row.hash("hash");
        if (!row.hash("block_hash").equals(block.hash())) {
            throw row.error("block_hash", "is " + row.text("block_hash") + ", but block " + block.number() + " is "
                    + block.hash());
        }
        if (row.number("block_timestamp") != block.timestamp()) {
            throw row.error("block_timestamp", row.number("block_timestamp") + ", but block " + block.number()
                    + " has " + block.timestamp());
        }
        boolean coinbase = row.bool("is_coinbase");
        List<UtxoInput> inputs = new ArrayList<>();
        if (!coinbase) {
            JsonNode in = row.array(row.json, "inputs", "inputs");
            for (int i = 0; i < in.size(); i++) {
                inputs.add(input(row, in.get(i), "inputs[" + i + "]", i));
            }
        }
        JsonNode out = row.array(row.json, "outputs", "outputs");
        List<UtxoOutput> outputs = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            outputs.add(output(row, out.get(i), "outputs[" + i + "]", i));
        }
        int size = row.smallNumber(row.json, "size", "size");
        // An export from a node without vsize (before 0.13) has none: without witnesses it is the size.
        int vsize = row.json.hasNonNull("virtual_size") ? row.smallNumber(row.json, "virtual_size", "virtual_size")
                : size;
        try {
            return new UtxoTransaction(txid, row.smallNumber(row.json, "index", "index"), coinbase, inputs, outputs,
                    size, vsize);
        } catch (IllegalArgumentException e) {
            throw new IngestException(row.name + " line " + row.line + ": " + e.getMessage(), e);
        }
    }

    private static UtxoInput input(Row row, JsonNode in, String path, int position) {
        int index = row.smallNumber(in, "index", path + ".index");
        if (index != position) {
            throw row.error(path + ".index", "is " + index + " at position " + position);
        }
        String txid = row.hash(in, "spent_transaction_hash", path + ".spent_transaction_hash");
        int vout = row.smallNumber(in, "spent_output_index", path + ".spent_output_index");
        Optional<UtxoOutput> prevout = Optional.empty();
        if (in.hasNonNull("value") && in.hasNonNull("type")) {
            long value = row.satoshi(in, "value", path + ".value");
            ScriptType type = row.scriptType(in, path + ".type");
            if (type.hasStandardAddress()) {
                String address = row.onlyAddress(in, path + ".addresses");
                try {
                    prevout = Optional.of(new UtxoOutput(vout, value, type, address));
                } catch (IllegalArgumentException e) {
                    throw row.error(path + ".value", e.getMessage());
                }
            }
        }
        return new UtxoInput(index, new OutPoint(txid, vout), prevout);
    }

    private static UtxoOutput output(Row row, JsonNode out, String path, int position) {
        int index = row.smallNumber(out, "index", path + ".index");
        if (index != position) {
            throw row.error(path + ".index", "is " + index + " at position " + position);
        }
        long value = row.satoshi(out, "value", path + ".value");
        String hex = row.text(out, "script_hex", path + ".script_hex");
        UtxoOutput decoded;
        try {
            decoded = ScriptDecoder.decode(index, value, HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw row.error(path + ".script_hex", e.getMessage());
        }
        ScriptType claimed = row.scriptType(out, path + ".type");
        if (CoreBlockDecoder.unknownToOlderCore(claimed, decoded.type())) {
            return decoded;
        }
        if (claimed != decoded.type()) {
            throw row.error(path + ".type", "is " + claimed.coreName() + " but script_hex decodes as "
                    + decoded.type().coreName());
        }
        if (decoded.type().hasStandardAddress() && !row.onlyAddress(out, path + ".addresses").equals(decoded.address())) {
            throw row.error(path + ".addresses", "is " + out.get("addresses") + " but script_hex decodes to "
                    + decoded.address());
        }
        return decoded;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            blocks.close();
        } finally {
            transactions.close();
        }
    }

    /** One JSON-lines file, read a line at a time. */
    private static final class Lines {
        final String name;
        private final BufferedReader reader;
        private long line;

        Lines(Path file) throws IOException {
            this.name = file.getFileName().toString();
            this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }

        Optional<Row> next() {
            try {
                String text;
                do {
                    text = reader.readLine();
                    if (text == null) {
                        return Optional.empty();
                    }
                    line++;
                } while (text.isBlank());
                JsonNode json = JSON.readTree(text);
                if (!json.isObject()) {
                    throw new IngestException(name + " line " + line + ": not a JSON object");
                }
                return Optional.of(new Row(name, line, json));
            } catch (JsonProcessingException e) {
                throw new IngestException(name + " line " + line + ": malformed JSON: " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new IngestException(name + ": cannot read after line " + line + ": " + e.getMessage(), e);
            }
        }

        void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new IngestException(name + ": cannot close: " + e.getMessage(), e);
            }
        }
    }

    /** A parsed line and where it came from, so that every error names file, line and field. */
    private record Row(String name, long line, JsonNode json) {
        IngestException error(String field, String problem) {
            return IngestException.atField(name, line, field, problem);
        }

        String text(String field) {
            return text(json, field, field);
        }

        String text(JsonNode node, String field, String path) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw error(path, "missing");
            }
            if (!value.isTextual()) {
                throw error(path, "must be text, was " + value);
            }
            return value.textValue();
        }

        String hash(String field) {
            return hash(json, field, field);
        }

        String hash(JsonNode node, String field, String path) {
            String text = text(node, field, path);
            try {
                return Chain.BITCOIN.canonicalTxHash(text);
            } catch (IllegalArgumentException e) {
                throw error(path, "not a hash (64 hex digits): '" + text + "'");
            }
        }

        long number(String field) {
            return integer(json, field, field).longValueExact();
        }

        int smallNumber(JsonNode node, String field, String path) {
            BigInteger value = integer(node, field, path);
            if (value.bitLength() > 31) {
                throw error(path, "too large: " + value);
            }
            return value.intValue();
        }

        /** Satoshi: bitcoin-etl writes integers; a fraction or a decimal point is refused, never rounded. */
        long satoshi(JsonNode node, String field, String path) {
            return integer(node, field, path).longValueExact();
        }

        /** A non-negative integer: a JSON integer, or text of decimal digits. */
        private BigInteger integer(JsonNode node, String field, String path) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw error(path, "missing");
            }
            BigInteger number;
            if (value.isIntegralNumber()) {
                number = value.bigIntegerValue();
            } else if (value.isTextual() && value.textValue().matches("[0-9]{1,30}")) {
                number = new BigInteger(value.textValue());
            } else {
                throw error(path, "not an integer: " + value);
            }
            if (number.signum() < 0) {
                throw error(path, "must not be negative: " + value);
            }
            if (number.bitLength() > 63) {
                throw error(path, "too large: " + value);
            }
            return number;
        }

        boolean bool(String field) {
            JsonNode value = json.get(field);
            if (value == null || value.isNull()) {
                throw error(field, "missing");
            }
            if (!value.isBoolean()) {
                throw error(field, "must be true or false, was " + value);
            }
            return value.booleanValue();
        }

        JsonNode array(JsonNode node, String field, String path) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw error(path, "missing");
            }
            if (!value.isArray()) {
                throw error(path, "must be an array, was " + value);
            }
            return value;
        }

        ScriptType scriptType(JsonNode node, String path) {
            String text = text(node, "type", path);
            try {
                return ScriptType.ofCoreName(text);
            } catch (IllegalArgumentException e) {
                throw error(path, e.getMessage());
            }
        }

        /** The one address bitcoin-etl lists for a standard script, in canonical form. */
        String onlyAddress(JsonNode node, String path) {
            JsonNode addresses = array(node, "addresses", path);
            if (addresses.size() != 1 || !addresses.get(0).isTextual()) {
                throw error(path, "must hold exactly one address, was " + addresses);
            }
            try {
                return Chain.BITCOIN.canonicalAddress(addresses.get(0).textValue());
            } catch (IllegalArgumentException e) {
                throw error(path, e.getMessage());
            }
        }
    }
}
