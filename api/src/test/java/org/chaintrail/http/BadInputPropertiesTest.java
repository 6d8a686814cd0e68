package org.chaintrail.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.http.ApiDescription.Input;
import org.chaintrail.http.ApiDescription.Operation;
import org.chaintrail.query.Cases;
import org.chaintrail.query.Json;

/**
 * Bad input at every route of {@link ApiServer#routes}, as {@code openapi.json} describes them, against
 * the demo case in the real embedded Neo4j. What each case may answer:
 * <ul>
 *   <li>a body that is not a JSON object: 400 (on the routes that read a body: a GET's server may close the
 *       connection on a body it does not read, which is HTTP, not an answer);</li>
 *   <li>a JSON value of another type than the field documents: 400;</li>
 *   <li>a number outside an integer field's documented range, beyond an int, or not integral: 400;
 *       in a field that also takes a string (a block or an amount as text) it may be valid;</li>
 *   <li>an address that is not one of the chain asked (a Bitcoin or Tron address on Ethereum, a broken
 *       EIP-55 checksum, a bech32 typo): 400 (an empty path segment matches no route: 404);</li>
 *   <li>Cypher-looking or arbitrary strings in any string parameter or field: 4xx, or 2xx on a route that
 *       only reads (an entity id is free text: 404);</li>
 *   <li>a body over 1 MB: 413 on the routes that read a body.</li>
 * </ul>
 * Always: never a 5xx; every 4xx is {@code application/problem+json} whose status is the answer's and
 * whose detail says what is wrong; and after each property the graph holds exactly what it held before
 * (counts and a digest of every property). Routes that may write get invalid input only: an empty body
 * made wrong, never a valid one.
 */
class BadInputPropertiesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Every request extends the audit log, refused or not: that is its purpose, not a change to stored data. */
    private static final Set<String> AUDIT_LOG = Set.of("AuditEntry", "AuditHead");

    private static DemoGraph.Loaded demo;
    private static Javalin app;
    private static List<Operation> operations;
    private static Map<String, Long> countsBefore;
    private static String digestBefore;

    @BeforeContainer
    static void start() {
        demo = DemoGraph.load();
        // The case the documented example id names: without it a case route would answer 404 before reading its body.
        var opened = new Cases(demo.graph().store()).create(Caller.LOCAL.requester(), "bad input", null);
        assertThat(opened.id()).isEqualTo("case-1");
        app = ApiServer.create(demo.graph(), "127.0.0.1", 0).start();
        operations = new ApiDescription().operations(demo.graph());
        countsBefore = demo.graph().store().counts();
        digestBefore = TestGraph.digest(demo.graph(), AUDIT_LOG);
    }

    @AfterContainer
    static void stop() {
        app.stop();
    }

    @AfterProperty
    void storedDataUnchanged() {
        assertThat(demo.graph().store().counts()).isEqualTo(countsBefore);
        assertThat(TestGraph.digest(demo.graph(), AUDIT_LOG)).isEqualTo(digestBefore);
    }

    @Property(tries = 200)
    void malformedJson_everyRouteWithABody_400(@ForAll("malformed") HostileInputs.Body body) throws Exception {
        for (Operation op : operations) {
            if (op.hasBody()) {
                expect(send(op, baselineParams(op), body.bytes()), op, "body " + body, s -> s == 400);
            }
        }
    }

    @Property(tries = 150)
    void wrongJsonType_everyDocumentedField_400(@ForAll("jsonValues") JsonNode value,
                                               @ForAll @IntRange(min = 0, max = 1_000) int pick) throws Exception {
        for (Operation op : operations) {
            List<Input> fields = op.inputs("body").stream().filter(i -> !HostileInputs.matches(i, value)).toList();
            if (fields.isEmpty()) {
                continue;
            }
            Input field = fields.get(pick % fields.size());
            ObjectNode body = op.body().deepCopy().set(field.name(), value);
            expect(send(op, baselineParams(op), bytes(body)), op, field.name() + "=" + value, s -> s == 400);
        }
    }

    @Property(tries = 150)
    void notAnInteger_everyIntegerParameter_400(@ForAll("notIntegers") String text,
                                                @ForAll @IntRange(min = 0, max = 1_000) int pick) throws Exception {
        for (Operation op : operations) {
            List<Input> params = op.inputs().stream().filter(i -> !i.in().equals("body") && i.isInteger()).toList();
            if (params.isEmpty()) {
                continue;
            }
            Input param = params.get(pick % params.size());
            Map<String, String> values = baselineParams(op);
            values.put(param.name(), text);
            // A request over Jetty's 8 KiB of head is refused before any route: 414 or 431, as a problem too.
            boolean tooLong = encode(text).length() > 8_000;
            expect(send(op, values, op.hasBody() ? bytes(op.body()) : null), op, param.name() + "=" + text,
                    s -> s == 400 || (tooLong && (s == 414 || s == 431)));
        }
    }

    @Property(tries = 150)
    void hugeNumber_everyIntegerFieldAndParameter_400UnlessInRange(@ForAll("hugeNumbers") String number,
                                                                   @ForAll @IntRange(min = 0, max = 1_000) int pick)
            throws Exception {
        for (Operation op : operations) {
            List<Input> integers = op.inputs().stream().filter(Input::isInteger).toList();
            if (integers.isEmpty()) {
                continue;
            }
            Input input = integers.get(pick % integers.size());
            Map<String, String> values = baselineParams(op);
            byte[] body = op.hasBody() ? bytes(op.body()) : null;
            if (input.in().equals("body")) {
                body = withRawField(op.body(), input.name(), number);
            } else {
                values.put(input.name(), number);
            }
            boolean mayBeValid = inRange(input, number) || input.types().contains("string");
            expect(send(op, values, body), op, input.name() + "=" + number, s -> s == 400 || mayBeValid);
        }
    }

    @Property(tries = 200)
    void invalidAddress_everyAddressInput_400(@ForAll("badAddresses") HostileInputs.BadAddress bad,
                                              @ForAll @IntRange(min = 0, max = 1_000) int pick) throws Exception {
        for (Operation op : operations) {
            List<Input> addresses = op.inputs().stream().filter(Input::isAddress).toList();
            if (addresses.isEmpty()) {
                continue;
            }
            Input input = addresses.get(pick % addresses.size());
            Map<String, String> values = baselineParams(op);
            ObjectNode body = op.hasBody() ? op.body().deepCopy() : null;
            for (Input chain : op.inputs().stream().filter(i -> i.name().equals("chain")).toList()) {
                if (chain.in().equals("body")) {
                    body.put("chain", bad.chain());
                } else {
                    values.put("chain", bad.chain());
                }
            }
            place(input, bad.text(), values, body);
            // An empty path segment is a path no route serves: 404.
            boolean noRoute = input.in().equals("path") && bad.text().isEmpty();
            // A request over Jetty's 8 KiB of head is refused before any route: 414 or 431, as a problem too.
            boolean tooLong = !input.in().equals("body") && encode(bad.text()).length() > 8_000;
            expect(send(op, values, body == null ? null : bytes(body)), op,
                    input.name() + "=" + bad.text() + " on " + bad.chain(),
                    s -> s == (noRoute ? 404 : 400) || (tooLong && (s == 414 || s == 431)));
        }
    }

    @Property(tries = 200)
    void hostileString_everyStringInput_neverAnswered5xx(@ForAll("hostileStrings") String text,
                                                        @ForAll @IntRange(min = 0, max = 1_000) int pick)
            throws Exception {
        for (Operation op : operations) {
            // A route that may write gets its strings in the path and query only: its body stays invalid.
            List<Input> strings = op.inputs().stream().filter(i -> i.types().contains("string")
                    || "string".equals(i.itemType())).filter(i -> op.readOnly() || !i.in().equals("body")).toList();
            if (strings.isEmpty()) {
                continue;
            }
            Input input = strings.get(pick % strings.size());
            Map<String, String> values = baselineParams(op);
            ObjectNode body = op.hasBody() ? op.body().deepCopy() : null;
            place(input, text, values, body);
            expect(send(op, values, body == null ? null : bytes(body)), op, input.name() + "=" + text,
                    s -> s < 300 ? op.readOnly() : s >= 400);
        }
    }

    @Property(tries = 12)
    void oversizedBody_everyRouteWithABody_413(@ForAll @IntRange(min = 1_000_001, max = 1_600_000) int size,
                                                      @ForAll boolean jsonShaped) throws Exception {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'a');
        if (jsonShaped) { // {"addresses":["aaaa…"]}: what a careless client's huge batch looks like
            byte[] head = "{\"addresses\":[\"".getBytes(StandardCharsets.UTF_8);
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy("\"]}".getBytes(StandardCharsets.UTF_8), 0, body, size - 3, 3);
        }
        for (Operation op : operations) {
            if (op.hasBody()) {
                expect(send(op, baselineParams(op), body), op, size + " bytes", s -> s == 413);
            }
        }
    }

    @Provide
    Arbitrary<HostileInputs.Body> malformed() {
        return HostileInputs.malformedJson("{\"chain\":\"ethereum\",\"addresses\":[\"0xdAC17F958D2ee523a2206206994597C13D831ec7\"],"
                + "\"maxHops\":5}");
    }

    @Provide
    Arbitrary<JsonNode> jsonValues() {
        return HostileInputs.jsonValues();
    }

    @Provide
    Arbitrary<String> notIntegers() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "abc", "1.5", "1e3", "0x10", "5 hops", "NaN", "--1", "1_000"),
                HostileInputs.hostileStrings().filter(s -> !s.trim().matches("[+-]?[0-9]+")));
    }

    @Provide
    Arbitrary<String> hugeNumbers() {
        return HostileInputs.hugeNumbers();
    }

    @Provide
    Arbitrary<HostileInputs.BadAddress> badAddresses() {
        return HostileInputs.badAddresses();
    }

    @Provide
    Arbitrary<String> hostileStrings() {
        return HostileInputs.hostileStrings();
    }

    /** Every 5xx fails; every 4xx must be a problem naming what is wrong; the status must be one {@code allowed}. */
    private static void expect(HttpResponse<String> r, Operation op, String input, IntPredicate allowed) throws IOException {
        String what = op + " with " + abbreviate(input) + " answered " + r.statusCode() + ": " + abbreviate(r.body());
        assertThat(r.statusCode()).as(what).isBetween(200, 499);
        assertThat(allowed.test(r.statusCode())).as(what).isTrue();
        if (r.statusCode() >= 400) {
            assertThat(r.headers().firstValue("Content-Type")).as(what)
                    .hasValueSatisfying(v -> assertThat(v).startsWith(Problem.CONTENT_TYPE));
            JsonNode problem = Json.MAPPER.readTree(r.body());
            assertThat(problem.path("status").asInt()).as(what).isEqualTo(r.statusCode());
            assertThat(problem.path("detail").asText()).as(what).isNotBlank();
        }
    }

    /** Puts {@code text} where the input goes: a path or query parameter, a body field, or a body array's only item. */
    private static void place(Input input, String text, Map<String, String> values, ObjectNode body) {
        if (!input.in().equals("body")) {
            values.put(input.name(), text);
        } else if (input.types().contains("array")) {
            body.putArray(input.name()).add(text);
        } else {
            body.put(input.name(), text);
        }
    }

    /** Path parameters and required query parameters at their documented examples. */
    private static Map<String, String> baselineParams(Operation op) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Input i : op.inputs()) {
            if (!i.in().equals("body") && i.example() != null) {
                values.put(i.name(), i.example().asText());
            } else if (i.in().equals("path")) {
                values.put(i.name(), "x");
            }
        }
        return values;
    }

    private static HttpResponse<String> send(Operation op, Map<String, String> values, byte[] body)
            throws IOException, InterruptedException {
        String path = op.route().path().replace('<', '{').replace('>', '}');
        Set<String> inPath = op.inputs("path").stream().map(Input::name).collect(Collectors.toSet());
        for (String name : inPath) {
            path = path.replace("{" + name + "}", encode(values.get(name)));
        }
        String query = values.entrySet().stream().filter(e -> !inPath.contains(e.getKey()))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        URI uri = URI.create("http://127.0.0.1:" + app.port() + path + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method(op.route().method().name(), publisher).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] bytes(JsonNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The body with one field set to a number literal as written (Jackson would round 1e400 to infinity). */
    private static byte[] withRawField(ObjectNode body, String field, String literal) {
        ObjectNode copy = body.deepCopy();
        copy.put(field, "\u0000placeholder");
        return copy.toString().replace("\"\\u0000placeholder\"", literal).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a literal is an integer within the input's documented bounds (an int when it has none). */
    private static boolean inRange(Input input, String literal) {
        if (!literal.trim().matches("[+-]?[0-9]+")) {
            return false;
        }
        BigInteger value = new BigDecimal(literal.trim()).toBigIntegerExact();
        long min = input.minimum() != null ? input.minimum() : Integer.MIN_VALUE;
        long max = input.maximum() != null ? input.maximum() : Integer.MAX_VALUE;
        return value.compareTo(BigInteger.valueOf(min)) >= 0 && value.compareTo(BigInteger.valueOf(max)) <= 0;
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
    }
}
