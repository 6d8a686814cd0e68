package org.chaintrail.ingest.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.chaintrail.ingest.SharedData;
import org.chaintrail.ingest.evm.FaultyRpcProxy.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

/**
 * The proxy in front of a {@link RecordedRpcNode} replaying mainnet blocks 1755634–1755635 from
 * blockchain-etl/ethereum-etl@9e51c3b8 tests/resources/test_stream (shared/data MANIFEST item E1).
 */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class FaultyRpcProxyTest {
    private static final Path STREAM =
            SharedData.path("ethereum/ethereum-etl/tests/resources/test_stream/blocks_1755634_1755635");
    private static final String BLOCK_1755634 = "0xa06fc36a7144c4bbb1f7ab13b541144414fa7808c119e8a4635e392ea544c178";
    private static final String BLOCK_CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_getBlockByNumber\",\"params\":[\"0x1ac9f2\",true]}";
    private static final String RECEIPT_BATCH = "["
            + "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"eth_getTransactionReceipt\","
            + "\"params\":[\"0x9a5437ec71b74ecf5930b406908ac6999966d38a86d1534b7190ece7599095eb\"]},"
            + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"eth_getTransactionReceipt\","
            + "\"params\":[\"0x2e3dcd051a91d3a694f6b8de2ac4b5fe7acdba55f58bcf8471ff00d4a430074d\"]}]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private RecordedRpcNode node;
    private final List<FaultyRpcProxy> proxies = new ArrayList<>();

    @BeforeEach
    void setUp() {
        node = RecordedRpcNode.start(STREAM);
    }

    @AfterEach
    void tearDown() {
        proxies.forEach(FaultyRpcProxy::close);
        node.close();
    }

    private FaultyRpcProxy start(FaultyRpcProxy.Builder builder) {
        FaultyRpcProxy proxy = builder.start();
        proxies.add(proxy);
        return proxy;
    }

    private FaultyRpcProxy always(Fault fault) {
        return start(FaultyRpcProxy.inFrontOf(node.uri()).seed(42).share(fault, 1.0));
    }

    private HttpResponse<byte[]> post(URI uri, String body, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> post(URI uri, String body) throws IOException, InterruptedException {
        return post(uri, body, Duration.ofSeconds(2));
    }

    private static Map<Fault, Integer> only(Fault fault, int count) {
        Map<Fault, Integer> expected = new EnumMap<>(Fault.class);
        for (Fault each : Fault.values()) {
            expected.put(each, each == fault ? count : 0);
        }
        return expected;
    }

    @Test
    void post_noFaults_bodyByteForByteAsUpstreamOnKeptAliveConnection() throws Exception {
        FaultyRpcProxy proxy = start(FaultyRpcProxy.inFrontOf(node.uri()).seed(42));

        HttpResponse<byte[]> direct = post(node.uri(), BLOCK_CALL);
        HttpResponse<byte[]> first = post(proxy.uri(), BLOCK_CALL);
        HttpResponse<byte[]> second = post(proxy.uri(), BLOCK_CALL);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(direct.body());
        assertThat(second.body()).isEqualTo(direct.body());
        assertThat(first.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(JSON.readTree(first.body()).at("/result/hash").asText()).isEqualTo(BLOCK_1755634);
        assertThat(proxy.forwarded()).isEqualTo(2);
        assertThat(proxy.injected().values()).containsOnly(0);
        assertThat(node.httpRequestCount()).isEqualTo(3);
    }

    @Test
    void post_twoRequestsOnOneRawConnection_bothForwarded() throws Exception {
        FaultyRpcProxy proxy = start(FaultyRpcProxy.inFrontOf(node.uri()));
        byte[] direct = post(node.uri(), BLOCK_CALL).body();
        byte[] request = ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + BLOCK_CALL.length() + "\r\n\r\n" + BLOCK_CALL).getBytes(StandardCharsets.US_ASCII);

        try (Socket socket = new Socket(proxy.uri().getHost(), proxy.uri().getPort())) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(request);
            byte[] first = readResponseBody(in);
            out.write(request);
            byte[] second = readResponseBody(in);

            assertThat(first).isEqualTo(direct);
            assertThat(second).isEqualTo(direct);
        }
        assertThat(proxy.forwarded()).isEqualTo(2);
    }

    @Test
    void post_dropAlways_connectionErrorAndNothingForwarded() {
        FaultyRpcProxy proxy = always(Fault.DROP);

        assertThrows(IOException.class, () -> post(proxy.uri(), BLOCK_CALL));

        assertThat(proxy.injected()).isEqualTo(only(Fault.DROP, 1));
        assertThat(proxy.forwarded()).isZero();
        assertThat(node.requestCount()).isZero();
    }

    @Test
    void post_delayLongerThanClientTimeout_clientTimesOutAndCloseIsPrompt() {
        FaultyRpcProxy proxy = start(
                FaultyRpcProxy.inFrontOf(node.uri()).share(Fault.DELAY, 1.0).delay(Duration.ofSeconds(10)));

        assertThrows(HttpTimeoutException.class, () -> post(proxy.uri(), BLOCK_CALL, Duration.ofMillis(300)));

        assertThat(proxy.injected()).isEqualTo(only(Fault.DELAY, 1));
        long start = System.nanoTime();
        proxy.close();
        // The held request is woken, not waited out.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(node.requestCount()).isZero();
    }

    @Test
    void post_http429Always_retryAfterOneSecond() throws Exception {
        FaultyRpcProxy proxy = always(Fault.HTTP_429);

        HttpResponse<byte[]> response = post(proxy.uri(), BLOCK_CALL);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(proxy.injected()).isEqualTo(only(Fault.HTTP_429, 1));
        assertThat(node.requestCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"HTTP_429_BARE, 429", "HTTP_500, 500", "HTTP_502, 502", "HTTP_503, 503"})
    void post_gatewayFaultAlways_statusWithoutRetryAfter(Fault fault, int status) throws Exception {
        FaultyRpcProxy proxy = always(fault);

        HttpResponse<byte[]> response = post(proxy.uri(), BLOCK_CALL);
        HttpResponse<byte[]> again = post(proxy.uri(), BLOCK_CALL);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(again.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(proxy.injected()).isEqualTo(only(fault, 2));
        assertThat(proxy.forwarded()).isZero();
    }

    @Test
    void post_rpcErrorAlways_errorObjectWithCallersId() throws Exception {
        FaultyRpcProxy proxy = always(Fault.RPC_ERROR);

        HttpResponse<byte[]> response = post(proxy.uri(), BLOCK_CALL);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("id").asInt()).isEqualTo(7);
        assertThat(answer.has("result")).isFalse();
        assertThat(answer.at("/error/code").asInt()).isEqualTo(-32000);
        assertThat(answer.at("/error/message").asText()).isEqualTo("upstream temporarily unavailable");
        assertThat(proxy.injected()).isEqualTo(only(Fault.RPC_ERROR, 1));
    }

    @Test
    void post_rpcErrorOnBatch_arrayOfErrorsInRequestOrder() throws Exception {
        FaultyRpcProxy proxy = always(Fault.RPC_ERROR);

        JsonNode answer = JSON.readTree(post(proxy.uri(), RECEIPT_BATCH).body());

        assertThat(answer.isArray()).isTrue();
        assertThat(answer).extracting(call -> call.get("id").asInt()).containsExactly(11, 3);
        assertThat(answer).extracting(call -> call.at("/error/code").asInt()).containsExactly(-32000, -32000);
        assertThat(node.requestCount()).isZero();
    }

    @Test
    void post_malformedAlways_status200WithUnparseableJson() throws Exception {
        FaultyRpcProxy proxy = always(Fault.MALFORMED);

        HttpResponse<byte[]> response = post(proxy.uri(), BLOCK_CALL);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"number\":\"0x");
        assertThrows(JsonProcessingException.class, () -> JSON.readTree(response.body()));
        assertThat(proxy.injected()).isEqualTo(only(Fault.MALFORMED, 1));
    }

    @Test
    void post_truncatedAlways_fullLengthAnnouncedHalfTheBodySentThenClosed() throws Exception {
        FaultyRpcProxy proxy = always(Fault.TRUNCATED);
        byte[] direct = post(node.uri(), BLOCK_CALL).body();
        byte[] request = ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + BLOCK_CALL.length() + "\r\n\r\n" + BLOCK_CALL).getBytes(StandardCharsets.US_ASCII);

        try (Socket socket = new Socket(proxy.uri().getHost(), proxy.uri().getPort())) {
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write(request);
            InputStream in = socket.getInputStream();
            assertThat(readLine(in)).isEqualTo("HTTP/1.1 200 OK");
            int length = -1;
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            byte[] sent = in.readNBytes(direct.length / 2);
            assertThat(length).isEqualTo(direct.length);
            assertThat(sent).isEqualTo(Arrays.copyOf(direct, direct.length / 2));
            assertThat(nextByteOrEnd(in)).as("nothing after half the body").isEqualTo(-1);
        }
        assertThat(proxy.injected()).isEqualTo(only(Fault.TRUNCATED, 1));
        assertThat(proxy.arrivals()).hasSize(1);
    }

    /** What one request met, as a short word: the status, "error" for an RPC error, "drop". */
    private String outcome(URI uri) throws InterruptedException {
        try {
            HttpResponse<byte[]> response = post(uri, BLOCK_CALL);
            if (response.statusCode() != 200) {
                return String.valueOf(response.statusCode());
            }
            return JSON.readTree(response.body()).has("error") ? "error" : "ok";
        } catch (IOException e) {
            return "drop";
        }
    }

    @Test
    void post_sameSeedTwice_sameFaultsAndCountersAddUp() throws Exception {
        List<List<String>> runs = new ArrayList<>();
        List<FaultyRpcProxy> used = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            FaultyRpcProxy proxy = start(FaultyRpcProxy.inFrontOf(node.uri()).seed(42).share(Fault.DROP, 0.1)
                    .share(Fault.HTTP_429, 0.2).share(Fault.HTTP_503, 0.1).share(Fault.RPC_ERROR, 0.1));
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                outcomes.add(outcome(proxy.uri()));
            }
            runs.add(outcomes);
            used.add(proxy);
        }

        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        FaultyRpcProxy proxy = used.get(0);
        Map<Fault, Integer> injected = proxy.injected();
        List<String> outcomes = runs.get(0);
        assertThat(proxy.requests()).isEqualTo(40);
        assertThat(proxy.forwarded() + injected.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(40);
        assertThat(proxy.forwarded()).isEqualTo(count(outcomes, "ok"));
        // java.util.Random's sequence is specified, so seed 42 gives these counts on every JVM.
        assertThat(proxy.forwarded()).isEqualTo(20);
        assertThat(injected.get(Fault.DROP)).isEqualTo(count(outcomes, "drop")).isEqualTo(1);
        assertThat(injected.get(Fault.HTTP_429)).isEqualTo(count(outcomes, "429")).isEqualTo(6);
        assertThat(injected.get(Fault.HTTP_503)).isEqualTo(count(outcomes, "503")).isEqualTo(6);
        assertThat(injected.get(Fault.RPC_ERROR)).isEqualTo(count(outcomes, "error")).isEqualTo(7);
        assertThat(outcomes.subList(0, 4)).containsExactly("ok", "ok", "503", "429");
        assertThat(injected).containsEntry(Fault.DELAY, 0).containsEntry(Fault.HTTP_502, 0)
                .containsEntry(Fault.MALFORMED, 0);
        assertThat(node.httpRequestCount()).isEqualTo(2 * proxy.forwarded());
    }

    private static int count(List<String> outcomes, String outcome) {
        return (int) outcomes.stream().filter(outcome::equals).count();
    }

    @Test
    void post_scriptedFaults_comeFirstThenForwarding() throws Exception {
        FaultyRpcProxy proxy =
                start(FaultyRpcProxy.inFrontOf(node.uri()).script(Fault.HTTP_429, Fault.RPC_ERROR));

        assertThat(List.of(outcome(proxy.uri()), outcome(proxy.uri()), outcome(proxy.uri())))
                .containsExactly("429", "error", "ok");
        assertThat(proxy.forwarded()).isEqualTo(1);
    }

    @Test
    void web3j_scripted429_clientConnectionExceptionThenBlock() throws Exception {
        FaultyRpcProxy proxy = start(FaultyRpcProxy.inFrontOf(node.uri()).script(Fault.HTTP_429));
        Web3j web3j = Web3j.build(new HttpService(proxy.url()));
        try {
            DefaultBlockParameter block = DefaultBlockParameter.valueOf(BigInteger.valueOf(1_755_634));

            ClientConnectionException e = assertThrows(ClientConnectionException.class,
                    () -> web3j.ethGetBlockByNumber(block, true).send());
            String hash = web3j.ethGetBlockByNumber(block, true).send().getBlock().getHash();

            assertThat(e.getMessage()).contains("429");
            assertThat(hash).isEqualTo(BLOCK_1755634);
        } finally {
            web3j.shutdown();
        }
    }

    @Test
    void web3j_dropOnPooledConnection_okHttpResendsSilently() throws Exception {
        FaultyRpcProxy proxy = start(FaultyRpcProxy.inFrontOf(node.uri()).script(Fault.HTTP_503, Fault.DROP));
        Web3j web3j = Web3j.build(new HttpService(proxy.url()));
        try {
            DefaultBlockParameter block = DefaultBlockParameter.valueOf(BigInteger.valueOf(1_755_634));
            assertThrows(ClientConnectionException.class, () -> web3j.ethGetBlockByNumber(block, true).send());

            // The 503 left a pooled connection; OkHttp retries the dropped call on a new one.
            String hash = web3j.ethGetBlockByNumber(block, true).send().getBlock().getHash();

            assertThat(hash).isEqualTo(BLOCK_1755634);
            Map<Fault, Integer> expected = new EnumMap<>(only(Fault.DROP, 1));
            expected.put(Fault.HTTP_503, 1);
            assertThat(proxy.injected()).isEqualTo(expected);
            assertThat(proxy.forwarded()).isEqualTo(1);
        } finally {
            web3j.shutdown();
        }
    }

    @Test
    void web3j_dropWithoutKeepAlive_reachesTheCaller() throws Exception {
        FaultyRpcProxy proxy = start(
                FaultyRpcProxy.inFrontOf(node.uri()).keepAlive(false).script(Fault.HTTP_503, Fault.DROP));
        Web3j web3j = Web3j.build(new HttpService(proxy.url()));
        try {
            DefaultBlockParameter block = DefaultBlockParameter.valueOf(BigInteger.valueOf(1_755_634));
            assertThrows(ClientConnectionException.class, () -> web3j.ethGetBlockByNumber(block, true).send());

            assertThrows(IOException.class, () -> web3j.ethGetBlockByNumber(block, true).send());

            assertThat(proxy.requests()).isEqualTo(2);
            assertThat(proxy.forwarded()).isZero();
        } finally {
            web3j.shutdown();
        }
    }

    @Test
    void close_withIdleAndDelayedConnections_leavesNoProxyThread() throws Exception {
        FaultyRpcProxy proxy = start(FaultyRpcProxy.inFrontOf(node.uri()).script(Fault.HTTP_429, Fault.DELAY)
                .delay(Duration.ofSeconds(30)));
        try (Socket idle = new Socket(proxy.uri().getHost(), proxy.uri().getPort())) {
            post(proxy.uri(), BLOCK_CALL); // leaves a kept-alive connection in the client's pool
            assertThrows(HttpTimeoutException.class, () -> post(proxy.uri(), BLOCK_CALL, Duration.ofMillis(200)));

            proxy.close();

            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .noneMatch(name -> name.startsWith("faulty-rpc-proxy-"));
        }
    }

    @Test
    void start_sharesAboveOne_failsNamingTotal() {
        FaultyRpcProxy.Builder builder =
                FaultyRpcProxy.inFrontOf(node.uri()).share(Fault.DROP, 0.6).share(Fault.HTTP_503, 0.6);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::start);

        assertThat(e.getMessage()).contains("at most 1, were 1.2");
    }

    @Test
    void share_outOfRange_failsNamingValue() {
        FaultyRpcProxy.Builder builder = FaultyRpcProxy.inFrontOf(node.uri());

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> builder.share(Fault.DROP, 1.5));

        assertThat(e.getMessage()).isEqualTo("share of DROP must be 0..1, was 1.5");
    }

    @Test
    void inFrontOf_nonLoopbackUpstream_fails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaultyRpcProxy.inFrontOf(URI.create("http://10.1.2.3:8545/")));

        assertThat(e.getMessage()).isEqualTo("upstream must be on a loopback address, was http://10.1.2.3:8545/");
    }

    @Test
    void close_thenPost_connectionRefused() {
        FaultyRpcProxy proxy = start(FaultyRpcProxy.inFrontOf(node.uri()));
        proxy.close();

        assertThrows(IOException.class, () -> post(proxy.uri(), BLOCK_CALL));
    }

    /** The next byte, or -1 when the connection ended, by a close or a reset. */
    private static int nextByteOrEnd(InputStream in) {
        try {
            return in.read();
        } catch (IOException reset) {
            return -1;
        }
    }

    /** Reads one HTTP/1.1 response framed by Content-Length and returns its body. */
    private static byte[] readResponseBody(InputStream in) throws IOException {
        String statusLine = readLine(in);
        assertThat(statusLine).isEqualTo("HTTP/1.1 200 OK");
        int length = -1;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        assertThat(length).isPositive();
        return in.readNBytes(length);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed mid-line");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
