package org.chaintrail.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.graph.SearchStore.AddressMatch;
import org.chaintrail.graph.SearchStore.EntityMatch;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Entity;
import org.chaintrail.model.Label;
import org.chaintrail.model.Membership;
import org.chaintrail.model.Retraction;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.summary.Plan;

class SearchStoreTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final Chain BSC = Chain.BSC;
    private static final String A1 = "0x00000000000000000000000000000000000000a1";
    private static final String A2 = "0x00000000000000000000000000000000000000a2";
    private static final String B1 = "0x00000000000000000000000000000000000000b1";
    private static final String C1 = "0x00000000000000000000000000000000000000c1";
    private static final Entity HARBOR = new Entity("exchange:harbor_exchange", "Harbor Exchange", "exchange");
    private static final Entity HARBOUR = new Entity("exchange:harbour_bank", "HARBOUR Bank", "exchange");
    private static final Entity TORNADO = new Entity("mixer:tornado", "Tornado", "mixing_service");

    private GraphConnection graph;
    private GraphStore store;

    @BeforeEach
    void setUp() {
        graph = TestGraph.fresh();
        store = graph.store();
        // Harbor Exchange: A1 and A2 on Ethereum, B1 on BSC; HARBOUR Bank: C1 on BSC; Tornado: none of the searches.
        store.replaceEntities(ETH, List.of(HARBOR, HARBOUR, TORNADO), List.of(
                new Membership(ETH, A1, HARBOR.id(), "label", List.of()),
                new Membership(ETH, A2, HARBOR.id(), "label", List.of()),
                new Membership(BSC, B1, HARBOR.id(), "label", List.of()),
                new Membership(BSC, C1, HARBOUR.id(), "label", List.of()),
                new Membership(ETH, "0x00000000000000000000000000000000000000d1", TORNADO.id(), "label", List.of())));
        store.write(WriteBatch.ofLabels(List.of(
                new AddressLabel(ETH, A2, label("Harbor Hot Wallet")),
                new AddressLabel(ETH, A1, label("harbor cold storage")),
                new AddressLabel(BSC, B1, label("HARBOR bridge")),
                new AddressLabel(BSC, C1, label("Scam deposit, harbor ruse")))));
    }

    private static Label label(String text) {
        return new Label(text, Optional.of("exchange"), Optional.empty(), Optional.empty(), "https://example.org/t",
                Optional.empty());
    }

    @Test
    void entitiesByName_anyCase_matchesByNameThenChain() {
        // By the name as stored (case-sensitive order: "HARBOUR" sorts before "Harbor").
        assertThat(store.search().entitiesByName("harbo", Optional.empty(), 20)).containsExactly(
                new EntityMatch(HARBOUR, BSC, 1), new EntityMatch(HARBOR, BSC, 1), new EntityMatch(HARBOR, ETH, 2));
        assertThat(store.search().entitiesByName("our b", Optional.empty(), 20))
                .containsExactly(new EntityMatch(HARBOUR, BSC, 1));
        assertThat(store.search().entitiesByName("binance", Optional.empty(), 20)).isEmpty();
    }

    @Test
    void entitiesByName_chainAndLimit_onlyThoseEntitiesAndRows() {
        assertThat(store.search().entitiesByName("harbo", Optional.of(ETH), 20))
                .containsExactly(new EntityMatch(HARBOR, ETH, 2));
        assertThat(store.search().entitiesByName("harbo", Optional.empty(), 1))
                .containsExactly(new EntityMatch(HARBOUR, BSC, 1));
        // The limit counts entities: Harbor Exchange's two chains are both returned.
        assertThat(store.search().entitiesByName("harbo", Optional.empty(), 2)).containsExactly(
                new EntityMatch(HARBOUR, BSC, 1), new EntityMatch(HARBOR, BSC, 1), new EntityMatch(HARBOR, ETH, 2));
    }

    @Test
    void entitiesByName_entityRenamed_foundByItsNewNameOnly() {
        Entity renamed = new Entity(TORNADO.id(), "TC Router", TORNADO.category());
        store.replaceEntities(ETH, List.of(HARBOR, HARBOUR, renamed), List.of(
                new Membership(ETH, A1, renamed.id(), "label", List.of())));

        assertThat(store.search().entitiesByName("tc rou", Optional.empty(), 20))
                .containsExactly(new EntityMatch(renamed, ETH, 1));
        assertThat(store.search().entitiesByName("tornado", Optional.empty(), 20)).isEmpty();
    }

    @Test
    void addressesByLabel_anyCase_activeLabelsByAddressChainAndLimit() {
        assertThat(store.search().addressesByLabel("harbor", Optional.empty(), 20)).containsExactly(
                new AddressMatch(ETH, A1), new AddressMatch(ETH, A2), new AddressMatch(BSC, B1),
                new AddressMatch(BSC, C1));
        assertThat(store.search().addressesByLabel("harbor", Optional.of(BSC), 20))
                .containsExactly(new AddressMatch(BSC, B1), new AddressMatch(BSC, C1));
        assertThat(store.search().addressesByLabel("harbor", Optional.empty(), 2))
                .containsExactly(new AddressMatch(ETH, A1), new AddressMatch(ETH, A2));

        store.labels().retract(ETH, A1, "harbor cold storage", Optional.empty(),
                new Retraction("alice", Instant.parse("2024-10-01T09:30:00Z"), "wrong wallet"));

        // A retracted label finds nothing; its text still has its copy, so only the attachment decides.
        assertThat(store.search().addressesByLabel("cold", Optional.empty(), 20)).isEmpty();
        assertThat(store.search().addressesByLabel("hot w", Optional.empty(), 20))
                .containsExactly(new AddressMatch(ETH, A2));
    }

    @Test
    void apply_storeWrittenBeforeTheCopies_backFillsThemAndCreatesTheIndexes() {
        Driver driver = graph.driver();
        try (var session = driver.session()) {
            // What an older version wrote: names and texts without the lower-cased copies, and no text indexes.
            session.run("DROP INDEX entity_search_name IF EXISTS").consume();
            session.run("DROP INDEX label_search_text IF EXISTS").consume();
            session.run("""
                    CREATE (e:Entity {id: 'exchange:old_pier', name: 'Old PIER Exchange', category: 'exchange'})
                    CREATE (a:Address {chain: 'ethereum', address: $address})-[:MEMBER_OF {via: 'label'}]->(e)
                    CREATE (a)-[:HAS_LABEL {addedBy: 'alice', addedAt: '2024-09-30T08:00:00Z'}]->
                           (:Label {key: 'old-pier', label: 'Pier Deposit 7', category: 'exchange', source: 'x'})""",
                    Map.of("address", "0x00000000000000000000000000000000000000e1")).consume();
        }

        GraphSchema.apply(driver);

        assertThat(GraphStore.read(driver, """
                MATCH (n) WHERE n:Entity OR n:Label
                RETURN coalesce(n.searchName, n.searchText) AS copy ORDER BY copy""", Map.of(),
                r -> r.get("copy").asString(null))).containsExactly("harbor bridge", "harbor cold storage",
                "harbor exchange", "harbor hot wallet", "harbour bank", "old pier exchange", "pier deposit 7",
                "scam deposit, harbor ruse", "tornado");
        assertThat(indexes(driver)).contains("entity_search_name TEXT", "label_search_text TEXT");
        assertThat(store.search().entitiesByName("pier", Optional.empty(), 20)).containsExactly(new EntityMatch(
                new Entity("exchange:old_pier", "Old PIER Exchange", "exchange"), ETH, 1));
        assertThat(store.search().addressesByLabel("deposit 7", Optional.empty(), 20))
                .containsExactly(new AddressMatch(ETH, "0x00000000000000000000000000000000000000e1"));
    }

    @Test
    void apply_indexesPresent_backFillSkipped() {
        Driver driver = graph.driver();
        try (var session = driver.session()) {
            session.run("CREATE (:Entity {id: 'exchange:raw', name: 'Raw', category: 'exchange'})").consume();
        }

        GraphSchema.apply(driver);

        // The back-fill runs only while its index is missing: a node written without the copy since
        // (which no store of this version does) is left as it is.
        assertThat(GraphStore.read(driver, "MATCH (e:Entity {id: 'exchange:raw'}) RETURN e.searchName AS copy",
                Map.of(), r -> r.get("copy").asString(null))).containsExactly((String) null);
    }

    @Test
    void searchQueries_planned_seekTheTextIndexesAndScanNoLabel() {
        Map<String, Object> params = Map.of("text", "harbo", "chain", ETH.id(), "limit", 20);

        assertThat(operators(SearchStore.ENTITIES_BY_NAME, params)).contains("NodeIndexContainsScan")
                .doesNotContain("NodeByLabelScan", "AllNodesScan");
        assertThat(operators(SearchStore.LABELLED_ADDRESSES, params)).contains("NodeIndexContainsScan")
                .doesNotContain("NodeByLabelScan", "AllNodesScan");
    }

    private List<String> operators(String cypher, Map<String, Object> params) {
        try (var session = graph.driver().session()) {
            List<String> operators = new ArrayList<>();
            collect(session.run("EXPLAIN " + cypher, params).consume().plan(), operators);
            return operators;
        }
    }

    /** Operator names without the runtime's suffix ({@code NodeIndexContainsScan@neo4j}). */
    private static void collect(Plan plan, List<String> operators) {
        operators.add(plan.operatorType().replaceAll("@.*", ""));
        plan.children().forEach(child -> collect(child, operators));
    }

    private static List<String> indexes(Driver driver) {
        return GraphStore.read(driver, "SHOW INDEXES YIELD name, type RETURN name + ' ' + type AS index ORDER BY index",
                Map.of(), r -> r.get("index").asString());
    }
}
