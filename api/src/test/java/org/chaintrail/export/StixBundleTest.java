package org.chaintrail.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chaintrail.demo.ScamCentreScenario.address;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.query.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundle of the demo case against the rules of STIX 2.1 that can be checked mechanically:
 * section 2.9 (identifiers), 2.12 (no empty lists), 2.16 and 3.2 (timestamps, millisecond
 * precision of created and modified), 3.2 and each object's property table (required properties),
 * 3.3 (references resolve), 9 (the pattern grammar's StringLiteral), 10 (vocabularies).
 */
class StixBundleTest {
    private static final String PRODUCER = "Financial Intelligence Unit of Testland";
    private static final Pattern ID = Pattern.compile(
            "([a-z0-9]+(?:-[a-z0-9]+)*)--[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern MILLIS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    /** A simple comparison expression over one string literal: the grammar's StringLiteral rule, anchored. */
    private static final Pattern WALLET_PATTERN = Pattern.compile(
            "\\[([a-z][a-z0-9-]*):value = '((?:[^'\\\\]|\\\\['\\\\])*)'\\]");
    private static final Set<String> GROUPING_CONTEXT = Set.of("suspicious-activity", "malware-analysis", "unspecified");
    private static final Set<String> IDENTITY_CLASS = Set.of("individual", "group", "system", "organization", "class",
            "unknown");
    private static final Set<String> INDICATOR_TYPE = Set.of("anomalous-activity", "anonymization", "benign",
            "compromised", "malicious-activity", "attribution", "unknown");
    private static final Set<String> PATTERN_TYPE = Set.of("stix", "pcre", "sigma", "snort", "suricata", "yara");
    private static final Set<String> EXTENSION_TYPE = Set.of("new-sdo", "new-sco", "new-sro", "property-extension",
            "toplevel-property-extension");
    /** Each type's required properties beyond the common ones (the property tables of sections 4, 5, 7.3). */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "identity", List.of("name"),
            "grouping", List.of("name", "context", "object_refs"),
            "campaign", List.of("name"),
            "indicator", List.of("pattern", "pattern_type", "valid_from"),
            "relationship", List.of("relationship_type", "source_ref", "target_ref"),
            "extension-definition", List.of("created_by_ref", "name", "schema", "version", "extension_types"),
            StixBundle.WALLET, List.of("value", "extensions"));

    private static CaseDossier dossier;
    private static String json;
    private static JsonNode bundle;
    private static Map<String, JsonNode> byId;

    @BeforeAll
    static void render() throws Exception {
        dossier = DemoCase.build(DemoGraph.load());
        json = StixBundle.render(dossier, PRODUCER);
        // For a person (or the OASIS validator) to read.
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("demo-case-stix.json"), json,
                StandardCharsets.UTF_8);
        bundle = Json.MAPPER.readTree(json);
        byId = new HashMap<>();
        bundle.get("objects").forEach(o -> byId.put(o.get("id").asText(), o));
    }

    @Test
    void uuid5_specExample_matchesTheSpecsDeterministicId() {
        // STIX 2.1 section 2.9: ipv4-addr 198.51.100.3 is ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4.
        assertThat(StixBundle.uuid5(StixBundle.SCO_NAMESPACE, "{\"value\":\"198.51.100.3\"}"))
                .isEqualTo(UUID.fromString("28bb3599-77cd-5a82-a950-b5bc3caf07c4"));
    }

    @Test
    void render_demoCase_bundleOfUniqueWellFormedObjects() {
        assertThat(bundle.get("type").asText()).isEqualTo("bundle");
        assertThat(bundle.has("spec_version")).as("a 2.1 bundle has no spec_version").isFalse();
        assertThat(ID.matcher(bundle.get("id").asText()).matches()).isTrue();
        assertThat(byId).hasSize(bundle.get("objects").size());
        noEmptyListsOrNulls(bundle, "bundle");
        for (JsonNode o : bundle.get("objects")) {
            String id = o.get("id").asText();
            Matcher m = ID.matcher(id);
            assertThat(m.matches()).as(id).isTrue();
            assertThat(m.group(1)).as(id).isEqualTo(o.get("type").asText());
            assertThat(o.get("spec_version").asText()).as(id).isEqualTo("2.1");
            REQUIRED.getOrDefault(o.get("type").asText(), List.of()).forEach(p -> assertThat(o.has(p)).as(id + " " + p).isTrue());
            if (o.get("type").asText().equals(StixBundle.WALLET)) {
                assertThat(o.has("created") || o.has("modified") || o.has("created_by_ref")).as(id).isFalse();
                assertThat(UUID.fromString(id.substring(id.indexOf("--") + 2)).version()).isEqualTo(5);
            } else {
                String created = o.get("created").asText();
                String modified = o.get("modified").asText();
                assertThat(created).as(id).matches(MILLIS);
                assertThat(modified).as(id).matches(MILLIS);
                assertThat(modified.compareTo(created)).as(id + " modified >= created").isGreaterThanOrEqualTo(0);
            }
            o.path("external_references").forEach(r -> {
                assertThat(r.has("source_name")).isTrue();
                assertThat(r.has("description") || r.has("url") || r.has("external_id")).isTrue();
            });
        }
    }

    @Test
    void render_demoCase_everyReferenceResolvesInsideTheBundle() {
        List<String> refs = new ArrayList<>();
        for (JsonNode o : bundle.get("objects")) {
            o.fields().forEachRemaining(f -> {
                if (f.getKey().endsWith("_ref")) {
                    refs.add(f.getValue().asText());
                } else if (f.getKey().endsWith("_refs")) {
                    f.getValue().forEach(r -> refs.add(r.asText()));
                }
            });
            o.path("extensions").fieldNames().forEachRemaining(refs::add);
        }
        assertThat(refs).isNotEmpty().allSatisfy(r -> assertThat(byId).containsKey(r));

        JsonNode grouping = only("grouping");
        Set<String> grouped = new HashSet<>();
        grouping.get("object_refs").forEach(r -> grouped.add(r.asText()));
        Set<String> others = new HashSet<>(byId.keySet());
        others.remove(grouping.get("id").asText());
        assertThat(grouped).isEqualTo(others);
    }

    @Test
    void render_demoCase_vocabulariesAndRelationshipsAsTheSpecDefines() {
        assertThat(only("grouping").get("context").asText()).isIn(GROUPING_CONTEXT);
        objects("identity").forEach(i -> assertThat(i.get("identity_class").asText()).isIn(IDENTITY_CLASS));
        objects("indicator").forEach(i -> {
            assertThat(i.get("pattern_type").asText()).isIn(PATTERN_TYPE);
            i.get("indicator_types").forEach(t -> assertThat(t.asText()).isIn(INDICATOR_TYPE));
            assertThat(i.get("valid_from").asText()).matches(TIMESTAMP);
        });
        JsonNode extension = only("extension-definition");
        extension.get("extension_types").forEach(t -> assertThat(t.asText()).isIn(EXTENSION_TYPE));
        objects(StixBundle.WALLET).forEach(w -> assertThat(w.get("extensions").get(extension.get("id").asText())
                .get("extension_type").asText()).isEqualTo("new-sco"));
        objects("relationship").forEach(r -> {
            String source = type(r.get("source_ref").asText());
            String target = type(r.get("target_ref").asText());
            assertThat(source + " " + r.get("relationship_type").asText() + " " + target)
                    .isIn("indicator indicates campaign", "indicator related-to campaign");
        });
        JsonNode campaign = only("campaign");
        assertThat(campaign.get("first_seen").asText()).matches(TIMESTAMP);
        assertThat(campaign.get("last_seen").asText().compareTo(campaign.get("first_seen").asText()))
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void render_demoCase_patternsAreGrammaticalAndMatchTheirWallets() {
        Set<String> wallets = new HashSet<>();
        objects(StixBundle.WALLET).forEach(w -> {
            wallets.add(w.get("value").asText());
            String uuid = StixBundle.uuid5(StixBundle.SCO_NAMESPACE, "{\"value\":\"" + w.get("value").asText() + "\"}")
                    .toString();
            assertThat(w.get("id").asText()).isEqualTo(StixBundle.WALLET + "--" + uuid);
        });
        for (JsonNode i : objects("indicator")) {
            Matcher m = WALLET_PATTERN.matcher(i.get("pattern").asText());
            assertThat(m.matches()).as(i.get("pattern").asText()).isTrue();
            assertThat(m.group(1)).isEqualTo(StixBundle.WALLET);
            assertThat(wallets).contains(unescape(m.group(2)));
        }
    }

    @Test
    void pattern_quotesAndBackslashes_escapedAsTheGrammarWants() {
        String pattern = StixBundle.pattern("a'b\\c");

        assertThat(pattern).isEqualTo("[cryptocurrency-wallet:value = 'a\\'b\\\\c']");
        Matcher m = WALLET_PATTERN.matcher(pattern);
        assertThat(m.matches()).isTrue();
        assertThat(unescape(m.group(2))).isEqualTo("a'b\\c");
    }

    @Test
    void render_demoCase_anIndicatorPerCaseAddressAndEndpointWithItsEvidence() {
        Map<String, JsonNode> indicators = new HashMap<>();
        objects("indicator").forEach(i -> {
            Matcher m = WALLET_PATTERN.matcher(i.get("pattern").asText());
            assertThat(m.matches()).isTrue();
            indicators.put(unescape(m.group(2)), i);
        });
        Map<String, JsonNode> relationshipOf = new HashMap<>();
        objects("relationship").forEach(r -> relationshipOf.put(r.get("source_ref").asText(), r));

        dossier.addresses().forEach(a -> assertThat(indicators).containsKey(a.address()));
        for (CaseDossier.SavedTrace t : dossier.traces()) {
            boolean forward = t.result().parameters().direction().equals("forward");
            t.result().parameters().seeds().forEach(s -> {
                assertThat(indicators).containsKey(s);
                BigDecimal own = t.result().flows().stream()
                        .filter(f -> f.hop() == 1 && (forward ? f.from() : f.to()).equals(s))
                        .map(f -> new BigDecimal(f.amount())).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(own).isPositive();
                assertThat(indicators.get(s).get("description").asText())
                        .contains("it " + (forward ? "sent " : "received ") + own.toPlainString() + " USDT");
                assertThat(relationshipOf.get(indicators.get(s).get("id").asText()).get("relationship_type").asText())
                        .isEqualTo("indicates");
            });
            for (TraceResult.Endpoint e : t.result().endpoints()) {
                JsonNode indicator = indicators.get(e.address());
                assertThat(indicator).as(e.address()).isNotNull();
                assertThat(indicator.get("description").asText()).contains(e.taintedAmount() + " USDT");
                JsonNode rel = relationshipOf.get(indicator.get("id").asText());
                e.txHashes().forEach(tx -> assertThat(rel.get("description").asText()).contains(tx));
            }
            for (TraceResult.Flow f : t.result().flows()) {
                boolean cited = false;
                for (JsonNode r : objects("relationship")) {
                    for (JsonNode ref : r.path("external_references")) {
                        cited |= ref.get("external_id").asText().equals(f.txHash());
                    }
                }
                if (indicators.containsKey(f.from()) || indicators.containsKey(f.to())) {
                    assertThat(cited).as(f.txHash()).isTrue();
                }
            }
        }
        assertThat(indicators).hasSize(new HashSet<>(indicators.keySet()).size());
        assertThat(types(indicators.get(address("scam-wallet-1")))).containsExactly("malicious-activity");
        assertThat(types(indicators.get(address("kestrel-deposit-layering")))).containsExactly("attribution");
        assertThat(types(indicators.get(address("fogmix")))).containsExactly("anonymization");
        assertThat(types(indicators.get(address("mekong-otc")))).containsExactly("benign");
        assertThat(types(indicators.get(address("consolidation")))).containsExactly("unknown");
        assertThat(indicators.get(address("fogmix")).get("description").asText()).contains("16000 USDT");
        assertThat(indicators.get(address("kestrel-deposit-layering")).get("labels").toString())
                .contains("Kestrel Exchange", "exchange");
    }

    @Test
    void render_sameDossierTwice_sameBytesAndOnlyDossierTimes() {
        assertThat(StixBundle.render(dossier, PRODUCER)).isEqualTo(json);

        Set<String> allowed = new HashSet<>();
        allowed.add(StixBundle.DEFINED);
        allowed.add(StixBundle.stamp(dossier.createdAt(), "t"));
        dossier.addresses().forEach(a -> allowed.add(StixBundle.stamp(a.addedAt(), "t")));
        dossier.notes().forEach(n -> allowed.add(StixBundle.stamp(n.addedAt(), "t")));
        dossier.traces().forEach(t -> allowed.add(StixBundle.stamp(t.savedAt(), "t")));
        for (JsonNode o : bundle.get("objects")) {
            if (o.has("created")) {
                assertThat(o.get("created").asText()).isIn(allowed);
                assertThat(o.get("modified").asText()).isIn(allowed);
            }
        }
        // The hostile note is the case's latest change, at 250 ms.
        assertThat(only("grouping").get("modified").asText()).isEqualTo("2026-11-21T08:30:00.250Z");
    }

    @Test
    void render_otherProducer_sameIndicatorIdsOtherIdentity() throws Exception {
        JsonNode other = Json.MAPPER.readTree(StixBundle.render(dossier, "Another Agency"));
        Set<String> ids = new HashSet<>();
        other.get("objects").forEach(o -> ids.add(o.get("id").asText()));

        objects("indicator").forEach(i -> assertThat(ids).contains(i.get("id").asText()));
        assertThat(ids).doesNotContain(only("grouping").get("created_by_ref").asText());
    }

    @Test
    void render_newCaseWithNothingInIt_identitiesExtensionGroupingAndCampaignOnly() throws Exception {
        CaseDossier empty = new CaseDossier("C-1", "New case", null, "analyst-a", "2026-11-22T10:00:00Z", List.of(),
                List.of(), List.of());

        JsonNode b = Json.MAPPER.readTree(StixBundle.render(empty, PRODUCER));

        List<String> types = new ArrayList<>();
        b.get("objects").forEach(o -> types.add(o.get("type").asText()));
        assertThat(types).containsExactly("identity", "identity", "extension-definition", "grouping", "campaign");
        JsonNode grouping = b.get("objects").get(3);
        assertThat(grouping.get("object_refs")).hasSize(4);
        assertThat(grouping.get("created").asText()).isEqualTo("2026-11-22T10:00:00.000Z");
        assertThat(b.get("objects").get(4).has("first_seen")).isFalse();
    }

    @Test
    void render_badInput_refusedNamingTheProblem() {
        assertThatThrownBy(() -> StixBundle.render(dossier, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("producer");
        CaseDossier badTime = new CaseDossier(dossier.id(), dossier.title(), null, dossier.createdBy(), "last Tuesday",
                dossier.addresses(), dossier.notes(), dossier.traces());
        assertThatThrownBy(() -> StixBundle.render(badTime, PRODUCER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("createdAt").hasMessageContaining("last Tuesday");
    }

    private static List<JsonNode> objects(String type) {
        List<JsonNode> found = new ArrayList<>();
        bundle.get("objects").forEach(o -> {
            if (o.get("type").asText().equals(type)) {
                found.add(o);
            }
        });
        return found;
    }

    private static JsonNode only(String type) {
        List<JsonNode> found = objects(type);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<String> types(JsonNode indicator) {
        List<String> types = new ArrayList<>();
        indicator.get("indicator_types").forEach(t -> types.add(t.asText()));
        return types;
    }

    private static String type(String id) {
        return byId.get(id).get("type").asText();
    }

    private static String unescape(String literal) {
        return literal.replaceAll("\\\\(['\\\\])", "$1");
    }

    private static void noEmptyListsOrNulls(JsonNode node, String path) {
        assertThat(node.isNull()).as(path).isFalse();
        if (node.isArray()) {
            assertThat(node.size()).as(path + " is an empty list").isPositive();
        }
        if (node.isContainerNode()) {
            node.fields().forEachRemaining(f -> noEmptyListsOrNulls(f.getValue(), path + "." + f.getKey()));
            for (int i = 0; node.isArray() && i < node.size(); i++) {
                noEmptyListsOrNulls(node.get(i), path + "[" + i + "]");
            }
        }
    }
}
