package org.chaintrail.ingest.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 proxy on 127.0.0.1 that forwards JSON-RPC POSTs, whatever their path, to one
 * loopback upstream URL (a {@link RecordedRpcNode}, a local anvil) and injects {@link Fault}s into a configurable share of
 * them, so an ingestor's retry and error handling meet real sockets, real status codes and real
 * timeouts.
 *
 * <p>Which request gets which fault comes from a {@link Random} with a fixed seed: a client that
 * sends its requests one after another sees the same faults on every run (concurrent requests draw
 * in arrival order). Connections are kept alive between requests, as OkHttp (under web3j) expects;
 * a DROP or DELAY ends its connection. OkHttp silently resends a request whose pooled connection
 * was dropped ({@code retryOnConnectionFailure}), so with keep-alive web3j may never see a DROP,
 * only spend one more draw; {@link Builder#keepAlive keepAlive(false)} makes every DROP reach it.
 *
 * <p>Thread-safe. {@link #close()} ends every connection and thread at once.
 */
public final class FaultyRpcProxy implements AutoCloseable {
    /** What the proxy does to a request instead of forwarding it. */
    public enum Fault {
        /** Closes the connection with a reset and no response. */
        DROP,
        /** Holds the request for the configured delay (past the client's read timeout), then drops. */
        DELAY,
        /** HTTP 429 Too Many Requests with {@code Retry-After: 1}. */
        HTTP_429,
        /** HTTP 502 Bad Gateway. */
        HTTP_502,
        /** HTTP 503 Service Unavailable. */
        HTTP_503,
        /** HTTP 200 with a JSON-RPC error (code -32000) for each call, an array for a batch. */
        RPC_ERROR,
        /** HTTP 200 with JSON cut off mid-value (the HTTP framing itself is intact). */
        MALFORMED,
        /** HTTP 429 Too Many Requests without {@code Retry-After}: the client must pick its own pause. */
        HTTP_429_BARE,
        /** HTTP 500 Internal Server Error. */
        HTTP_500,
        /**
         * Forwards the request, then sends the upstream's status and headers with the full
         * {@code Content-Length} but only the first half of its body, and closes the connection: a
         * response cut off in transit.
         */
        TRUNCATED
    }

    /** The JSON-RPC error code of {@link Fault#RPC_ERROR}. */
    public static final int RPC_ERROR_CODE = -32000;
    /** The JSON-RPC error message of {@link Fault#RPC_ERROR}. */
    public static final String RPC_ERROR_MESSAGE = "upstream temporarily unavailable";
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;
    private static final int MAX_BODY = 64 * 1024 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** Hop-by-hop and framing headers are the proxy's own business, never passed on. */
    private static final Set<String> OWN_HEADERS =
            Set.of("connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "te", "trailer");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PROXIES = new AtomicInteger();

    private final String upstreamHost;
    private final int upstreamPort;
    private final String upstreamTarget;
    private final Map<Fault, Double> shares;
    private final List<Fault> script;
    private final Duration delay;
    private final int upstreamTimeoutMillis;
    private final boolean keepAlive;
    private final String onlyMethod;
    private final Random random;
    /** Guarded by {@code this}, with {@link #random}. */
    private int scriptIndex;
    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger upstreamFailures = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Arrival> arrivals = Collections.synchronizedList(new ArrayList<>());
    private final long started = System.nanoTime();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ServerSocket serverSocket;
    private final ExecutorService connections;
    private final Thread acceptor;
    private final URI uri;

    private FaultyRpcProxy(Builder builder) throws IOException {
        upstreamHost = builder.upstream.getHost();
        upstreamPort = builder.upstream.getPort() == -1 ? 80 : builder.upstream.getPort();
        String path = builder.upstream.getRawPath() == null || builder.upstream.getRawPath().isEmpty() ? "/"
                : builder.upstream.getRawPath();
        upstreamTarget = builder.upstream.getRawQuery() == null ? path : path + "?" + builder.upstream.getRawQuery();
        shares = Collections.unmodifiableMap(new EnumMap<>(builder.shares));
        script = List.copyOf(builder.script);
        delay = builder.delay;
        upstreamTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, builder.upstreamTimeout.toMillis());
        keepAlive = builder.keepAlive;
        onlyMethod = builder.onlyMethod;
        random = new Random(builder.seed);
        for (Fault fault : Fault.values()) {
            injected.put(fault, new AtomicInteger());
        }
        serverSocket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        uri = URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + "/");
        int proxy = PROXIES.incrementAndGet();
        AtomicInteger threadCount = new AtomicInteger();
        connections = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "faulty-rpc-proxy-" + proxy + "-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            threads.removeIf(old -> !old.isAlive());
            threads.add(thread);
            return thread;
        });
        acceptor = new Thread(this::acceptLoop, "faulty-rpc-proxy-" + proxy + "-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    /**
     * Starts configuring a proxy in front of a loopback JSON-RPC endpoint.
     *
     * @param upstream an {@code http://} URL on a loopback address, e.g. {@link RecordedRpcNode#uri()}
     * @return a builder: no faults, seed 0, delay 2 s, upstream timeout 30 s
     * @throws IllegalArgumentException if the URL is not {@code http} or not on a loopback address
     */
    public static Builder inFrontOf(URI upstream) {
        return new Builder(upstream);
    }

    /** Configuration, checked once and frozen by {@link #start()}. */
    public static final class Builder {
        private final URI upstream;
        private final Map<Fault, Double> shares = new EnumMap<>(Fault.class);
        private String onlyMethod;
        private final List<Fault> script = new ArrayList<>();
        private long seed;
        private Duration delay = Duration.ofSeconds(2);
        private Duration upstreamTimeout = Duration.ofSeconds(30);
        private boolean keepAlive = true;

        private Builder(URI upstream) {
            if (upstream == null || !"http".equals(upstream.getScheme()) || upstream.getHost() == null) {
                throw new IllegalArgumentException("upstream must be an http:// URL, was " + upstream);
            }
            if (!isLoopback(upstream.getHost())) {
                throw new IllegalArgumentException("upstream must be on a loopback address, was " + upstream);
            }
            this.upstream = upstream;
            for (Fault fault : Fault.values()) {
                shares.put(fault, 0.0);
            }
        }

        private static boolean isLoopback(String host) {
            try {
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    if (!address.isLoopbackAddress()) {
                        return false;
                    }
                }
                return true;
            } catch (UnknownHostException e) {
                return false;
            }
        }

        /** The seed of the fault draws; the same seed and request order give the same faults. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The share of requests that get this fault; the shares of all kinds add up to at most 1 and
         * the rest is forwarded.
         *
         * @throws IllegalArgumentException if the share is not within 0..1
         */
        public Builder share(Fault fault, double share) {
            if (!(share >= 0.0 && share <= 1.0)) {
                throw new IllegalArgumentException("share of " + fault + " must be 0..1, was " + share);
            }
            shares.put(fault, share);
            return this;
        }

        /**
         * Faults for the first requests, one each and in this order, before the shares apply: for a
         * test that wants, say, exactly one 429 and then success.
         */
        public Builder script(Fault... faults) {
            for (Fault fault : faults) {
                if (fault == null) {
                    throw new IllegalArgumentException("script must not contain null, was " + Arrays.toString(faults));
                }
            }
            script.addAll(List.of(faults));
            return this;
        }

        /**
         * How long {@link Fault#DELAY} holds a request before dropping it; make it longer than the
         * client's read timeout.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder delay(Duration delay) {
            if (delay == null || delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("delay must be positive, was " + delay);
            }
            this.delay = delay;
            return this;
        }

        /**
         * How long a forwarded request may wait for the upstream before the client gets a 502.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder upstreamTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("upstream timeout must be positive, was " + timeout);
            }
            this.upstreamTimeout = timeout;
            return this;
        }

        /**
         * Whether connections stay open between requests (the default). Without keep-alive every
         * response says {@code Connection: close}, so each request comes on a fresh connection and
         * OkHttp cannot hide a DROP by silently resending on a new one.
         */
        public Builder keepAlive(boolean keepAlive) {
            this.keepAlive = keepAlive;
            return this;
        }

        /** Faults only for requests that call this JSON-RPC method; the others pass untouched. */
        public Builder onlyFor(String method) {
            this.onlyMethod = method;
            return this;
        }

        /**
         * Starts the proxy on a free loopback port.
         *
         * @throws IllegalArgumentException if the shares add up to more than 1
         * @throws UncheckedIOException if no port can be bound
         */
        public FaultyRpcProxy start() {
            double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
            if (total > 1.0 + 1e-9) {
                throw new IllegalArgumentException(
                        "fault shares must add up to at most 1, were " + total + " " + shares);
            }
            try {
                return new FaultyRpcProxy(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start faulty RPC proxy in front of " + upstream, e);
            }
        }
    }

    /** The URL to give the client, e.g. {@code http://127.0.0.1:40123/}. */
    public String url() {
        return uri.toString();
    }

    /** The proxy's address on 127.0.0.1. */
    public URI uri() {
        return uri;
    }

    /** How many requests got each fault so far; every kind is present, most with 0. */
    public Map<Fault, Integer> injected() {
        Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
        injected.forEach((fault, count) -> counts.put(fault, count.get()));
        return Collections.unmodifiableMap(counts);
    }

    /** How many requests got this fault so far. */
    public int injected(Fault fault) {
        return injected.get(fault).get();
    }

    /** How many requests the upstream answered and the proxy passed back unchanged. */
    public int forwarded() {
        return forwarded.get();
    }

    /**
     * How many forwarded requests the upstream failed to answer (refused, timed out); the client got
     * a 502 that is not counted as an injected {@link Fault#HTTP_502}.
     */
    public int upstreamFailures() {
        return upstreamFailures.get();
    }

    /**
     * A POST: when it arrived, from the proxy's start, and the fault it got, if any.
     *
     * @param at    time since the proxy started
     * @param fault what it got instead of a forward
     */
    public record Arrival(Duration at, Optional<Fault> fault) {
    }

    /**
     * Every POST in arrival order: for a test that checks a client's pause between a fault and its
     * retry.
     */
    public List<Arrival> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    /** How long the client waited after the first request answered with this fault before its next one. */
    public Duration pauseAfter(Fault fault) {
        List<Arrival> all = arrivals();
        int at = all.indexOf(all.stream().filter(a -> a.fault().equals(Optional.of(fault))).findFirst().orElseThrow());
        return all.get(at + 1).at().minus(all.get(at).at());
    }

    /**
     * All POSTs received: {@link #forwarded()} plus the injected faults (a {@link Fault#TRUNCATED}
     * counts as both) plus the upstream failures.
     */
    public int requests() {
        return requests.get();
    }

    /**
     * Closes the port and every connection at once, waking delayed requests, and returns when the
     * proxy's threads have ended (waiting at most a second for them). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.countDown();
        closeQuietly(serverSocket);
        sockets.forEach(FaultyRpcProxy::closeQuietly);
        connections.shutdownNow();
        // Joined rather than awaitTermination(): a pool reports termination while its last worker
        // is still on its way out, and callers check that no proxy thread is left.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        try {
            for (Thread thread : threads) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    thread.join(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            sockets.add(socket);
            if (closed.get()) {
                closeQuietly(socket);
                sockets.remove(socket);
                return;
            }
            try {
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                closeQuietly(socket);
                sockets.remove(socket);
            }
        }
    }

    /** One client connection: requests one after another until the client or a fault ends it. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (!closed.get()) {
                Request request = readRequest(in, out);
                if (request == null || !respond(socket, request, out)) {
                    return;
                }
            }
        } catch (BadRequest e) {
            // Already answered with 400/413; the connection cannot be trusted any further.
        } catch (IOException e) {
            // The client went away or close() closed the socket: nothing left to answer.
        } finally {
            sockets.remove(socket);
        }
    }

    /** Answers one request; false when the connection must end. */
    private boolean respond(Socket socket, Request request, OutputStream out) throws IOException {
        boolean open = keepAlive && request.keepAlive();
        if (!"POST".equals(request.method())) {
            write(out, new Response(405, List.of(header("Allow", "POST"), header("Content-Type", "text/plain")),
                    ascii("JSON-RPC takes POST only, was " + request.method())), open);
            return open;
        }
        requests.incrementAndGet();
        Duration at = Duration.ofNanos(System.nanoTime() - started);
        Fault fault = onlyMethod == null || mentions(request.body(), onlyMethod) ? nextFault() : null;
        arrivals.add(new Arrival(at, Optional.ofNullable(fault)));
        if (fault == null) {
            write(out, forward(request), open);
            return open;
        }
        // Counted before the client can see the fault, so a test reading the counters never races it.
        injected.get(fault).incrementAndGet();
        switch (fault) {
            case DROP -> {
                abort(socket);
                return false;
            }
            case DELAY -> {
                awaitClosing(delay);
                abort(socket);
                return false;
            }
            case HTTP_429 -> write(out, status(429, header("Retry-After", "1")), open);
            case HTTP_502 -> write(out, status(502), open);
            case HTTP_503 -> write(out, status(503), open);
            case RPC_ERROR -> write(out, json(rpcErrors(request.body())), open);
            case MALFORMED -> write(out, json(truncated(request.body())), open);
            case HTTP_429_BARE -> write(out, status(429), open);
            case HTTP_500 -> write(out, status(500), open);
            case TRUNCATED -> {
                Response whole = forward(request);
                write(out, whole, whole.body().length / 2);
                // A clean close, not a reset: a reset may discard the half body before the client reads it.
                closeQuietly(socket);
                return false;
            }
            default -> throw new IllegalStateException("unhandled fault " + fault);
        }
        return open;
    }

    private static boolean mentions(byte[] body, String method) {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("\"" + method + "\"");
    }

    private synchronized Fault nextFault() {
        if (scriptIndex < script.size()) {
            return script.get(scriptIndex++);
        }
        double draw = random.nextDouble();
        double cumulative = 0.0;
        for (Fault fault : Fault.values()) {
            cumulative += shares.get(fault);
            if (draw < cumulative) {
                return fault;
            }
        }
        return null;
    }

    private void awaitClosing(Duration duration) {
        try {
            closing.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A reset rather than a clean FIN: the client sees "connection reset", as from a dying balancer. */
    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // Already closed: the drop has happened anyway.
        }
        closeQuietly(socket);
    }

    private Response forward(Request request) {
        Socket upstream = new Socket();
        sockets.add(upstream);
        try (upstream) {
            upstream.connect(new InetSocketAddress(upstreamHost, upstreamPort), CONNECT_TIMEOUT_MILLIS);
            upstream.setSoTimeout(upstreamTimeoutMillis);
            OutputStream out = new BufferedOutputStream(upstream.getOutputStream());
            String contentType = request.headers().getOrDefault("content-type", "application/json");
            out.write(ascii("POST " + upstreamTarget + " HTTP/1.1\r\n"
                    + "Host: " + upstreamHost + ":" + upstreamPort + "\r\n"
                    + "Content-Type: " + contentType + "\r\n"
                    + "Content-Length: " + request.body().length + "\r\n"
                    + "Connection: close\r\n\r\n"));
            out.write(request.body());
            out.flush();
            Response response = readResponse(new BufferedInputStream(upstream.getInputStream()));
            forwarded.incrementAndGet();
            return response;
        } catch (IOException e) {
            upstreamFailures.incrementAndGet();
            return new Response(502, List.of(header("Content-Type", "text/plain")),
                    ascii("upstream http://" + upstreamHost + ":" + upstreamPort + upstreamTarget + " failed: " + e));
        } finally {
            sockets.remove(upstream);
        }
    }

    private static Response status(int code, Header... extraHeaders) {
        List<Header> headers = new ArrayList<>(List.of(extraHeaders));
        headers.add(header("Content-Type", "text/plain"));
        return new Response(code, headers, ascii(code + " " + reason(code) + " (injected by FaultyRpcProxy)"));
    }

    private static Response json(byte[] body) {
        return new Response(200, List.of(header("Content-Type", "application/json")), body);
    }

    /** One error per call with the caller's id; an unreadable body gets one error with id null. */
    private static byte[] rpcErrors(byte[] requestBody) {
        JsonNode request = readQuietly(requestBody);
        try {
            if (request != null && request.isArray() && !request.isEmpty()) {
                ArrayNode errors = JSON.createArrayNode();
                request.forEach(call -> errors.add(rpcError(idOf(call))));
                return JSON.writeValueAsBytes(errors);
            }
            return JSON.writeValueAsBytes(rpcError(request == null ? NullNode.getInstance() : idOf(request)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode rpcError(JsonNode id) {
        ObjectNode error = JSON.createObjectNode().put("jsonrpc", "2.0");
        error.set("id", id);
        error.putObject("error").put("code", RPC_ERROR_CODE).put("message", RPC_ERROR_MESSAGE);
        return error;
    }

    /** The start of a plausible answer, cut off inside the result: no JSON parser accepts it. */
    private static byte[] truncated(byte[] requestBody) {
        JsonNode request = readQuietly(requestBody);
        boolean batch = request != null && request.isArray() && !request.isEmpty();
        JsonNode first = batch ? request.get(0) : request;
        String id = first == null ? "null" : idOf(first).toString();
        return ascii((batch ? "[" : "") + "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"number\":\"0x");
    }

    private static JsonNode readQuietly(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode idOf(JsonNode call) {
        JsonNode id = call.get("id");
        return id == null ? NullNode.getInstance() : id;
    }

    private record Request(String method, Map<String, String> headers, byte[] body) {
        boolean keepAlive() {
            String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
            return !Arrays.stream(connection.split(",")).map(String::trim).toList().contains("close");
        }
    }

    private record Response(int status, List<Header> headers, byte[] body) {
    }

    /** A request the proxy cannot read; it has been answered and the connection must end. */
    private static final class BadRequest extends IOException {
        BadRequest(String message) {
            super(message);
        }
    }

    private record Header(String name, String value) {
    }

    private static Header header(String name, String value) {
        return new Header(name, value);
    }

    /** The next request on the connection, or null when the client closed it between requests. */
    private static Request readRequest(InputStream in, OutputStream out) throws IOException {
        String requestLine = readLine(in);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(in); // a stray CRLF between requests is allowed
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw unreadable(out, 400, "bad request line: " + requestLine);
        }
        Map<String, String> headers = readHeaders(in, new ArrayList<>(), out);
        if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
            out.write(ascii("HTTP/1.1 100 Continue\r\n\r\n"));
            out.flush();
        }
        byte[] body = readBody(in, headers, false, out);
        return new Request(parts[0], headers, body);
    }

    private static Response readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new EOFException("upstream closed without a response");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("bad upstream status line: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad upstream status line: " + statusLine, e);
        }
        List<Header> passed = new ArrayList<>();
        Map<String, String> headers = readHeaders(in, passed, null);
        byte[] body = status == 204 || status == 304 ? new byte[0] : readBody(in, headers, true, null);
        return new Response(status, passed, body);
    }

    /**
     * Header names lower-cased; {@code passed} collects those a proxy may pass on, as sent. With
     * {@code out} (reading a request) a bad header is answered with 400 first.
     */
    private static Map<String, String> readHeaders(InputStream in, List<Header> passed, OutputStream out)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int count = 0;; count++) {
            String line = readLine(in);
            if (line == null) {
                throw new EOFException("connection closed inside the headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || count >= MAX_HEADERS) {
                throw unreadable(out, 400, "bad header: " + line);
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b);
            if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                passed.add(header(name, value));
            }
        }
    }

    /**
     * The body by Content-Length or chunked coding; without either, a request has none and a
     * response runs to the end of the stream.
     */
    private static byte[] readBody(InputStream in, Map<String, String> headers, boolean untilEof, OutputStream out)
            throws IOException {
        if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(in, out);
        }
        String length = headers.get("content-length");
        if (length == null) {
            return untilEof ? in.readAllBytes() : new byte[0];
        }
        int size;
        try {
            size = Integer.parseInt(length.trim());
        } catch (NumberFormatException e) {
            throw unreadable(out, 400, "bad Content-Length " + length);
        }
        if (size < 0 || size > MAX_BODY) {
            throw unreadable(out, 413, "Content-Length must be 0.." + MAX_BODY + ", was " + size);
        }
        byte[] body = in.readNBytes(size);
        if (body.length < size) {
            throw new EOFException("body ended after " + body.length + " of " + size + " bytes");
        }
        return body;
    }

    private static byte[] readChunked(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = readLine(in);
            if (line == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            String hex = line.contains(";") ? line.substring(0, line.indexOf(';')) : line;
            int size;
            try {
                size = Integer.parseInt(hex.trim(), 16);
            } catch (NumberFormatException e) {
                throw unreadable(out, 400, "bad chunk size " + line);
            }
            if (size < 0 || body.size() + (long) size > MAX_BODY) {
                throw unreadable(out, 413, "chunked body larger than " + MAX_BODY + " bytes");
            }
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(in);
                } while (trailer != null && !trailer.isEmpty());
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new EOFException("chunk ended after " + chunk.length + " of " + size + " bytes");
            }
            body.write(chunk);
            readLine(in); // the CRLF after the chunk
        }
    }

    /** A line without its CRLF (or bare LF), or null at the end of the stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * The exception for a message the proxy cannot read: from a client ({@code out} set) it is
     * answered with this status first, from the upstream it is only an IOException.
     */
    private static IOException unreadable(OutputStream out, int status, String message) throws IOException {
        if (out == null) {
            return new IOException("upstream: " + message);
        }
        write(out, new Response(status, List.of(header("Content-Type", "text/plain")), ascii(message)), false);
        return new BadRequest(message);
    }

    /** The response's status and headers with its whole length, then only {@code bodyBytes} of its body. */
    private static void write(OutputStream out, Response response, int bodyBytes) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.status()).append(' ')
                .append(reason(response.status())).append("\r\n");
        for (Header header : response.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        head.append("Content-Length: ").append(response.body().length).append("\r\n\r\n");
        out.write(ascii(head.toString()));
        out.write(response.body(), 0, bodyBytes);
        out.flush();
    }

    private static void write(OutputStream out, Response response, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.status()).append(' ')
                .append(reason(response.status())).append("\r\n");
        for (Header header : response.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        head.append("Content-Length: ").append(response.body().length).append("\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(ascii(head.toString()));
        out.write(response.body());
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + status;
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing on the way out: there is nobody left to tell.
        }
    }
}
