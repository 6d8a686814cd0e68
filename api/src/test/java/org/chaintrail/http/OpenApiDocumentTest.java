package org.chaintrail.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.chaintrail.analytics.exposure.Exposure;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.graph.AuditStore;
import org.chaintrail.model.AuditEntry;
import org.chaintrail.query.AddressView;
import org.chaintrail.query.AlertView;
import org.chaintrail.query.AttributionQuery;
import org.chaintrail.query.AttributionView;
import org.chaintrail.query.CaseView;
import org.chaintrail.query.CounterpartyQuery;
import org.chaintrail.query.EntityView;
import org.chaintrail.query.ExplainQuery;
import org.chaintrail.query.RerunReport;
import org.chaintrail.query.SavedTraceView;
import org.chaintrail.query.ScreenQuery;
import org.chaintrail.query.SearchQuery;
import org.chaintrail.query.TraceDiff;
import org.chaintrail.query.TraceQuery;
import org.chaintrail.query.TransferQuery;
import org.chaintrail.query.WatchQuery;
import org.chaintrail.query.WatchView;
import org.chaintrail.query.WebhookQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written {@code openapi.json} against the route table it describes: a route added without
 * documenting it (or documented with another role) fails here, naming the route.
 */
class OpenApiDocumentTest {
    /** Documented schemas and the records Jackson writes (or, for requests, the queries parsed) for them. */
    private static final Map<String, Class<? extends Record>> SCHEMA_RECORDS = new LinkedHashMap<>();

    static {
        SCHEMA_RECORDS.put("Problem", Problem.class);
        SCHEMA_RECORDS.put("ScreenRequest", ScreenQuery.class);
        SCHEMA_RECORDS.put("ScreenResult", ScreenQuery.Result.class);
        SCHEMA_RECORDS.put("Verdict", ScreenQuery.Verdict.class);
        SCHEMA_RECORDS.put("TraceRequest", TraceQuery.class);
        SCHEMA_RECORDS.put("TraceResult", TraceResult.class);
        SCHEMA_RECORDS.put("TraceParameters", TraceResult.Parameters.class);
        SCHEMA_RECORDS.put("TraceSummary", TraceResult.Summary.class);
        SCHEMA_RECORDS.put("Cut", TraceResult.Cut.class);
        SCHEMA_RECORDS.put("AssetRef", TraceResult.AssetRef.class);
        SCHEMA_RECORDS.put("EntityRef", TraceResult.EntityRef.class);
        SCHEMA_RECORDS.put("Endpoint", TraceResult.Endpoint.class);
        SCHEMA_RECORDS.put("EntityTotal", TraceResult.EntityTotal.class);
        SCHEMA_RECORDS.put("Holder", TraceResult.Holder.class);
        SCHEMA_RECORDS.put("Flow", TraceResult.Flow.class);
        SCHEMA_RECORDS.put("Exposure", Exposure.class);
        SCHEMA_RECORDS.put("Direct", Exposure.Direct.class);
        SCHEMA_RECORDS.put("Counterparty", Exposure.Counterparty.class);
        SCHEMA_RECORDS.put("Indirect", Exposure.Indirect.class);
        SCHEMA_RECORDS.put("Source", Exposure.Source.class);
        SCHEMA_RECORDS.put("Score", Exposure.Score.class);
        SCHEMA_RECORDS.put("AddressView", AddressView.class);
        SCHEMA_RECORDS.put("AddressEntity", AddressView.EntityView.class);
        SCHEMA_RECORDS.put("LabelView", AddressView.LabelView.class);
        SCHEMA_RECORDS.put("TotalView", AddressView.TotalView.class);
        SCHEMA_RECORDS.put("EntityView", EntityView.class);
        SCHEMA_RECORDS.put("MemberLabel", EntityView.MemberLabel.class);
        SCHEMA_RECORDS.put("FlowView", EntityView.FlowView.class);
        SCHEMA_RECORDS.put("CounterpartyView", EntityView.CounterpartyView.class);
        SCHEMA_RECORDS.put("ExplainView", ExplainQuery.ExplainView.class);
        SCHEMA_RECORDS.put("LinkView", ExplainQuery.LinkView.class);
        SCHEMA_RECORDS.put("TimeBudgetCut", TraceResult.TimeBudgetCut.class);
        SCHEMA_RECORDS.put("CaseListing", CaseView.Listing.class);
        SCHEMA_RECORDS.put("CaseView", CaseView.class);
        SCHEMA_RECORDS.put("CaseMember", CaseView.Member.class);
        SCHEMA_RECORDS.put("CaseAddress", CaseView.Address.class);
        SCHEMA_RECORDS.put("CaseNote", CaseView.Note.class);
        SCHEMA_RECORDS.put("CaseTrace", CaseView.Trace.class);
        SCHEMA_RECORDS.put("SavedTraceView", SavedTraceView.class);
        SCHEMA_RECORDS.put("Rerun", SavedTraceView.Rerun.class);
        SCHEMA_RECORDS.put("RerunReport", RerunReport.class);
        SCHEMA_RECORDS.put("History", RerunReport.History.class);
        SCHEMA_RECORDS.put("AttributionChange", RerunReport.AttributionChange.class);
        SCHEMA_RECORDS.put("AttributionView", AttributionView.class);
        SCHEMA_RECORDS.put("LabelEvent", RerunReport.LabelEvent.class);
        SCHEMA_RECORDS.put("RewrittenBlock", RerunReport.RewrittenBlock.class);
        SCHEMA_RECORDS.put("NewBlocks", RerunReport.NewBlocks.class);
        SCHEMA_RECORDS.put("TraceDiff", TraceDiff.class);
        SCHEMA_RECORDS.put("FieldChange", TraceDiff.FieldChange.class);
        SCHEMA_RECORDS.put("EndpointChange", TraceDiff.EndpointChange.class);
        SCHEMA_RECORDS.put("FlowChange", TraceDiff.FlowChange.class);
        SCHEMA_RECORDS.put("WatchRequest", WatchQuery.class);
        SCHEMA_RECORDS.put("WatchView", WatchView.class);
        SCHEMA_RECORDS.put("AlertView", AlertView.class);
        SCHEMA_RECORDS.put("ListedAlert", AlertView.Listed.class);
        SCHEMA_RECORDS.put("DeliveryView", AlertView.DeliveryView.class);
        SCHEMA_RECORDS.put("WebhookRequest", WebhookQuery.class);
        SCHEMA_RECORDS.put("WebhookView", WebhookQuery.View.class);
        SCHEMA_RECORDS.put("AuditEntry", AuditEntry.class);
        SCHEMA_RECORDS.put("AuditHead", AuditStore.Head.class);
        SCHEMA_RECORDS.put("SearchResult", SearchQuery.Result.class);
        SCHEMA_RECORDS.put("EntityHit", SearchQuery.EntityHit.class);
        SCHEMA_RECORDS.put("AddressHit", SearchQuery.AddressHit.class);
        SCHEMA_RECORDS.put("AddressCounterparties", CounterpartyQuery.Result.class);
        SCHEMA_RECORDS.put("AddressCounterparty", CounterpartyQuery.CounterpartyView.class);
        SCHEMA_RECORDS.put("AddressTransfers", TransferQuery.Result.class);
        SCHEMA_RECORDS.put("AddressTransfer", TransferQuery.TransferView.class);
        SCHEMA_RECORDS.put("AttributionsRequest", AttributionQuery.class);
        SCHEMA_RECORDS.put("Attributions", AttributionQuery.Result.class);
        SCHEMA_RECORDS.put("Attributed", AttributionQuery.Attributed.class);
        SCHEMA_RECORDS.put("AttributedEntity", AttributionQuery.AttributedEntity.class);
    }

    private static DemoGraph.Loaded demo;
    private static Javalin app;
    private static String text;
    private static SwaggerParseResult parsed;

    @BeforeAll
    static void start() throws IOException {
        demo = DemoGraph.load();
        app = ApiServer.create(demo.graph(), "127.0.0.1", 0).start();
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(OpenApiController.RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        parsed = new OpenAPIV3Parser().readContents(text, null, options);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void document_parsedByTheSwaggerParser_isOpenApi31WithoutComplaints() {
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getSpecVersion()).isEqualTo(io.swagger.v3.oas.models.SpecVersion.V31);
        assertThat(api.getComponents().getSecuritySchemes().get("apiKey").getScheme()).isEqualTo("bearer");
        assertThat(api.getSecurity()).singleElement().satisfies(s -> assertThat(s).containsOnlyKeys("apiKey"));
    }

    @Test
    void operations_sameSetAsTheRouteTable_bothWays() {
        Set<String> routes = new TreeSet<>();
        ApiServer.routes(demo.graph()).forEach(r -> routes.add(key(r.method().name(), r.path())));
        Set<String> documented = documentedRoles().keySet();

        Set<String> undocumented = new TreeSet<>(routes);
        undocumented.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(routes);
        assertThat(undocumented).as("routes of ApiServer.routes() missing from api/src/main/resources/openapi.json; "
                + "document each").isEmpty();
        assertThat(stale).as("operations in openapi.json that no route serves").isEmpty();
        assertThat(routes).contains("GET /api/v1/openapi.json", "POST /api/v1/screen");
    }

    @Test
    void operations_roleOfEach_isTheRoutesLeastRole() {
        Map<String, String> documented = documentedRoles();
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> actual = new TreeMap<>();
        for (Route r : ApiServer.routes(demo.graph())) {
            String key = key(r.method().name(), r.path());
            if (documented.containsKey(key)) {
                expected.put(key, r.role().id());
                actual.put(key, documented.get(key));
            }
        }
        assertThat(actual).as("x-chaintrail-role per operation").isEqualTo(expected);
        assertThat(actual).containsEntry("GET /api/v1/addresses/{chain}/{address}", "analyst")
                .containsEntry("GET /api/v1/addresses/{chain}/{address}/exposure", "screening");
    }

    @Test
    void schemas_propertiesOfEach_areTheFieldsOfItsRecord() {
        Map<String, Schema> schemas = parsed.getOpenAPI().getComponents().getSchemas();
        Map<String, Set<String>> expected = new TreeMap<>();
        Map<String, Set<String>> actual = new TreeMap<>();
        SCHEMA_RECORDS.forEach((name, type) -> {
            expected.put(name, new TreeSet<>(Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList()));
            Schema<?> schema = schemas.get(name);
            actual.put(name, schema == null ? Set.of() : new TreeSet<>(schema.getProperties().keySet()));
        });

        assertThat(actual).isEqualTo(expected);
        assertThat(schemas.get("ScreenRequest").getRequired()).containsExactlyInAnyOrder("chain", "addresses");
    }

    /** The bad-input properties start from these examples, so each must be valid input. */
    @Test
    void examples_ofAddressInputs_areValidEthereumAddresses() {
        List<String> examples = new java.util.ArrayList<>();
        for (ApiDescription.Operation op : new ApiDescription().operations(demo.graph())) {
            op.inputs().stream().filter(ApiDescription.Input::isAddress).filter(i -> i.example() != null)
                    .forEach(i -> examples.add(i.example().asText()));
            if (op.hasBody()) {
                op.body().path("addresses").forEach(a -> examples.add(a.asText()));
                op.body().path("seeds").forEach(a -> examples.add(a.asText()));
            }
        }

        assertThat(examples).hasSizeGreaterThanOrEqualTo(6);
        examples.forEach(a -> assertThat(org.chaintrail.model.Chain.ETHEREUM.canonicalAddress(a)).isEqualTo(a.toLowerCase(Locale.ROOT)));
    }

    @Test
    void served_atItsRoute_asTheFileInTheJar() throws Exception {
        var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/api/v1/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.body()).isEqualTo(text);
    }

    /** "METHOD /path" of every documented operation, with its x-chaintrail-role (or "" when it has none). */
    private static Map<String, String> documentedRoles() {
        Map<String, String> result = new TreeMap<>();
        parsed.getOpenAPI().getPaths().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, io.swagger.v3.oas.models.Operation> op
                    : item.readOperationsMap().entrySet()) {
                Object role = op.getValue().getExtensions() == null ? null
                        : op.getValue().getExtensions().get("x-chaintrail-role");
                result.put(key(op.getKey().name(), path), role == null ? "" : role.toString());
            }
        });
        return result;
    }

    /** Javalin writes a path parameter that may hold slashes as {@code <name>}; OpenAPI knows only {@code {name}}. */
    private static String key(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path.replace('<', '{').replace('>', '}');
    }
}
