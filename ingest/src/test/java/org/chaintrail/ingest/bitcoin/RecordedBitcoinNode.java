package org.chaintrail.ingest.bitcoin;

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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A Bitcoin Core JSON-RPC node on 127.0.0.1 that answers from bitcoin-etl's recorded Core answers
 * ({@code rpc_response_<method>_<params>.json}, shared/data MANIFEST item B7, each file a bare
 * result), single calls and batches, behaving as Core before 28 does: a failed single call comes
 * with HTTP 500 (404 for an unknown method) and the JSON-RPC error in the body, a batch always with
 * HTTP 200. Calls without a recording get Core's error for them: -5 for an unknown block or
 * transaction, -8 for a height out of range, -32601 for an unknown method. The recordings are
 * verbosity 2, so {@code getblock} with verbosity 3 gets -8 unless told otherwise.
 *
 * <p>Faults for retry tests are queued per HTTP request: {@link #failNext} (an HTTP status),
 * {@link #garbleNext} (HTTP 200 with cut-off JSON), {@link #warmUpNext} (Core's -28),
 * {@link #delayNext} (an answer later than the client waits). Thread-safe.
 */
final class RecordedBitcoinNode implements AutoCloseable {
    private static final String PREFIX = "rpc_response_";
    private static final String SUFFIX = ".json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private sealed interface Fault permits Status, Garble, WarmUp, Delay {
    }

    private record Status(int status) implements Fault {
    }

    private record Garble() implements Fault {
    }

    private record WarmUp() implements Fault {
    }

    private record Delay(Duration delay) implements Fault {
    }

    private final Map<String, JsonNode> recordings = new ConcurrentHashMap<>();
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger httpRequests = new AtomicInteger();
    private final Optional<String> authorization;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "recorded-bitcoin-node");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpServer server;
    private volatile boolean refuseVerbosity3 = true;

    private RecordedBitcoinNode(List<Path> dirs, Optional<String> userAndPassword) throws IOException {
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(PREFIX)).toList()) {
                    String name = file.getFileName().toString();
                    recordings.put(name.substring(PREFIX.length(), name.length() - SUFFIX.length()),
                            JSON.readTree(file.toFile()));
                }
            }
        }
        authorization = userAndPassword.map(pair -> "Basic "
                + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A node answering from the recordings in these directories, without authentication. */
    static RecordedBitcoinNode start(Path... dirs) {
        return start(Optional.empty(), dirs);
    }

    /** A node that answers only requests with this {@code user:password} as Basic auth (401 otherwise). */
    static RecordedBitcoinNode start(Optional<String> userAndPassword, Path... dirs) {
        try {
            return new RecordedBitcoinNode(List.of(dirs), userAndPassword);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:port/}. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The URL with user and password, as a user would write it. */
    URI uri(String user, String password) {
        return URI.create("http://" + user + ":" + password + "@127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /**
     * Whether {@code getblock} with verbosity 3 is refused with -8 (as by a node without it), or
     * answered as verbosity 2 (as Core before 22 does).
     */
    void refuseVerbosity3(boolean refuse) {
        this.refuseVerbosity3 = refuse;
    }

    /** The next {@code times} HTTP requests get this status and a text body. */
    void failNext(int times, int status) {
        queue(times, new Status(status));
    }

    /** The next {@code times} HTTP requests get HTTP 200 with JSON cut off mid-value. */
    void garbleNext(int times) {
        queue(times, new Garble());
    }

    /** The next {@code times} HTTP requests get Core's -28 "Loading block index…" (HTTP 500). */
    void warmUpNext(int times) {
        queue(times, new WarmUp());
    }

    /** The next {@code times} HTTP requests are answered only after {@code delay}. */
    void delayNext(int times, Duration delay) {
        queue(times, new Delay(delay));
    }

    private void queue(int times, Fault fault) {
        for (int i = 0; i < times; i++) {
            faults.add(fault);
        }
    }

    /** Each call received as method and params ({@code getblock ["00…6048",3]}), batch items apart, in order. */
    List<String> requestLog() {
        synchronized (requestLog) {
            return List.copyOf(requestLog);
        }
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
            if (authorization.isPresent()
                    && !authorization.get().equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1); // Core: 401 and no body
                return;
            }
            Fault fault = faults.isEmpty() ? null : faults.remove(0);
            if (fault instanceof Status s) {
                send(exchange, s.status(), "text/plain", ("HTTP " + s.status()).getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (fault instanceof Garble) {
                send(exchange, 200, "application/json", "{\"result\":{\"hash\":\"00000000".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (fault instanceof WarmUp) {
                send(exchange, 500, "application/json", JSON.writeValueAsBytes(error(NullNode.getInstance(), -28,
                        "Loading block index…")));
                return;
            }
            if (fault instanceof Delay d) {
                try {
                    Thread.sleep(d.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            JsonNode request = JSON.readTree(body);
            if (request.isArray()) {
                ArrayNode answers = JSON.createArrayNode();
                request.forEach(call -> answers.add(answer(call)));
                send(exchange, 200, "application/json", JSON.writeValueAsBytes(answers));
                return;
            }
            ObjectNode answer = answer(request);
            int status = answer.path("error").isNull() ? 200
                    : answer.path("error").path("code").asInt() == -32601 ? 404 : 500;
            send(exchange, status, "application/json", JSON.writeValueAsBytes(answer));
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        // Kept alive, each answer waits ~40 ms for the client's delayed ACK (see ScriptedBitcoinNode).
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private ObjectNode answer(JsonNode call) {
        JsonNode id = call.path("id").isMissingNode() ? NullNode.getInstance() : call.get("id");
        String method = call.path("method").asText();
        JsonNode params = call.path("params");
        String key = switch (method) {
            case "getblockcount" -> "getblockcount";
            case "getblockhash" -> "getblockhash_" + params.path(0).asText();
            case "getblock" -> "getblock_" + params.path(0).asText() + "_"
                    + (params.path(1).asInt() == 3 && !refuseVerbosity3 ? "2" : params.path(1).asText());
            // Recorded as getrawtransaction txid 1: only verbose answers exist.
            case "getrawtransaction" -> params.path(1).asBoolean() || params.path(1).asInt() == 1
                    ? "getrawtransaction_" + params.path(0).asText() : "getrawtransaction_" + params + "_raw";
            default -> null;
        };
        requestLog.add(method + " " + params);
        if (key == null) {
            return error(id, -32601, "Method not found");
        }
        if (method.equals("getblock") && params.path(1).asInt() == 3 && refuseVerbosity3) {
            return error(id, -8, "Verbosity must be in range 0..2");
        }
        JsonNode result = recordings.get(key);
        if (result == null) {
            return switch (method) {
                case "getblockhash" -> error(id, -8, "Block height out of range (no recording " + key + ")");
                case "getrawtransaction" -> error(id, -5, "No such mempool or blockchain transaction (no recording "
                        + key + ")");
                default -> error(id, -5, "Block not found (no recording " + key + ")");
            };
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("result", result);
        answer.putNull("error");
        answer.set("id", id);
        return answer;
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode answer = JSON.createObjectNode();
        answer.putNull("result");
        answer.putObject("error").put("code", code).put("message", message);
        answer.set("id", id);
        return answer;
    }
}
