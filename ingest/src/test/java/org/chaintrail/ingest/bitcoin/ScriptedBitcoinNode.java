package org.chaintrail.ingest.bitcoin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.LegacyAddress;
import org.bitcoinj.base.SegwitAddress;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptChunk;
import org.bitcoinj.script.ScriptException;
import org.bitcoinj.script.ScriptOpCodes;
import org.bitcoinj.script.ScriptPattern;

/**
 * A Bitcoin Core 25 node on 127.0.0.1 over JSON-RPC, serving a chain of bitcoinj blocks (index =
 * height) that the test sets and may replace at any time with {@link #serve}, as a reorg does:
 * {@code getblockcount}, {@code getblockhash}, {@code getblock} (verbosity 0–3; 3 gives every
 * input's {@code prevout}), {@code getrawtransaction} (as with {@code -txindex}, for the active
 * chain only), single calls and batches.
 *
 * <p>Answers are shaped as Core shapes them: fields, names and order; amounts as JSON decimals
 * with 8 places, exact (never through double); {@code scriptPubKey.type} by Core's solver rules,
 * found here with bitcoinj's script patterns; {@code address} only for the types Core gives one
 * (not {@code pubkey}), in the MAINNET encoding, the graph's. Not served: {@code desc}, and the
 * sighash suffix ({@code [ALL]}) Core adds to signatures in a scriptSig's {@code asm}.
 *
 * <p>Errors as Core before 28 gives them (and Core 28 still does for {@code "jsonrpc": "1.0"},
 * which our client sends): a failed single call gets HTTP 500 (404 for an unknown method) with the
 * JSON-RPC error in the body; a batch always HTTP 200. Codes: -8 for a bad parameter or a height
 * out of range, -5 for an unknown block or transaction, -3 for a parameter of the wrong JSON type,
 * -32601 for an unknown method, -32700 for a body that is not JSON. Thread-safe.
 */
final class ScriptedBitcoinNode implements AutoCloseable {
    /** How {@code getblock} with verbosity 3 is answered. */
    enum Verbosity3 {
        /** With each input's {@code prevout}, as Core 22 and later. */
        ANSWERED,
        /** As verbosity 2, as Core before 22 does (it takes any verbosity above 1 for 2). */
        ANSWERED_AS_2,
        /** Refused with -8, as a node that checks the range would. */
        REFUSED
    }

    private static final BitcoinNetwork MAINNET = BitcoinNetwork.MAINNET;
    private static final HexFormat HEX = HexFormat.of();
    // Core prints 0 BTC as 0.00000000: plain, never 0E-8.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final int MISC_ERROR = -1;
    private static final int TYPE_ERROR = -3;
    private static final int NOT_FOUND = -5;
    private static final int INVALID_PARAMETER = -8;
    private static final int METHOD_NOT_FOUND = -32601;
    private static final int PARSE_ERROR = -32700;

    /** A transaction of the served chain and where it is. */
    private record Located(Transaction tx, int height) {
    }

    /** The served chain, indexed; replaced whole, so every answer sees one chain. */
    private record View(List<Block> blocks, Map<String, Integer> heights, Map<String, Located> txs) {
        static View of(List<Block> blocks) {
            Map<String, Integer> heights = new HashMap<>();
            Map<String, Located> txs = new HashMap<>();
            for (int h = 0; h < blocks.size(); h++) {
                heights.put(blocks.get(h).getHashAsString(), h);
                for (Transaction tx : blocks.get(h).getTransactions()) {
                    txs.put(tx.getTxId().toString(), new Located(tx, h));
                }
            }
            return new View(List.copyOf(blocks), heights, txs);
        }

        int tip() {
            return blocks.size() - 1;
        }

        TransactionOutput spent(TransactionInput input) {
            Located from = txs.get(input.getOutpoint().hash().toString());
            return from.tx().getOutput(input.getOutpoint().index());
        }
    }

    /** A call's failure as Core reports it. */
    private static final class RpcError extends Exception {
        final int code;

        RpcError(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger httpRequests = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "scripted-bitcoin-node");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpServer server;
    private volatile View view;
    private volatile Verbosity3 verbosity3 = Verbosity3.ANSWERED;

    private ScriptedBitcoinNode(List<Block> chain) throws IOException {
        view = View.of(chain);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A node serving these blocks, genesis first. */
    static ScriptedBitcoinNode start(List<Block> chain) {
        try {
            return new ScriptedBitcoinNode(chain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves another chain from now on: another branch after a fork is a reorg. */
    void serve(List<Block> chain) {
        view = View.of(chain);
    }

    void verbosity3(Verbosity3 mode) {
        verbosity3 = mode;
    }

    /** {@code http://127.0.0.1:port/}. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Each call received as method and params ({@code getblockhash [3]}), batch items apart, in order. */
    List<String> requestLog() {
        synchronized (requestLog) {
            return List.copyOf(requestLog);
        }
    }

    /** How many calls of a method were received. */
    long calls(String method) {
        return requestLog().stream().filter(call -> call.startsWith(method + " ")).count();
    }

    /** HTTP POSTs received; a batch is one. */
    int httpRequests() {
        return httpRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            httpRequests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            View chain = view;
            JsonNode request;
            try {
                request = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                send(exchange, 500, error(NullNode.getInstance(), PARSE_ERROR, "Parse error"));
                return;
            }
            if (request.isArray()) {
                ArrayNode answers = JSON.createArrayNode();
                request.forEach(call -> answers.add(answer(chain, call)));
                send(exchange, 200, answers);
                return;
            }
            ObjectNode answer = answer(chain, request);
            int status = answer.path("error").isNull() ? 200
                    : answer.path("error").path("code").asInt() == METHOD_NOT_FOUND ? 404 : 500;
            send(exchange, status, answer);
        }
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // Core keeps connections alive, but the JDK server sends headers and body as two TCP segments
        // and Nagle's algorithm holds the second until the client's delayed ACK (~40 ms a call);
        // closing sends it at once. The client opens a new connection per call transparently.
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private ObjectNode answer(View chain, JsonNode call) {
        JsonNode id = call.has("id") ? call.get("id") : NullNode.getInstance();
        String method = call.path("method").asText();
        JsonNode params = call.path("params").isArray() ? call.get("params") : JSON.createArrayNode();
        requestLog.add(method + " " + params);
        try {
            JsonNode result = switch (method) {
                case "getblockcount" -> JSON.getNodeFactory().numberNode(chain.tip());
                case "getblockhash" -> JSON.getNodeFactory().textNode(
                        chain.blocks().get(height(chain, params.path(0))).getHashAsString());
                case "getblock" -> getblock(chain, params);
                case "getrawtransaction" -> getrawtransaction(chain, params);
                default -> throw new RpcError(METHOD_NOT_FOUND, "Method not found");
            };
            ObjectNode answer = JSON.createObjectNode();
            answer.set("result", result);
            answer.putNull("error");
            answer.set("id", id);
            return answer;
        } catch (RpcError e) {
            return error(id, e.code, e.getMessage());
        }
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode answer = JSON.createObjectNode();
        answer.putNull("result");
        answer.putObject("error").put("code", code).put("message", message);
        answer.set("id", id);
        return answer;
    }

    private static int height(View chain, JsonNode param) throws RpcError {
        if (!param.isIntegralNumber()) {
            throw new RpcError(TYPE_ERROR, "JSON value of type " + jsonType(param) + " is not of expected type number");
        }
        long height = param.asLong();
        if (height < 0 || height > chain.tip()) {
            throw new RpcError(INVALID_PARAMETER, "Block height out of range");
        }
        return (int) height;
    }

    private JsonNode getblock(View chain, JsonNode params) throws RpcError {
        String hash = hash(params.path(0), "blockhash");
        int verbosity = verbosity(params.path(1), 1);
        Integer height = chain.heights().get(hash);
        if (height == null) {
            throw new RpcError(NOT_FOUND, "Block not found");
        }
        if (verbosity >= 3) {
            switch (verbosity3) {
                case REFUSED -> throw new RpcError(INVALID_PARAMETER, "Verbosity must be in range 0..2");
                case ANSWERED_AS_2 -> verbosity = 2;
                case ANSWERED -> verbosity = 3;
            }
        }
        Block block = chain.blocks().get(height);
        if (verbosity <= 0) {
            return JSON.getNodeFactory().textNode(HEX.formatHex(block.serialize()));
        }
        return blockJson(chain, height, verbosity);
    }

    private static JsonNode getrawtransaction(View chain, JsonNode params) throws RpcError {
        String txid = hash(params.path(0), "parameter 1");
        int verbosity = verbosity(params.path(1), 0);
        Located located = chain.txs().get(txid);
        if (located == null) {
            throw new RpcError(NOT_FOUND,
                    "No such mempool or blockchain transaction. Use gettransaction for wallet transactions.");
        }
        if (located.height() == 0) {
            throw new RpcError(NOT_FOUND,
                    "The genesis block coinbase is not considered an ordinary transaction and cannot be retrieved");
        }
        if (verbosity <= 0) {
            return JSON.getNodeFactory().textNode(HEX.formatHex(located.tx().serialize()));
        }
        ObjectNode tx = transactionJson(chain, located.tx(), verbosity >= 2, verbosity >= 2);
        Block block = chain.blocks().get(located.height());
        tx.put("blockhash", block.getHashAsString());
        tx.put("confirmations", chain.tip() - located.height() + 1);
        tx.put("time", block.getTimeSeconds());
        tx.put("blocktime", block.getTimeSeconds());
        return tx;
    }

    /** Core's getblock object: header fields, sizes, then the transactions (ids at verbosity 1). */
    private static ObjectNode blockJson(View chain, int height, int verbosity) {
        Block block = chain.blocks().get(height);
        List<Transaction> txs = block.getTransactions();
        int size = block.messageSize();
        int stripped = Block.HEADER_SIZE + compactSizeLength(txs.size());
        for (Transaction tx : txs) {
            stripped += strippedSize(tx);
        }
        BigInteger chainwork = BigInteger.ZERO;
        for (int h = 0; h <= height; h++) {
            chainwork = chainwork.add(chain.blocks().get(h).getWork());
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("hash", block.getHashAsString());
        o.put("confirmations", chain.tip() - height + 1);
        o.put("height", height);
        o.put("version", block.getVersion());
        o.put("versionHex", String.format("%08x", block.getVersion()));
        o.put("merkleroot", block.getMerkleRoot().toString());
        o.put("time", block.getTimeSeconds());
        o.put("mediantime", medianTime(chain, height));
        o.put("nonce", block.getNonce());
        o.put("bits", String.format("%08x", block.getDifficultyTarget()));
        o.put("difficulty", difficulty(block.getDifficultyTarget()));
        o.put("chainwork", String.format("%064x", chainwork));
        o.put("nTx", txs.size());
        if (height > 0) {
            o.put("previousblockhash", block.getPrevBlockHash().toString());
        }
        if (height < chain.tip()) {
            o.put("nextblockhash", chain.blocks().get(height + 1).getHashAsString());
        }
        o.put("strippedsize", stripped);
        o.put("size", size);
        o.put("weight", stripped * 3 + size);
        ArrayNode array = o.putArray("tx");
        for (Transaction tx : txs) {
            if (verbosity == 1) {
                array.add(tx.getTxId().toString());
            } else {
                ObjectNode t = transactionJson(chain, tx, true, verbosity >= 3);
                t.put("hex", HEX.formatHex(tx.serialize()));
                array.add(t);
            }
        }
        return o;
    }

    /**
     * Core's decoded transaction.
     *
     * @param fee      whether to include the fee (getblock verbosity 2 and 3)
     * @param prevouts whether inputs carry the output they spend (getblock verbosity 3)
     */
    private static ObjectNode transactionJson(View chain, Transaction tx, boolean fee, boolean prevouts) {
        ObjectNode o = JSON.createObjectNode();
        o.put("txid", tx.getTxId().toString());
        o.put("hash", tx.getWTxId().toString());
        o.put("version", tx.getVersion());
        o.put("size", tx.messageSize());
        o.put("vsize", tx.getVsize());
        o.put("weight", tx.getWeight());
        o.put("locktime", tx.getLockTime());
        ArrayNode vin = o.putArray("vin");
        long in = 0;
        for (TransactionInput input : tx.getInputs()) {
            ObjectNode i = vin.addObject();
            if (input.isCoinBase()) {
                i.put("coinbase", HEX.formatHex(input.getScriptBytes()));
            } else {
                i.put("txid", input.getOutpoint().hash().toString());
                i.put("vout", input.getOutpoint().index());
                ObjectNode scriptSig = i.putObject("scriptSig");
                scriptSig.put("asm", asm(input.getScriptBytes()));
                scriptSig.put("hex", HEX.formatHex(input.getScriptBytes()));
            }
            if (input.hasWitness()) {
                ArrayNode witness = i.putArray("txinwitness");
                for (int k = 0; k < input.getWitness().getPushCount(); k++) {
                    witness.add(HEX.formatHex(input.getWitness().getPush(k)));
                }
            }
            if (!input.isCoinBase()) {
                TransactionOutput spent = chain.spent(input);
                in += spent.getValue().value;
                if (prevouts) {
                    Located from = chain.txs().get(input.getOutpoint().hash().toString());
                    ObjectNode prevout = i.putObject("prevout");
                    prevout.put("generated", from.tx().isCoinBase());
                    prevout.put("height", from.height());
                    prevout.put("value", btc(spent.getValue().value));
                    prevout.set("scriptPubKey", scriptPubKeyJson(spent.getScriptBytes()));
                }
            }
            i.put("sequence", input.getSequenceNumber());
        }
        ArrayNode vout = o.putArray("vout");
        for (TransactionOutput output : tx.getOutputs()) {
            ObjectNode v = vout.addObject();
            v.put("value", btc(output.getValue().value));
            v.put("n", output.getIndex());
            v.set("scriptPubKey", scriptPubKeyJson(output.getScriptBytes()));
        }
        if (fee && !tx.isCoinBase()) {
            o.put("fee", btc(in - tx.getOutputSum().value));
        }
        return o;
    }

    private static ObjectNode scriptPubKeyJson(byte[] script) {
        ObjectNode o = JSON.createObjectNode();
        String type = coreType(script);
        o.put("asm", asm(script));
        o.put("hex", HEX.formatHex(script));
        mainnetAddress(type, script).ifPresent(address -> o.put("address", address));
        o.put("type", type);
        return o;
    }

    /**
     * The type Core's solver gives a script, in its order: P2SH, witness program, data, bare key,
     * key hash, bare multisig, else non-standard.
     */
    static String coreType(byte[] bytes) {
        Script script;
        try {
            script = Script.parse(bytes);
        } catch (ScriptException e) {
            return "nonstandard";
        }
        if (ScriptPattern.isP2SH(script)) {
            return "scripthash";
        }
        int version = witnessVersion(bytes);
        if (version >= 0) {
            int program = bytes.length - 2;
            if (version == 0 && program == 20) {
                return "witness_v0_keyhash";
            }
            if (version == 0 && program == 32) {
                return "witness_v0_scripthash";
            }
            if (version == 1 && program == 32) {
                return "witness_v1_taproot";
            }
            return version != 0 ? "witness_unknown" : "nonstandard";
        }
        if (ScriptPattern.isOpReturn(script)
                && script.chunks().stream().skip(1).allMatch(c -> c.opcode <= ScriptOpCodes.OP_16)) {
            return "nulldata";
        }
        if (ScriptPattern.isP2PK(script)) {
            return "pubkey";
        }
        if (ScriptPattern.isP2PKH(script)) {
            return "pubkeyhash";
        }
        if (ScriptPattern.isSentToMultisig(script)) {
            return "multisig";
        }
        return "nonstandard";
    }

    /** Core 22+ gives an address for these types only (a bare key's P2PKH address is not shown). */
    private static Optional<String> mainnetAddress(String type, byte[] bytes) {
        Script script = "nonstandard".equals(type) ? null : Script.parse(bytes);
        return Optional.ofNullable(switch (type) {
            case "pubkeyhash" -> LegacyAddress.fromPubKeyHash(MAINNET, ScriptPattern.extractHashFromP2PKH(script))
                    .toString();
            case "scripthash" -> LegacyAddress.fromScriptHash(MAINNET, ScriptPattern.extractHashFromP2SH(script))
                    .toString();
            case "witness_v0_keyhash", "witness_v0_scripthash", "witness_v1_taproot", "witness_unknown" ->
                    SegwitAddress.fromProgram(MAINNET, witnessVersion(bytes), Arrays.copyOfRange(bytes, 2, bytes.length))
                            .toString();
            default -> null;
        });
    }

    /** Core's IsWitnessProgram: a version opcode, then one push of 2..40 bytes and nothing else; else -1. */
    private static int witnessVersion(byte[] s) {
        if (s.length < 4 || s.length > 42 || (s[1] & 0xff) + 2 != s.length) {
            return -1;
        }
        int op = s[0] & 0xff;
        if (op == ScriptOpCodes.OP_0) {
            return 0;
        }
        return op >= ScriptOpCodes.OP_1 && op <= ScriptOpCodes.OP_16 ? op - ScriptOpCodes.OP_1 + 1 : -1;
    }

    /** Core's ScriptToAsmStr: pushes of up to 4 bytes as numbers, longer ones as hex, opcodes by name. */
    private static String asm(byte[] bytes) {
        List<ScriptChunk> chunks;
        try {
            chunks = Script.parse(bytes).chunks();
        } catch (ScriptException e) {
            return "[error]";
        }
        List<String> words = new ArrayList<>();
        for (ScriptChunk c : chunks) {
            if (c.opcode <= ScriptOpCodes.OP_PUSHDATA4) {
                byte[] data = c.data == null ? new byte[0] : c.data;
                words.add(data.length <= 4 ? Long.toString(scriptNumber(data)) : HEX.formatHex(data));
            } else if (c.opcode == ScriptOpCodes.OP_1NEGATE) {
                words.add("-1");
            } else if (c.opcode >= ScriptOpCodes.OP_1 && c.opcode <= ScriptOpCodes.OP_16) {
                words.add(Integer.toString(c.opcode - ScriptOpCodes.OP_1 + 1));
            } else {
                words.add("OP_" + ScriptOpCodes.getOpCodeName(c.opcode));
            }
        }
        return String.join(" ", words);
    }

    /** A little-endian number with a sign bit, as Core's CScriptNum. */
    private static long scriptNumber(byte[] data) {
        if (data.length == 0) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < data.length; i++) {
            value |= (long) (data[i] & 0xff) << (8 * i);
        }
        long sign = 0x80L << (8 * (data.length - 1));
        return (value & sign) != 0 ? -(value & ~sign) : value;
    }

    private static String hash(JsonNode param, String name) throws RpcError {
        if (!param.isTextual()) {
            throw new RpcError(TYPE_ERROR, "JSON value of type " + jsonType(param) + " is not of expected type string");
        }
        String text = param.textValue();
        if (text.length() != 64) {
            throw new RpcError(INVALID_PARAMETER, name + " must be of length 64 (not " + text.length() + ", for '"
                    + text + "')");
        }
        if (!text.matches("[0-9a-fA-F]{64}")) {
            throw new RpcError(INVALID_PARAMETER, name + " must be hexadecimal string (not '" + text + "')");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** Core takes a number, or a boolean (true = 1), for verbosity; absent is the default. */
    private static int verbosity(JsonNode param, int absent) throws RpcError {
        if (param.isMissingNode() || param.isNull()) {
            return absent;
        }
        if (param.isBoolean()) {
            return param.booleanValue() ? 1 : 0;
        }
        if (!param.isIntegralNumber()) {
            throw new RpcError(MISC_ERROR, "JSON value of type " + jsonType(param) + " is not of expected type number");
        }
        return param.asInt();
    }

    private static String jsonType(JsonNode node) {
        return node.isMissingNode() ? "null" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Satoshi as Core writes BTC: a decimal with exactly 8 places. */
    static BigDecimal btc(long satoshi) {
        return BigDecimal.valueOf(satoshi, 8);
    }

    private static int strippedSize(Transaction tx) {
        // weight = 3 * size without witness + full size
        return (tx.getWeight() - tx.messageSize()) / 3;
    }

    private static int compactSizeLength(long n) {
        return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffffL ? 5 : 9;
    }

    private static long medianTime(View chain, int height) {
        long[] times = new long[Math.min(11, height + 1)];
        for (int i = 0; i < times.length; i++) {
            times[i] = chain.blocks().get(height - i).getTimeSeconds();
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    /** Core's GetDifficulty: the difficulty-1 target over this one, a double as Core prints it. */
    private static double difficulty(long bits) {
        int shift = (int) ((bits >> 24) & 0xff);
        double diff = (double) 0x0000ffff / (double) (bits & 0x00ffffff);
        while (shift < 29) {
            diff *= 256.0;
            shift++;
        }
        while (shift > 29) {
            diff /= 256.0;
            shift--;
        }
        return diff;
    }
}
