package org.chaintrail.ingest.evm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A JSON-RPC node on 127.0.0.1 that answers from recorded mainnet responses: ethereum-etl's
 * {@code web3_response.<key>.json} test resources (shared/data MANIFEST item E1) and answers a test
 * adds with {@link #record}.
 *
 * <p>The file for a call is named by {@link #key}: the method, {@code _}, then the params flattened
 * the way ethereum-etl's {@code mock_web3_provider.py} names them. Single calls and batches are
 * answered with the callers' ids, a batch as an array in request order. A call with no recording
 * gets a JSON-RPC error naming the file it looked for (HTTP 200, never an invented result): code
 * {@value #METHOD_NOT_FOUND} when nothing is recorded for the method, {@value #NO_RECORDING} when
 * only these params are missing. Thread-safe.
 */
public final class RecordedRpcNode implements AutoCloseable {
    /** No recording at all for the method. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** The method is recorded, but not with these params. */
    public static final int NO_RECORDING = -32000;
    private static final int PARSE_ERROR = -32700;
    private static final int INVALID_REQUEST = -32600;
    private static final int INTERNAL_ERROR = -32603;
    private static final String PREFIX = "web3_response.";
    private static final String SUFFIX = ".json";
    private static final Set<String> ENVELOPE_FIELDS = Set.of("jsonrpc", "id", "result", "error");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NODES = new AtomicInteger();

    /** A recorded answer: exactly one of result and error is set. */
    private record Reply(JsonNode result, JsonNode error, String source) {
        boolean sameAnswer(Reply other) {
            return Objects.equals(result, other.result) && Objects.equals(error, other.error);
        }
    }

    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<String> sources;
    private final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());
    private final List<String> misses = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger httpRequests = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService executor;
    private final HttpServer server;
    private final URI uri;

    private RecordedRpcNode(List<Path> dirs) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path dir : dirs) {
            load(dir);
            names.add(dir.getFileName().toString());
        }
        sources = List.copyOf(names);
        int node = NODES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "recorded-rpc-node-" + node + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /**
     * Starts a node on a free loopback port answering from the {@code web3_response.*.json} files
     * directly in each directory (not in subdirectories). The same key in two directories is allowed
     * only when both hold the same answer.
     *
     * @param recordingDirs directories of ethereum-etl recordings; none gives an empty node
     * @return the running node; close it
     * @throws IllegalArgumentException if a path is not a directory, a file is not JSON, or two
     *         directories record different answers for one key
     * @throws UncheckedIOException if a directory cannot be read or the server cannot bind
     */
    public static RecordedRpcNode start(Path... recordingDirs) {
        try {
            return new RecordedRpcNode(List.of(recordingDirs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start recorded RPC node on " + List.of(recordingDirs), e);
        }
    }

    /**
     * The recording key of a call, which is its file name without {@code web3_response.} and
     * {@code .json}: the method, {@code _}, then each param flattened and joined by {@code _}.
     * An object becomes {@code name_value} pairs in sorted name order, a list its items, any other
     * value its text lower-cased (so hex case never matters, booleans are {@code true}/{@code false}
     * and JSON null is {@code none}, as Python spells them). Names and the method keep their case.
     *
     * @param method the JSON-RPC method, e.g. {@code eth_getBlockByNumber}
     * @param params the params array (a lone non-array value counts as one param); null for none
     * @return e.g. {@code eth_getBlockByNumber_0x1ac9f2_true}
     */
    public static String key(String method, JsonNode params) {
        StringBuilder key = new StringBuilder(method).append('_');
        if (params == null || params.isNull() || params.isMissingNode()) {
            return key.toString();
        }
        appendFlat(key, params);
        return key.toString();
    }

    /** The recording file a call is answered from: {@code web3_response.<key>.json}. */
    public static String fileName(String method, JsonNode params) {
        return PREFIX + key(method, params) + SUFFIX;
    }

    private static void appendFlat(StringBuilder out, JsonNode value) {
        if (value.isObject()) {
            boolean first = true;
            Set<String> names = new TreeSet<>();
            value.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!first) {
                    out.append('_');
                }
                first = false;
                out.append(name).append('_');
                appendFlat(out, value.get(name));
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                if (i > 0) {
                    out.append('_');
                }
                appendFlat(out, value.get(i));
            }
        } else if (value.isNull()) {
            out.append("none");
        } else {
            out.append(value.asText().toLowerCase(Locale.ROOT));
        }
    }

    private void load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("recording directory must be a directory, was " + dir.toAbsolutePath());
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(RecordedRpcNode::isRecording).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String key = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
            Reply reply = parse(file);
            Reply earlier = replies.putIfAbsent(key, reply);
            if (earlier != null && !earlier.sameAnswer(reply)) {
                throw new IllegalArgumentException(
                        "recordings disagree on " + name + ": " + earlier.source() + " and " + reply.source());
            }
        }
    }

    private static boolean isRecording(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && Files.isRegularFile(file);
    }

    /** ethereum-etl stores whole envelopes, some without id or jsonrpc; a bare value is the result. */
    private static Reply parse(Path file) throws IOException {
        JsonNode content;
        try {
            content = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("recording is not JSON: " + file.toAbsolutePath(), e);
        }
        String source = file.toAbsolutePath().toString();
        if (content == null || content.isMissingNode()) {
            throw new IllegalArgumentException("recording is empty: " + source);
        }
        boolean envelope = content.isObject() && (content.has("result") || content.has("error"))
                && iterableContainsOnly(content.fieldNames(), ENVELOPE_FIELDS);
        if (!envelope) {
            return new Reply(content, null, source);
        }
        return content.has("error") ? new Reply(null, content.get("error"), source)
                : new Reply(content.get("result"), null, source);
    }

    private static boolean iterableContainsOnly(Iterator<String> names, Set<String> allowed) {
        while (names.hasNext()) {
            if (!allowed.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds or replaces the answer to one call, e.g. an {@code eth_blockNumber} the recordings lack.
     *
     * @param method the JSON-RPC method
     * @param params the params as web3j sends them (strings, booleans, maps, lists); empty for none
     * @param result the result to answer with; null answers JSON null
     * @throws IllegalArgumentException if the method is blank
     */
    public void record(String method, List<?> params, JsonNode result) {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method must not be blank, was '" + method + "'");
        }
        JsonNode paramsNode = JSON.valueToTree(params == null ? List.of() : params);
        JsonNode answer = result == null ? NullNode.getInstance() : result.deepCopy();
        replies.put(key(method, paramsNode), new Reply(answer, null, "record(" + method + ")"));
    }

    /** The URL to give web3j's {@code HttpService}, e.g. {@code http://127.0.0.1:40123/}. */
    public String url() {
        return uri.toString();
    }

    /** The node's address on 127.0.0.1. */
    public URI uri() {
        return uri;
    }

    /** The keys this node can answer, sorted. */
    public Set<String> recordedKeys() {
        return Collections.unmodifiableSet(new TreeSet<>(replies.keySet()));
    }

    /** The key of every call received so far (each batch item separately), in arrival order. */
    public List<String> requestLog() {
        synchronized (requestLog) {
            return List.copyOf(requestLog);
        }
    }

    /** The number of calls received so far, counting each batch item. */
    public int requestCount() {
        return requestLog.size();
    }

    /** The keys of calls that found no recording, in arrival order. */
    public List<String> misses() {
        synchronized (misses) {
            return List.copyOf(misses);
        }
    }

    /** The number of HTTP POSTs received so far; a batch is one. */
    public int httpRequestCount() {
        return httpRequests.get();
    }

    /** Stops the server at once, dropping exchanges in progress. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            httpRequests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode answer;
            try {
                answer = answer(body);
            } catch (RuntimeException e) {
                // A bug here should reach the test as an error it can read, not as a dropped connection.
                answer = error(NullNode.getInstance(), INTERNAL_ERROR, "recorded RPC node failed: " + e);
            }
            byte[] out = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
        } finally {
            exchange.close();
        }
    }

    private JsonNode answer(byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return error(NullNode.getInstance(), PARSE_ERROR, "parse error: " + e.getMessage());
        }
        if (request == null || request.isMissingNode()) {
            return error(NullNode.getInstance(), PARSE_ERROR, "parse error: empty body");
        }
        if (!request.isArray()) {
            return answerCall(request);
        }
        if (request.isEmpty()) {
            return error(NullNode.getInstance(), INVALID_REQUEST, "invalid request: empty batch");
        }
        ArrayNode answers = JSON.createArrayNode();
        request.forEach(call -> answers.add(answerCall(call)));
        return answers;
    }

    private JsonNode answerCall(JsonNode call) {
        JsonNode id = call.path("id").isMissingNode() ? NullNode.getInstance() : call.get("id");
        if (!call.isObject() || !call.path("method").isTextual()) {
            return error(id, INVALID_REQUEST, "invalid request: no method in " + call);
        }
        String method = call.get("method").textValue();
        String key = key(method, call.get("params"));
        requestLog.add(key);
        Reply reply = replies.get(key);
        if (reply == null) {
            misses.add(key);
            boolean methodKnown = replies.keySet().stream().anyMatch(k -> k.startsWith(method + "_"));
            return error(id, methodKnown ? NO_RECORDING : METHOD_NOT_FOUND,
                    "no recording " + PREFIX + key + SUFFIX + " in " + sources + " or record()");
        }
        ObjectNode envelope = JSON.createObjectNode().put("jsonrpc", "2.0");
        envelope.set("id", id);
        if (reply.error() != null) {
            envelope.set("error", reply.error());
        } else {
            envelope.set("result", reply.result());
        }
        return envelope;
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode envelope = JSON.createObjectNode().put("jsonrpc", "2.0");
        envelope.set("id", id);
        envelope.putObject("error").put("code", code).put("message", message);
        return envelope;
    }
}
