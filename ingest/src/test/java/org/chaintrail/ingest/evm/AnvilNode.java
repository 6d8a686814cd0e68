package org.chaintrail.ingest.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real local Ethereum node for tests: Foundry's {@code anvil} {@value #VERSION}, installed from
 * npm on first use, bound to 127.0.0.1 on a free port, chain id {@value #CHAIN_ID}, with the
 * well-known {@value #MNEMONIC} dev accounts unlocked (10 of them, 10 000 ETH each).
 *
 * <p>The binary is {@code -Dchaintrail.anvil=/path/to/anvil} when set; otherwise it is installed
 * with {@code npm install --prefix <cache> @foundry-rs/anvil-linux-amd64@1.7.1}, the cache being
 * {@code -Dchaintrail.anvilCache} or {@code ~/.cache/chaintrail/anvil-1.7.1}. The install goes into
 * a temporary sibling directory that is renamed into place, under a file lock, so concurrent JVMs
 * neither download twice nor see half an install. A missing npm or a failed install throws: tests
 * that need a node must not pass silently without one.
 *
 * <p>Each node writes its output to {@code target/anvil/anvil-<port>.log} and is killed by
 * {@link #close()} or, failing that, by a shutdown hook. A JVM killed with SIGKILL leaves its node
 * running: anvil has no parent-death switch.
 */
public final class AnvilNode implements AutoCloseable {
    /** The anvil release the harness installs; its RPC behaviour is pinned by AnvilNodeTest. */
    public static final String VERSION = "1.7.1";
    public static final long CHAIN_ID = 31337;
    /** Foundry's and Hardhat's default dev mnemonic: account 0 is 0xf39f...2266. */
    public static final String MNEMONIC = "test test test test test test test test test test test junk";

    private static final String NPM_PACKAGE = "@foundry-rs/anvil-linux-amd64";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(AnvilNode.class);

    private final Process process;
    private final int port;
    private final URI uri;
    private final Path logFile;
    private final HttpClient http;
    private final Thread shutdownHook;
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile boolean closed;

    /**
     * How the node mines. The default mines one block per transaction as soon as it arrives
     * (automine), which makes {@code eth_sendTransaction} return with the receipt already there.
     *
     * @param blockTimeSeconds when positive, mine a block every this many seconds instead
     * @param noMining mine only on {@link #mine(int)} (anvil's {@code --no-mining})
     */
    public record Options(int blockTimeSeconds, boolean noMining) {
        public static final Options DEFAULT = new Options(0, false);

        public Options {
            if (blockTimeSeconds < 0) {
                throw new IllegalArgumentException("block time must be >= 0 s, was " + blockTimeSeconds);
            }
            if (blockTimeSeconds > 0 && noMining) {
                throw new IllegalArgumentException(
                        "block time " + blockTimeSeconds + " s and no mining are exclusive");
            }
        }

        public static Options blockTime(int seconds) {
            if (seconds <= 0) {
                throw new IllegalArgumentException("block time must be > 0 s, was " + seconds);
            }
            return new Options(seconds, false);
        }

        public static Options manualMining() {
            return new Options(0, true);
        }

        List<String> arguments() {
            List<String> args = new ArrayList<>();
            if (blockTimeSeconds > 0) {
                args.add("--block-time");
                args.add(Integer.toString(blockTimeSeconds));
            }
            if (noMining) {
                args.add("--no-mining");
            }
            return args;
        }
    }

    /** A JSON-RPC error answered by the node, with its code and message. */
    public static final class RpcException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int code;

        RpcException(String method, int code, String message) {
            super(method + " failed: " + message + " (code " + code + ")");
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /**
     * A transaction {@link #reorg(int, List)} puts into the replacement blocks.
     *
     * @param request an {@code eth_sendTransaction}-style request ({@code from}, {@code to},
     *     {@code value}, {@code data} as hex strings) from an unlocked account
     * @param blockOffset which new block carries it: 0 is the first replaced height
     */
    public record ReorgTx(Map<String, String> request, int blockOffset) {
        public ReorgTx {
            request = Map.copyOf(request);
            if (!request.containsKey("from")) {
                throw new IllegalArgumentException("reorg tx needs a from address, was " + request);
            }
            if (blockOffset < 0) {
                throw new IllegalArgumentException("block offset must be >= 0, was " + blockOffset);
            }
        }
    }

    private AnvilNode(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.uri = URI.create("http://127.0.0.1:" + port);
        this.logFile = logFile;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.shutdownHook = new Thread(process::destroyForcibly, "anvil-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a node that mines each transaction on arrival; see {@link #start(Options)}. */
    public static AnvilNode start() {
        return start(Options.DEFAULT);
    }

    /**
     * Installs anvil if needed, starts it on a free 127.0.0.1 port and waits until it answers
     * {@code eth_chainId}.
     *
     * @param options how the node mines
     * @return a running node; close it
     * @throws IllegalStateException if anvil cannot be installed or does not come up within 30 s
     */
    public static AnvilNode start(Options options) {
        Path binary = binary();
        IllegalStateException last = null;
        // A free port found here may be taken before anvil binds it; another port fixes that.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return launch(binary, freePort(), options);
            } catch (IllegalStateException e) {
                last = e;
                LOG.warn("anvil start attempt {} of {} failed: {}", attempt, START_ATTEMPTS, e.getMessage());
            }
        }
        throw last;
    }

    private static AnvilNode launch(Path binary, int port, Options options) {
        Path logDir = Path.of("target", "anvil").toAbsolutePath();
        Path logFile = logDir.resolve("anvil-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--host", "127.0.0.1",
                "--port", Integer.toString(port),
                "--chain-id", Long.toString(CHAIN_ID),
                "--mnemonic", MNEMONIC,
                "--accounts", "10",
                "--balance", "10000"));
        command.addAll(options.arguments());
        Process process;
        try {
            Files.createDirectories(logDir);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
        }
        AnvilNode node = new AnvilNode(process, port, logFile);
        try {
            node.awaitReady();
            LOG.info("anvil {} on {} (log {})", VERSION, node.url(), logFile);
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil on port " + port + " exited with "
                        + process.exitValue() + " before answering; log " + logFile + ":\n" + logTail());
            }
            try {
                JsonNode chainId = rpc("eth_chainId");
                if (parseQuantity(chainId).longValueExact() != CHAIN_ID) {
                    throw new IllegalStateException("port " + port + " answers chain id " + chainId
                            + ", expected " + CHAIN_ID + ": not our anvil");
                }
                return;
            } catch (UncheckedIOException notYetListening) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("anvil on port " + port + " did not answer eth_chainId within "
                            + START_TIMEOUT.toSeconds() + " s; log " + logFile + ":\n" + logTail(),
                            notYetListening);
                }
                sleep(Duration.ofMillis(50));
            }
        }
    }

    /** The JSON-RPC endpoint, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return uri.toString();
    }

    public int port() {
        return port;
    }

    /** Where this node's stdout and stderr go. */
    public Path logFile() {
        return logFile;
    }

    /**
     * Calls a JSON-RPC method. Parameters are converted with Jackson: strings, numbers, booleans,
     * lists, maps and {@link JsonNode}s all work.
     *
     * @return the {@code result} member, a {@code NullNode} when the node answers null
     * @throws RpcException when the node answers with an error
     * @throws UncheckedIOException when the node cannot be reached
     */
    public JsonNode rpc(String method, Object... params) {
        ObjectNode request = JSON.createObjectNode()
                .put("jsonrpc", "2.0")
                .put("id", nextId.getAndIncrement())
                .put("method", method);
        ArrayNode array = request.putArray("params");
        for (Object param : params) {
            array.add(JSON.valueToTree(param));
        }
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(RPC_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new UncheckedIOException("anvil at " + uri + " refused " + method, e);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " to " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " to " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new RpcException(method, response.statusCode(), "HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " answered malformed JSON: " + response.body(), e);
        }
        JsonNode error = body.get("error");
        if (error != null && !error.isNull()) {
            throw new RpcException(method, error.path("code").asInt(), error.path("message").asText(error.toString()));
        }
        return body.path("result");
    }

    /** The unlocked dev accounts ({@code eth_accounts}), lower-case hex, account 0 first. */
    public List<String> accounts() {
        List<String> accounts = new ArrayList<>();
        rpc("eth_accounts").forEach(account -> accounts.add(account.asText()));
        return List.copyOf(accounts);
    }

    public long blockNumber() {
        return parseQuantity(rpc("eth_blockNumber")).longValueExact();
    }

    /**
     * Mines {@code blocks} empty-or-pending blocks at once ({@code anvil_mine}).
     *
     * @throws IllegalArgumentException if blocks is below 1
     */
    public void mine(int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks to mine must be >= 1, was " + blocks);
        }
        rpc("anvil_mine", quantity(BigInteger.valueOf(blocks)));
    }

    /**
     * Records the whole chain state ({@code evm_snapshot}).
     *
     * @return the id to pass to {@link #revert(String)}; each id can be reverted to once
     */
    public String snapshot() {
        return rpc("evm_snapshot").asText();
    }

    /**
     * Restores the chain to a snapshot ({@code evm_revert}): blocks mined since are gone, and so
     * is the snapshot itself and every later one.
     *
     * @throws IllegalStateException if the node does not know the snapshot (or it was used)
     */
    public void revert(String snapshotId) {
        if (!rpc("evm_revert", snapshotId).asBoolean()) {
            throw new IllegalStateException("anvil has no snapshot " + snapshotId + " (each reverts once)");
        }
    }

    /** Replaces the last {@code depth} blocks with as many empty ones; see {@link #reorg(int, List)}. */
    public void reorg(int depth) {
        reorg(depth, List.of());
    }

    /**
     * Simulates a chain reorganisation ({@code anvil_reorg}, present in anvil 1.7.1): the last
     * {@code depth} blocks are dropped and {@code depth} new blocks are mined at the same heights,
     * so the head height is unchanged but every replaced block has a new hash (its parent hash or
     * contents differ). Transactions of the dropped blocks are discarded, not returned to the
     * mempool: their receipts and {@code eth_getTransactionByHash} answer null and the senders'
     * nonces roll back. The given transactions are signed by the node and placed in the new blocks.
     *
     * @param depth how many blocks to replace, 1 up to the current height (genesis stays)
     * @param txs transactions for the replacement blocks, each with a block offset below depth
     * @throws IllegalArgumentException if depth or an offset is out of range
     */
    public void reorg(int depth, List<ReorgTx> txs) {
        long height = blockNumber();
        if (depth < 1 || depth > height) {
            throw new IllegalArgumentException("reorg depth must be 1.." + height + " (the height), was " + depth);
        }
        List<Object> pairs = new ArrayList<>();
        for (ReorgTx tx : txs) {
            if (tx.blockOffset() >= depth) {
                throw new IllegalArgumentException(
                        "reorg tx block offset must be below depth " + depth + ", was " + tx.blockOffset());
            }
            pairs.add(List.of(tx.request(), tx.blockOffset()));
        }
        rpc("anvil_reorg", depth, pairs);
    }

    /** Turns mining on arrival on or off ({@code evm_setAutomine}); off, call {@link #mine(int)}. */
    public void setAutomine(boolean automine) {
        rpc("evm_setAutomine", automine);
    }

    /** Stops the node: SIGTERM, then SIGKILL after 5 s. Safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is running or about to: it kills the process.
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the anvil process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** A JSON-RPC quantity ({@code "0x1a"}) as a number. */
    public static BigInteger parseQuantity(JsonNode hex) {
        String text = hex.asText();
        if (!text.startsWith("0x") || text.length() < 3) {
            throw new IllegalArgumentException("not a hex quantity: " + hex);
        }
        return new BigInteger(text.substring(2), 16);
    }

    /** A non-negative number as a JSON-RPC quantity ({@code "0x1a"}). */
    public static String quantity(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("quantity must be >= 0, was " + value);
        }
        return "0x" + value.toString(16);
    }

    /**
     * The anvil binary: {@code -Dchaintrail.anvil} when set, otherwise the npm install in the
     * cache, installed now if absent.
     *
     * @throws IllegalStateException if npm is missing, the install fails, or the platform has no
     *     npm build
     */
    public static Path binary() {
        String override = System.getProperty("chaintrail.anvil");
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new IllegalStateException("-Dchaintrail.anvil=" + override + " is not an executable file");
            }
            return path;
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("the harness installs " + NPM_PACKAGE + " (Linux x64 only); on "
                    + os + "/" + arch + " install anvil " + VERSION + " yourself and pass -Dchaintrail.anvil=<path>");
        }
        Path cache = Path.of(System.getProperty("chaintrail.anvilCache",
                System.getProperty("user.home") + "/.cache/chaintrail/anvil-" + VERSION));
        return install(cache.toAbsolutePath());
    }

    // synchronized: FileLock is held per JVM, so threads of one JVM must queue here first.
    private static synchronized Path install(Path cache) {
        if (Files.isDirectory(cache)) {
            return binaryIn(cache);
        }
        try {
            Files.createDirectories(cache.getParent());
            Path lockFile = cache.resolveSibling(cache.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock(); // blocks while another JVM installs
                try {
                    if (Files.isDirectory(cache)) {
                        return binaryIn(cache);
                    }
                    Path staging = Files.createTempDirectory(cache.getParent(), cache.getFileName() + ".tmp");
                    try {
                        npmInstall(staging);
                        binaryIn(staging);
                        try {
                            // Same directory, so the rename is atomic: the cache is whole or absent.
                            Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
                        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                            // A writer that ignored the lock finished first; its install is as good.
                        }
                    } finally {
                        deleteRecursively(staging);
                    }
                    return binaryIn(cache);
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot install anvil into " + cache + ": " + e.getMessage(), e);
        }
    }

    private static void npmInstall(Path prefix) throws IOException {
        Path npmLog = prefix.resolve("npm-install.log");
        List<String> command = List.of("npm", "install", "--prefix", prefix.toString(),
                "--no-audit", "--no-fund", "--loglevel=error", NPM_PACKAGE + "@" + VERSION);
        LOG.info("installing anvil {}: {}", VERSION, String.join(" ", command));
        Process npm;
        try {
            npm = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(npmLog.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("npm is needed to install anvil " + VERSION
                    + " but could not be run (" + e.getMessage() + "); install Node.js/npm or pass"
                    + " -Dchaintrail.anvil=<path to anvil>", e);
        }
        try {
            if (!npm.waitFor(NPM_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm install " + NPM_PACKAGE + "@" + VERSION + " took over "
                        + NPM_TIMEOUT.toMinutes() + " min; output:\n" + tail(npmLog));
            }
        } catch (InterruptedException e) {
            npm.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing anvil " + VERSION, e);
        }
        if (npm.exitValue() != 0) {
            throw new IllegalStateException("npm install " + NPM_PACKAGE + "@" + VERSION + " exited with "
                    + npm.exitValue() + "; output:\n" + tail(npmLog));
        }
    }

    // The package names its executable in package.json "bin"; follow it rather than guess a path.
    private static Path binaryIn(Path prefix) {
        Path packageDir = prefix.resolve("node_modules").resolve(NPM_PACKAGE);
        Path packageJson = packageDir.resolve("package.json");
        try {
            JsonNode manifest = JSON.readTree(packageJson.toFile());
            if (!VERSION.equals(manifest.path("version").asText())) {
                throw new IllegalStateException(packageJson + " is version " + manifest.path("version")
                        + ", expected " + VERSION + "; delete " + prefix + " to reinstall");
            }
            JsonNode bin = manifest.path("bin");
            String relative = bin.isTextual() ? bin.asText() : bin.path("anvil").asText(null);
            if (relative == null) {
                throw new IllegalStateException(packageJson + " names no anvil executable in \"bin\": " + bin);
            }
            Path binary = packageDir.resolve(relative).normalize();
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing or not executable; delete " + prefix + " to reinstall");
            }
            return binary;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + packageJson + " (" + e.getMessage()
                    + "); delete " + prefix + " to reinstall", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private String logTail() {
        return tail(logFile);
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for anvil", e);
        }
    }
}
