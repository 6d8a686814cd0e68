package org.chaintrail.ingest.evm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.ingest.rpc.RpcException;
import org.chaintrail.ingest.rpc.RpcFailure;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

/**
 * An EVM (or Tron) JSON-RPC node, through web3j: typed blocks and receipts, JSON for the calls
 * web3j has no type for (traces, token metadata), batch requests, and retries with backoff. Every
 * failure that survives the retries names the block it was for.
 */
final class NodeClient implements AutoCloseable {
    /** A response whose result is kept as JSON: trace formats differ between node kinds. */
    public static final class JsonResponse extends Response<JsonNode> {
    }

    private final String url;
    private final HttpService service;
    private final Web3j web3j;
    private final Backoff backoff;

    NodeClient(URI url, Duration timeout, Backoff backoff, int connections) {
        this.url = url.toString();
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .connectionPool(new ConnectionPool(connections, 1, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false) // retries are ours, counted and backed off
                .addInterceptor(new HttpStatusInterceptor())
                .build();
        this.service = new HttpService(this.url, http);
        this.web3j = Web3j.build(service);
        this.backoff = backoff;
    }

    String url() {
        return url;
    }

    /** The node's latest block number. */
    long headNumber() {
        return retrying("the node's head", () -> web3j.ethBlockNumber().send(),
                r -> r.getBlockNumber().longValueExact());
    }

    /**
     * Blocks {@code from..to} with full transactions, in one batch request.
     *
     * @throws IngestException naming the block range if a block is missing after the retries (a
     *                         node that has not reached it, or a reorg shortened the chain)
     */
    List<EthBlock.Block> blocks(long from, long to, boolean fullTransactions) {
        String what = from == to ? "block " + from : "blocks " + from + "–" + to;
        return retrying(what, () -> {
            BatchRequest batch = web3j.newBatch();
            for (long n = from; n <= to; n++) {
                batch.add(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)),
                        fullTransactions));
            }
            return batch.send();
        }, response -> {
            List<EthBlock.Block> blocks = new ArrayList<>();
            for (Response<?> r : response.getResponses()) {
                EthBlock.Block block = ((EthBlock) r).getBlock();
                if (block == null) {
                    throw new NotYet(what + ": the node has no such block yet");
                }
                blocks.add(block);
            }
            return blocks;
        });
    }

    /** The receipts of the given transactions (in order), in batches of at most {@code perRequest}. */
    List<TransactionReceipt> receipts(long block, List<String> txHashes, int perRequest) {
        List<TransactionReceipt> receipts = new ArrayList<>(txHashes.size());
        for (int start = 0; start < txHashes.size(); start += perRequest) {
            List<String> part = txHashes.subList(start, Math.min(txHashes.size(), start + perRequest));
            receipts.addAll(retrying("receipts of block " + block, () -> {
                BatchRequest batch = web3j.newBatch();
                part.forEach(hash -> batch.add(web3j.ethGetTransactionReceipt(hash)));
                return batch.send();
            }, response -> {
                List<TransactionReceipt> found = new ArrayList<>();
                for (Response<?> r : response.getResponses()) {
                    found.add(((EthGetTransactionReceipt) r).getTransactionReceipt()
                            .orElseThrow(() -> new NotYet("receipts of block " + block + ": the node has none yet")));
                }
                return found;
            }));
        }
        return receipts;
    }

    /** All receipts of a block in one call ({@code eth_getBlockReceipts}), where the node has it. */
    List<TransactionReceipt> blockReceipts(long block) {
        return retrying("receipts of block " + block,
                () -> web3j.ethGetBlockReceipts(DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send(),
                r -> r.getBlockReceipts().orElseThrow(() -> new NotYet("receipts of block " + block
                        + ": the node has none yet")));
    }

    /** One call of any method, with its result as JSON. */
    JsonNode call(String what, String method, List<?> params) {
        return retrying(what, () -> request(method, params).send(), JsonResponse::getResult);
    }

    /**
     * Asks whether the node has a method: retried through network trouble like any call, so that a
     * passing fault does not switch a feature off for the whole run; an error answer that says the
     * method is unknown or unsupported is final.
     *
     * @throws IngestException when the node lacks the method (or keeps failing)
     */
    JsonNode probe(String method, List<?> params) {
        return retrying("probe of " + method, () -> request(method, params).send(), JsonResponse::getResult, false,
                NodeClient::unsupportedIsFinal);
    }

    private static final Pattern UNSUPPORTED = Pattern.compile(
            "(?i)method not found|not supported|not available|not implemented|does not exist|unknown method"
            + "|no such method|unsupported");

    private static RpcFailure unsupportedIsFinal(Response.Error error) {
        boolean unsupported = error.getCode() == -32601 || error.getCode() == -32602
                || (error.getMessage() != null && UNSUPPORTED.matcher(error.getMessage()).find());
        return unsupported ? RpcFailure.FATAL : RpcFailure.TRANSIENT;
    }

    /** Several calls of any methods in one batch request; results in order. */
    List<JsonNode> callBatch(String what, List<Map.Entry<String, List<?>>> calls) {
        return retrying(what, () -> {
            BatchRequest batch = web3j.newBatch();
            calls.forEach(c -> batch.add(request(c.getKey(), c.getValue())));
            return batch.send();
        }, response -> response.getResponses().stream().map(r -> ((JsonResponse) r).getResult()).toList());
    }

    /** Calls of a batch may fail one by one (a reverting {@code eth_call}); null results then. */
    List<JsonNode> callBatchLenient(String what, List<Map.Entry<String, List<?>>> calls) {
        return retrying(what, () -> {
            BatchRequest batch = web3j.newBatch();
            calls.forEach(c -> batch.add(request(c.getKey(), c.getValue())));
            return batch.send();
        }, response -> response.getResponses().stream().map(r -> ((JsonResponse) r).getResult()).toList(), true,
                error -> RpcFailure.ofErrorCode(error.getCode()));
    }

    private Request<?, JsonResponse> request(String method, List<?> params) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Request<?, JsonResponse> request = new Request(method, params, service, JsonResponse.class);
        return request;
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    /** A result the node does not have yet: retried like a transient failure. */
    private static final class NotYet extends RuntimeException {
        NotYet(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    private interface Send<R> {
        R send() throws IOException;
    }

    private <R, T> T retrying(String what, Send<R> send, Function<R, T> read) {
        return retrying(what, send, read, false, error -> RpcFailure.ofErrorCode(error.getCode()));
    }

    /**
     * Sends until the answer is good or the failure is final. Errors inside a batch (any one
     * response's) count for the whole batch unless {@code lenient}.
     */
    private <R, T> T retrying(String what, Send<R> send, Function<R, T> read, boolean lenient,
                              Function<Response.Error, RpcFailure> classify) {
        int malformed = 0;
        for (int attempt = 1; ; attempt++) {
            RpcFailure failure;
            String reason;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                R response = send.send();
                RpcException error = lenient ? null : firstError(response, classify);
                if (error == null) {
                    return read.apply(response);
                }
                failure = error.failure();
                reason = error.getMessage();
            } catch (RpcException e) {
                failure = e.failure();
                reason = e.getMessage();
                retryAfter = e.retryAfter();
            } catch (JsonProcessingException e) {
                failure = RpcFailure.MALFORMED;
                reason = "malformed response: " + e.getOriginalMessage();
            } catch (IOException | ClientConnectionException | NotYet e) {
                failure = RpcFailure.TRANSIENT;
                reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (RuntimeException e) {
                // web3j throws unchecked exceptions for a batch answer it cannot pair with its requests.
                failure = RpcFailure.MALFORMED;
                reason = "unreadable response: " + e;
            }
            if (failure == RpcFailure.MALFORMED) {
                malformed++;
            }
            boolean last = failure == RpcFailure.FATAL || attempt >= backoff.attempts()
                    || malformed >= backoff.malformedMax();
            if (last) {
                throw new IngestException(what + ": the node at " + url + " failed"
                        + (failure == RpcFailure.FATAL ? "" : " after " + attempt + " attempts") + ": " + reason);
            }
            try {
                backoff.pause(attempt, retryAfter);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException(what + ": interrupted while waiting to retry", e);
            }
        }
    }

    private static RpcException firstError(Object response, Function<Response.Error, RpcFailure> classify) {
        if (response instanceof Response<?> single) {
            return single.hasError() ? error(single.getError(), classify) : null;
        }
        if (response instanceof BatchResponse batch) {
            for (Response<?> r : batch.getResponses()) {
                if (r.hasError()) {
                    return error(r.getError(), classify);
                }
            }
        }
        return null;
    }

    private static RpcException error(Response.Error error, Function<Response.Error, RpcFailure> classify) {
        return new RpcException(classify.apply(error), "JSON-RPC error " + error.getCode() + ": " + error.getMessage());
    }
}
