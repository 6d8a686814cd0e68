package org.chaintrail.ingest.bitcoin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.ingest.rpc.RpcException;
import org.chaintrail.ingest.rpc.RpcFailure;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Bitcoin Core node over JSON-RPC: the chain's height, block hashes, blocks with their
 * transactions (decoded by {@link CoreBlockDecoder}) and the outputs that inputs spend.
 *
 * <p>Blocks are asked with verbosity 3, which carries every input's spent output (Core 22 and
 * later). A node that refuses it (an invalid-parameter error) or ignores it (older Core answers
 * verbosity 2 instead) is asked with verbosity 2 from then on, and the inputs are left for
 * {@link #prevouts} to resolve; that needs {@code -txindex} on the node.
 *
 * <p>Timeouts, dropped connections, HTTP 429 and 5xx and Core's "warming up" error (-28) are
 * retried with {@link Backoff}, after at least the {@code Retry-After} a node sends; an answer
 * that does not parse is retried at most
 * {@link Backoff#malformedMax()} times in all; any other error fails at once. A failure names the
 * method and the block (or transactions) it was for. The URL's user and password become HTTP Basic
 * authentication and never appear in a message. Thread-safe.
 */
public final class BitcoinCoreClient {
    /** Blocks with their transactions and each input's spent output. */
    public static final int VERBOSITY_PREVOUTS = 3;
    /** Blocks with their transactions, inputs as bare references. */
    public static final int VERBOSITY_TRANSACTIONS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(BitcoinCoreClient.class);
    /** Core's RPC_IN_WARMUP: the node is still loading its block index. */
    private static final int IN_WARMUP = -28;
    /** Core's RPC_INVALID_ADDRESS_OR_KEY: no such block or transaction. */
    private static final int NOT_FOUND = -5;
    /** Invalid parameter, type error, misc error, JSON-RPC invalid params: how a node says "no such verbosity". */
    private static final Set<Integer> BAD_PARAMETER = Set.of(-8, -3, -1, -32602);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    /** Core writes BTC amounts as JSON decimals: keep them exact, never through double. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final URI endpoint;
    private final Optional<String> authorization;
    private final HttpClient http;
    private final Duration timeout;
    private final Backoff backoff;
    private final int transactionsPerRequest;
    private final AtomicLong ids = new AtomicLong();
    private volatile int verbosity = VERBOSITY_PREVOUTS;

    /**
     * @param url                    the node, e.g. {@code http://user:pass@127.0.0.1:8332/}; user and
     *                               password (percent-encoded if need be) are sent as Basic auth
     * @param timeout                for connecting and for each whole request
     * @param backoff                retries of transient and malformed answers
     * @param transactionsPerRequest {@code getrawtransaction} calls per batch request, 1..10,000
     * @throws IllegalArgumentException if the URL is not http(s) with a host, the timeout not
     *                                  positive or the batch size out of range
     */
    public BitcoinCoreClient(URI url, Duration timeout, Backoff backoff, int transactionsPerRequest) {
        if (url == null || url.getHost() == null
                || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("node URL must be http(s)://[user:password@]host:port/, was "
                    + (url == null ? null : withoutUserInfo(url)));
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (transactionsPerRequest < 1 || transactionsPerRequest > 10_000) {
            throw new IllegalArgumentException("transactions per request must be 1..10000, was "
                    + transactionsPerRequest);
        }
        this.endpoint = withoutUserInfo(url);
        this.authorization = basicAuth(url);
        this.timeout = timeout;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.transactionsPerRequest = transactionsPerRequest;
        // Core's server speaks HTTP/1.1 only; no h2c upgrade attempt.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** With a 30 s timeout, {@link Backoff#DEFAULT} and 100 transactions per batch request. */
    public BitcoinCoreClient(URI url) {
        this(url, Duration.ofSeconds(30), Backoff.DEFAULT, 100);
    }

    /** The node's URL without user and password, for messages. */
    public String url() {
        return endpoint.toString();
    }

    /**
     * The verbosity blocks are asked with: {@value #VERBOSITY_PREVOUTS} until the node has shown
     * it lacks it, then {@value #VERBOSITY_TRANSACTIONS}.
     */
    public int verbosity() {
        return verbosity;
    }

    /**
     * {@code getblockcount}: the height of the node's best chain.
     *
     * @throws IngestException if the node fails after the retries
     */
    public long blockCount() {
        return call("getblockcount", request("getblockcount"), answer -> {
            JsonNode result = result(answer);
            if (!result.canConvertToExactIntegral() || !result.canConvertToLong() || result.asLong() < 0) {
                throw new RpcException(RpcFailure.MALFORMED, "height is not a number: " + abbreviate(result));
            }
            return result.asLong();
        });
    }

    /**
     * {@code getblockhash}: the hash of the best chain's block at a height.
     *
     * @throws IngestException naming the height if the node has no such block (error -8) or fails
     */
    public String blockHash(long height) {
        if (height < 0) {
            throw new IllegalArgumentException("block height must not be negative, was " + height);
        }
        return call("getblockhash " + height, request("getblockhash", height), answer -> {
            JsonNode result = result(answer);
            if (!result.isTextual() || !HASH.matcher(result.textValue()).matches()) {
                throw new RpcException(RpcFailure.MALFORMED, "not a block hash: " + abbreviate(result));
            }
            return result.textValue();
        });
    }

    /**
     * The block at a height of the best chain, decoded: inputs carry their spent outputs when the
     * node gives them (verbosity 3), otherwise none.
     *
     * @throws IngestException naming the height and hash if the node fails or the block does not decode
     */
    public UtxoBlock block(long height) {
        String hash = blockHash(height);
        UtxoBlock block = CoreBlockDecoder.decode(blockJson(hash, "block " + height));
        if (block.block().number() != height) {
            throw new IngestException("getblock " + hash + ": asked for block " + height + ", the node answered block "
                    + block.block().number());
        }
        return block;
    }

    /**
     * The block with a hash, decoded.
     *
     * @throws IngestException naming the hash if the node fails or the block does not decode
     */
    public UtxoBlock block(String hash) {
        return CoreBlockDecoder.decode(blockJson(hash, null));
    }

    /**
     * {@code getblock hash verbosity} as Core's JSON, at verbosity 3 or, once the node has shown it
     * lacks it, 2.
     *
     * @param hash   the block's hash
     * @param height its height if known, for messages; null if not
     * @throws IngestException naming the block if the node fails
     */
    JsonNode blockJson(String hash, String height) {
        if (hash == null || !HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("block hash must be 64 lower-case hex digits, was '" + hash + "'");
        }
        String what = "getblock " + hash + (height == null ? "" : " (" + height + ")");
        int asked = verbosity;
        try {
            JsonNode block = call(what, request("getblock", hash, asked), this::objectResult);
            if (asked == VERBOSITY_PREVOUTS && lacksPrevouts(block)) {
                verbosity = VERBOSITY_TRANSACTIONS;
                LOG.info("{}: the node ignores getblock verbosity 3 (Core before 22); inputs will be resolved"
                        + " with getrawtransaction", endpoint);
            }
            return block;
        } catch (Refused e) {
            if (asked != VERBOSITY_PREVOUTS || !BAD_PARAMETER.contains(e.code)) {
                throw e;
            }
            JsonNode block = call(what, request("getblock", hash, VERBOSITY_TRANSACTIONS), this::objectResult);
            verbosity = VERBOSITY_TRANSACTIONS;
            LOG.info("{}: the node refuses getblock verbosity 3 ({}); asking verbosity 2, inputs will be resolved"
                    + " with getrawtransaction", endpoint, e.getMessage());
            return block;
        }
    }

    /**
     * The outputs that inputs spend, by {@code getrawtransaction txid true} in batch requests (one
     * call per distinct transaction). The node needs {@code -txindex} for transactions outside its
     * mempool.
     *
     * @param outpoints the spent outputs
     * @return each outpoint's output, in the order given
     * @throws IngestException naming the transactions if the node does not know one, a transaction
     *                         lacks the output, or the node fails
     */
    public Map<OutPoint, UtxoOutput> prevouts(Collection<OutPoint> outpoints) {
        Map<String, List<OutPoint>> byTransaction = new LinkedHashMap<>();
        for (OutPoint p : outpoints) {
            byTransaction.computeIfAbsent(p.txid(), txid -> new ArrayList<>()).add(p);
        }
        List<String> txids = List.copyOf(byTransaction.keySet());
        Map<OutPoint, UtxoOutput> found = new HashMap<>();
        for (int start = 0; start < txids.size(); start += transactionsPerRequest) {
            List<String> part = txids.subList(start, Math.min(txids.size(), start + transactionsPerRequest));
            String what = "getrawtransaction " + part.get(0)
                    + (part.size() == 1 ? "" : " and " + (part.size() - 1) + " more");
            ArrayNode batch = JSON.createArrayNode();
            part.forEach(txid -> batch.add(request("getrawtransaction", txid, true)));
            List<JsonNode> transactions;
            try {
                transactions = call(what, batch, answer -> batchResults(answer, batch, part));
            } catch (Refused e) {
                throw e.code == NOT_FOUND ? new IngestException(e.getMessage()
                        + "; the node finds transactions outside its mempool only with -txindex=1", e) : e;
            }
            for (int i = 0; i < part.size(); i++) {
                String txid = part.get(i);
                JsonNode vouts = transactions.get(i).path("vout");
                for (OutPoint p : byTransaction.get(txid)) {
                    JsonNode vout = outputNumbered(vouts, p.vout());
                    if (vout == null) {
                        throw new IngestException("getrawtransaction " + txid + ": the transaction has no output "
                                + p.vout());
                    }
                    found.put(p, CoreBlockDecoder.output(vout, "getrawtransaction " + txid));
                }
            }
        }
        Map<OutPoint, UtxoOutput> ordered = new LinkedHashMap<>();
        outpoints.forEach(p -> ordered.put(p, found.get(p)));
        return ordered;
    }

    private static JsonNode outputNumbered(JsonNode vouts, int n) {
        JsonNode at = vouts.path(n);
        if (at.path("n").asInt(-1) == n) {
            return at;
        }
        for (JsonNode vout : vouts) {
            if (vout.path("n").asInt(-1) == n) {
                return vout;
            }
        }
        return null;
    }

    /** Older Core takes verbosity 3 for 2: its inputs then come without {@code prevout}. */
    private static boolean lacksPrevouts(JsonNode block) {
        for (JsonNode tx : block.path("tx")) {
            for (JsonNode vin : tx.path("vin")) {
                if (!vin.has("coinbase") && !vin.has("prevout")) {
                    return true;
                }
            }
        }
        return false;
    }

    private ObjectNode request(String method, Object... params) {
        ObjectNode request = JSON.createObjectNode();
        // "1.0" as bitcoin-cli sends it: every Core version answers it the same way.
        request.put("jsonrpc", "1.0").put("id", ids.incrementAndGet()).put("method", method);
        request.set("params", JSON.valueToTree(params));
        return request;
    }

    private JsonNode objectResult(JsonNode answer) throws RpcException, NodeError {
        JsonNode result = result(answer);
        if (!result.isObject()) {
            throw new RpcException(RpcFailure.MALFORMED, "result is not a JSON object: " + abbreviate(result));
        }
        return result;
    }

    /** The result of a single call's answer, or its error. */
    private static JsonNode result(JsonNode answer) throws RpcException, NodeError {
        if (!answer.isObject()) {
            throw new RpcException(RpcFailure.MALFORMED, "answer is not a JSON-RPC object: " + abbreviate(answer));
        }
        JsonNode error = answer.get("error");
        if (error != null && !error.isNull()) {
            throw NodeError.of(error);
        }
        JsonNode result = answer.get("result");
        if (result == null) {
            throw new RpcException(RpcFailure.MALFORMED, "answer has neither result nor error: " + abbreviate(answer));
        }
        return result;
    }

    /** The results of a batch in request order, matched by id; the first error fails the batch. */
    private static List<JsonNode> batchResults(JsonNode answer, ArrayNode batch, List<String> txids)
            throws RpcException, NodeError {
        if (!answer.isArray() || answer.size() != batch.size()) {
            throw new RpcException(RpcFailure.MALFORMED, "batch of " + batch.size() + " answered with "
                    + abbreviate(answer));
        }
        Map<Long, JsonNode> byId = new HashMap<>();
        answer.forEach(a -> byId.put(a.path("id").asLong(-1), a));
        List<JsonNode> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            JsonNode one = byId.get(batch.get(i).get("id").asLong());
            if (one == null) {
                throw new RpcException(RpcFailure.MALFORMED, "batch answer lacks id " + batch.get(i).get("id"));
            }
            JsonNode tx;
            try {
                tx = result(one);
            } catch (NodeError e) {
                throw e.about(txids.get(i));
            }
            if (!tx.isObject() || !txids.get(i).equals(tx.path("txid").asText())) {
                throw new RpcException(RpcFailure.MALFORMED, "asked for transaction " + txids.get(i)
                        + ", the node answered " + abbreviate(tx.path("txid")));
            }
            results.add(tx);
        }
        return results;
    }

    @FunctionalInterface
    private interface Read<T> {
        T read(JsonNode answer) throws RpcException, NodeError;
    }

    /** Posts until the answer reads or the failure is final. */
    private <T> T call(String what, JsonNode request, Read<T> read) {
        int malformed = 0;
        for (int attempt = 1; ; attempt++) {
            RpcFailure failure;
            String reason;
            Integer code = null;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                return read.read(post(request));
            } catch (NodeError e) {
                failure = e.failure;
                reason = e.getMessage();
                code = e.code;
            } catch (RpcException e) {
                failure = e.failure();
                reason = e.getMessage();
                retryAfter = e.retryAfter();
            } catch (HttpTimeoutException e) {
                failure = RpcFailure.TRANSIENT;
                reason = "no answer within " + timeout.toMillis() + " ms";
            } catch (IOException e) {
                failure = RpcFailure.TRANSIENT;
                reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException(what + ": interrupted while waiting for the node at " + endpoint, e);
            }
            if (failure == RpcFailure.MALFORMED) {
                malformed++;
            }
            if (failure == RpcFailure.FATAL || attempt >= backoff.attempts() || malformed >= backoff.malformedMax()) {
                String message = what + ": the node at " + endpoint + " failed"
                        + (failure == RpcFailure.FATAL ? "" : " after " + attempt + " attempts") + ": " + reason;
                throw code == null ? new IngestException(message) : new Refused(message, code);
            }
            LOG.debug("{}: attempt {} failed, retrying: {}", what, attempt, reason);
            try {
                backoff.pause(attempt, retryAfter);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException(what + ": interrupted while waiting to retry", e);
            }
        }
    }

    private JsonNode post(JsonNode request) throws IOException, InterruptedException, NodeError {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)));
        authorization.ifPresent(value -> builder.header("Authorization", value));
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status != 200) {
            // Core answers a failed single call with HTTP 500 (404 for an unknown method) and the
            // JSON-RPC error in the body: its code says more than the status.
            Optional<JsonNode> error = errorIn(response.body());
            if (error.isPresent()) {
                throw NodeError.of(error.get());
            }
            if (status == 401 || status == 403) {
                throw new RpcException(RpcFailure.FATAL, "HTTP " + status + ": the node refused "
                        + (authorization.isEmpty() ? "a request without user:password in the URL" : "the user and password"));
            }
            Optional<String> retryAfter = response.headers().firstValue("Retry-After");
            throw new RpcException(RpcFailure.ofHttpStatus(status), "HTTP " + status
                    + retryAfter.map(v -> " (Retry-After " + v + ")").orElse(""),
                    retryAfter.flatMap(Backoff::retryAfter));
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new RpcException(RpcFailure.MALFORMED, "malformed response: " + e.getOriginalMessage());
        }
        if (answer == null || answer.isMissingNode()) {
            throw new RpcException(RpcFailure.MALFORMED, "empty response");
        }
        return answer;
    }

    private static Optional<JsonNode> errorIn(byte[] body) {
        try {
            JsonNode answer = JSON.readTree(body);
            JsonNode error = answer == null ? null : answer.get("error");
            return error != null && error.isObject() && error.path("code").isIntegralNumber() ? Optional.of(error)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String abbreviate(JsonNode value) {
        String text = String.valueOf(value);
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }

    private static URI withoutUserInfo(URI url) {
        try {
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            return new URI(url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority()
                    .substring(url.getRawUserInfo() == null ? 0 : url.getRawUserInfo().length() + 1) + path
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("node URL is not valid: " + url.getHost(), e);
        }
    }

    private static Optional<String> basicAuth(URI url) {
        String userInfo = url.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            return Optional.empty();
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        byte[] pair = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair));
    }

    /** Percent-decoding only: a {@code +} in a password is a plus. */
    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** A JSON-RPC error answer, classified the way Core's codes mean. */
    private static final class NodeError extends Exception {
        final int code;
        final RpcFailure failure;

        private NodeError(int code, String message) {
            super(message);
            this.code = code;
            this.failure = code == IN_WARMUP ? RpcFailure.TRANSIENT : RpcFailure.FATAL;
        }

        static NodeError of(JsonNode error) {
            int code = error.path("code").asInt();
            return new NodeError(code, "JSON-RPC error " + code + ": " + error.path("message").asText());
        }

        NodeError about(String txid) {
            return new NodeError(code, "transaction " + txid + ": " + getMessage());
        }
    }

    /** A final failure that was the node's own error answer, with its code. */
    private static final class Refused extends IngestException {
        final int code;

        Refused(String message, int code) {
            super(message);
            this.code = code;
        }
    }
}
