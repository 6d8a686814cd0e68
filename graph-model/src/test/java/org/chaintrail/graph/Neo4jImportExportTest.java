package org.chaintrail.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Approval;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.Entity;
import org.chaintrail.model.Label;
import org.chaintrail.model.Membership;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.TronAddress;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;

/**
 * The proof that the export loads: Neo4j's own {@code neo4j-admin database import full}, run
 * in-process, imports the files into a fresh DBMS home laid out as {@link EmbeddedNeo4j} opens it,
 * and {@link GraphStore} then reads the same answers there as on the source graph.
 */
class Neo4jImportExportTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final Chain TRON = Chain.TRON;
    private static final String USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7";
    private static final String NAMELESS_TOKEN = "0x0000000000000000000000000000000000070c3e";
    private static final String ALICE = "0x00000000000000000000000000000000000a11ce";
    private static final String BOB = "0x0000000000000000000000000000000000000b0b";
    private static final String CAROL = "0x000000000000000000000000000000000000ca01";
    private static final String NOBODY = "0x000000000000000000000000000000000000dead";
    private static final String TRON_ALICE = TronAddress.fromHex("41" + "0".repeat(35) + "a11ce");
    private static final String TRON_BOB = TronAddress.fromHex("41" + "0".repeat(37) + "b0b");
    private static final String HASH1 = "0x" + "1".repeat(64);
    private static final String HASH2 = "0x" + "2".repeat(64);
    private static final String HASH3 = "0x" + "3".repeat(64);
    private static final String ENTITY_ID = "exchange:harbor_exchange";
    private static final String CLUSTER_ID = "cluster:ethereum:" + ALICE;
    private static final BigInteger UNLIMITED = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    /** A label an importer could trip on: comma, quotes, a line break, a backslash, a semicolon. */
    private static final Label HARBOR = new Label("Harbor, \"Exchange\"\nhot wallet; C:\\keys", Optional.of("exchange"),
            Optional.empty(), Optional.of("harbor"), "", Optional.of("forensic"));
    private static final Label SCAM = new Label("Pig-butchering 'Tether' site", Optional.empty(), Optional.of("scam"),
            Optional.empty(), "https://example.org/report?a=1,b=2", Optional.empty());

    @TempDir
    Path tmp;

    private GraphConnection source;

    @BeforeEach
    void setUp() {
        source = TestGraph.fresh();
        GraphStore store = source.store();
        BigInteger huge = BigInteger.TWO.pow(70);
        store.write(new WriteBatch(
                List.of(new Block(ETH, 100, "0x" + "a".repeat(64), 1_700_000_000L),
                        new Block(ETH, 101, "0x" + "b".repeat(64), 1_700_000_012L)),
                List.of(Asset.token(ETH, USDT, "USDT", 6), Asset.token(ETH, NAMELESS_TOKEN, null, null)),
                List.of(new Transfer(ETH, HASH1, 100, 3, 7, 1_700_000_000L, ALICE, BOB, USDT, huge),
                        // Zero-value spam and a native transfer in the same block: chain order must survive.
                        new Transfer(ETH, HASH1, 100, 3, 8, 1_700_000_000L, ALICE, CAROL, USDT, BigInteger.ZERO),
                        new Transfer(ETH, HASH2, 100, 4, Transfer.NATIVE_LOG_INDEX, 1_700_000_000L, BOB, CAROL,
                                Asset.NATIVE, BigInteger.TEN.pow(18)),
                        new Transfer(ETH, HASH3, 101, 0, 0, 1_700_000_012L, CAROL, BOB, NAMELESS_TOKEN,
                                BigInteger.valueOf(42))),
                List.of(new AddressLabel(ETH, BOB, HARBOR), new AddressLabel(ETH, CAROL, HARBOR),
                        new AddressLabel(ETH, ALICE, SCAM)),
                Optional.of(new Checkpoint(ETH, 101, "0x" + "b".repeat(64))),
                // Alice lets Carol move her USDT, without limit: an APPROVED edge between two addresses.
                List.of(new Approval(ETH, HASH1, 100, 3, 9, USDT, ALICE, CAROL, UNLIMITED))));
        store.write(new WriteBatch(
                List.of(new Block(TRON, 7, "c".repeat(64), 1_600_000_000L)),
                List.of(),
                List.of(new Transfer(TRON, "d".repeat(64), 7, 0, 1, 1_600_000_000L, TRON_ALICE, TRON_BOB,
                        TronAddress.fromHex("41" + USDT.substring(2)), BigInteger.valueOf(5_000_000))),
                // The same attribution on two chains: one Label node, linked from both.
                List.of(new AddressLabel(TRON, TRON_BOB, HARBOR)),
                Optional.of(new Checkpoint(TRON, 7, "c".repeat(64)))));
        store.replaceEntities(ETH, List.of(new Entity(ENTITY_ID, "Harbor, \"Exchange\"", "exchange")),
                List.of(new Membership(ETH, BOB, ENTITY_ID, "label", List.of()),
                        new Membership(ETH, CAROL, ENTITY_ID, "deposit-address", List.of(HASH2, HASH3))));
        // An account heuristic's cluster: an entity with a kind and a chain.
        store.addClusters(ETH, List.of(new Entity(CLUSTER_ID, "cluster " + ALICE, "unknown")),
                List.of(new Membership(ETH, ALICE, CLUSTER_ID, "self-authorisation", List.of(HASH1))));
    }

    @Test
    void export_wholeGraph_neo4jAdminImportReadsTheSame() throws IOException {
        GraphStore store = source.store();
        // Pages of two rows: every kind takes several pages.
        Neo4jImportExport.Result exported = new Neo4jImportExport(store, Optional.empty(), 2).export(tmp.resolve("csv"));
        Map<String, Long> counts = store.counts();
        String usdtTron = TronAddress.fromHex("41" + USDT.substring(2));
        List<String> eth = List.of(ALICE, BOB, CAROL);
        var expectedFromUsdt = store.transfersFrom(ETH, USDT, eth);
        var expectedToUsdt = store.transfersTo(ETH, USDT, eth);
        var expectedNative = store.transfersFrom(ETH, Asset.NATIVE, eth);
        var expectedNameless = store.transfersTo(ETH, NAMELESS_TOKEN, eth);
        var expectedTron = store.transfersFrom(TRON, usdtTron, List.of(TRON_ALICE));
        var expectedAttributions = store.attributions(ETH, List.of(ALICE, BOB, CAROL, NOBODY));
        var expectedTronAttributions = store.attributions(TRON, List.of(TRON_ALICE, TRON_BOB));
        var expectedAssets = store.assets(ETH, List.of(USDT, NAMELESS_TOKEN, Asset.NATIVE));
        var expectedSummary = store.addressSummary(ETH, BOB);
        var expectedLastBlocks = store.lastBlocks();
        var expectedApprovals = store.approvals(ETH);
        var expectedPage = store.entities().page(CLUSTER_ID, 10, 10);

        assertThat(exported.rows()).containsExactly(Map.entry("Address", 5L), Map.entry("Transfer", 5L),
                Map.entry("Asset", 2L), Map.entry("Block", 3L), Map.entry("Checkpoint", 2L), Map.entry("Label", 2L),
                Map.entry("Entity", 2L), Map.entry("LabelFile", 0L), Map.entry(":IN", 5L), Map.entry(":OUT", 5L),
                Map.entry(":HAS_LABEL", 4L), Map.entry(":MEMBER_OF", 3L), Map.entry(":APPROVED", 1L));
        // No UTXO chain in this graph: the export refuses those, so it has no Transaction table.
        assertThat(counts).containsEntry("Transaction", 0L);
        Map<String, Long> exportable = new TreeMap<>(counts);
        exportable.remove("Transaction");
        assertThat(new TreeMap<>(exported.rows())).isEqualTo(exportable);

        Path home = tmp.resolve("imported-dbms");
        String report = runNeo4jAdmin(home, exported.adminArguments());
        assertThat(report).contains("IMPORT DONE").contains("  21 nodes").contains("  18 relationships");

        try (GraphConnection imported = GraphConnection.embedded(home)) {
            GraphStore copy = imported.store();
            assertThat(copy.counts()).isEqualTo(counts);
            assertThat(copy.transfersFrom(ETH, USDT, eth)).hasSize(2).isEqualTo(expectedFromUsdt);
            assertThat(copy.transfersTo(ETH, USDT, eth)).hasSize(2).isEqualTo(expectedToUsdt);
            assertThat(copy.transfersFrom(ETH, Asset.NATIVE, eth)).hasSize(1).isEqualTo(expectedNative);
            assertThat(copy.transfersTo(ETH, NAMELESS_TOKEN, eth)).hasSize(1).isEqualTo(expectedNameless);
            assertThat(copy.transfersFrom(TRON, usdtTron, List.of(TRON_ALICE))).hasSize(1).isEqualTo(expectedTron);
            assertThat(copy.transfersFrom(ETH, USDT, List.of(ALICE)).get(0).amount()).isEqualTo(BigInteger.TWO.pow(70));
            assertThat(copy.attributions(ETH, List.of(ALICE, BOB, CAROL, NOBODY))).isEqualTo(expectedAttributions);
            assertThat(copy.attributions(ETH, List.of(BOB)).get(BOB).labels()).containsExactly(HARBOR);
            assertThat(copy.attributions(ETH, List.of(CAROL)).get(CAROL).via()).contains("deposit-address");
            assertThat(copy.attributions(TRON, List.of(TRON_ALICE, TRON_BOB))).isEqualTo(expectedTronAttributions);
            assertThat(copy.assets(ETH, List.of(USDT, NAMELESS_TOKEN, Asset.NATIVE))).isEqualTo(expectedAssets);
            assertThat(copy.addressSummary(ETH, BOB)).isEqualTo(expectedSummary);
            assertThat(copy.checkpoint(ETH)).contains(new Checkpoint(ETH, 101, "0x" + "b".repeat(64)));
            assertThat(copy.checkpoint(TRON)).contains(new Checkpoint(TRON, 7, "c".repeat(64)));
            assertThat(copy.lastBlocks()).isEqualTo(expectedLastBlocks).containsEntry("ethereum", 101L)
                    .containsEntry("tron", 7L);
            assertThat(copy.approvals(ETH)).isEqualTo(expectedApprovals).singleElement().satisfies(a -> {
                assertThat(a.id()).isEqualTo("ethereum:" + HASH1 + ":log9");
                assertThat(a.amount()).isEqualTo(UNLIMITED);
            });
            assertThat(copy.entities().page(CLUSTER_ID, 10, 10)).isEqualTo(expectedPage)
                    .hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo("cluster"));

            // Every property, with its type, came back: exporting the copy gives the same bytes.
            Neo4jImportExport.Result again = new Neo4jImportExport(copy, Optional.empty()).export(tmp.resolve("again"));
            assertSameFiles(again.dir(), exported.dir());
        }
    }

    @Test
    void export_sameGraphTwice_byteIdenticalWhateverThePageSize() throws IOException {
        Path first = new Neo4jImportExport(source.store(), Optional.empty()).export(tmp.resolve("a")).dir();
        Path second = new Neo4jImportExport(source.store(), Optional.empty(), 1).export(tmp.resolve("b")).dir();

        assertSameFiles(first, second);
        assertThat(Files.readString(first.resolve("node-Transfer-header.csv"))).isEqualTo(
                "id:ID(Transfer),:LABEL,chain,asset,amount,txHash,blockNumber:long,txIndex:long,logIndex:long,"
                        + "timestamp:long\n");
        assertThat(Files.readString(first.resolve("rel-MEMBER_OF-header.csv")))
                .isEqualTo(":START_ID(Address),:END_ID(Entity),:TYPE,via,evidence:string[]\n");
        // Quotes doubled, the line break kept inside the quotes, "" for the empty source, nothing
        // for an absent abuse, the lower-cased copy last; the key joins the fields with U+001F.
        assertThat(Files.readString(first.resolve("node-Label.csv"), StandardCharsets.UTF_8)).contains(
                ",\"Label\",\"Harbor, \"\"Exchange\"\"\nhot wallet; C:\\keys\",\"exchange\",,\"harbor\",\"\",\"forensic\","
                        + "\"harbor, \"\"exchange\"\"\nhot wallet; c:\\keys\"\n");
        // Natural-key order: chain, then address as text (BOB's 0…0b0b sorts before ALICE's 0…a11ce).
        assertThat(Files.readAllLines(first.resolve("node-Address.csv"))).containsExactly(
                "\"ethereum:" + BOB + "\",\"Address\",\"ethereum\",\"" + BOB + "\"",
                "\"ethereum:" + CAROL + "\",\"Address\",\"ethereum\",\"" + CAROL + "\"",
                "\"ethereum:" + ALICE + "\",\"Address\",\"ethereum\",\"" + ALICE + "\"",
                "\"tron:" + TRON_BOB + "\",\"Address\",\"tron\",\"" + TRON_BOB + "\"",
                "\"tron:" + TRON_ALICE + "\",\"Address\",\"tron\",\"" + TRON_ALICE + "\"");
        assertThat(Files.readAllLines(first.resolve("rel-MEMBER_OF.csv"))).containsExactly(
                "\"ethereum:" + BOB + "\",\"" + ENTITY_ID + "\",\"MEMBER_OF\",\"label\",",
                "\"ethereum:" + CAROL + "\",\"" + ENTITY_ID + "\",\"MEMBER_OF\",\"deposit-address\",\""
                        + HASH2 + ";" + HASH3 + "\"",
                "\"ethereum:" + ALICE + "\",\"" + CLUSTER_ID + "\",\"MEMBER_OF\",\"self-authorisation\",\"" + HASH1 + "\"");
        assertThat(Files.readAllLines(first.resolve("rel-APPROVED.csv"))).containsExactly(
                "\"ethereum:" + ALICE + "\",\"ethereum:" + CAROL + "\",\"APPROVED\",\"ethereum:" + HASH1 + ":log9\","
                        + "\"ethereum\",\"" + USDT + "\",\"" + UNLIMITED + "\",\"" + HASH1 + "\",100,3,9");
        assertThat(Files.readString(first.resolve("import.sh")))
                .contains("--nodes=\"$here/node-Address-header.csv,$here/node-Address.csv\"")
                .contains("--multiline-fields=true");
    }

    @Test
    void export_oneChain_onlyItsNodesAndTheLabelsTheyLinkToAndItImports() throws IOException {
        Neo4jImportExport.Result tron = new Neo4jImportExport(source.store(), Optional.of(TRON)).export(tmp.resolve("tron"));

        assertThat(tron.rows()).containsExactly(Map.entry("Address", 2L), Map.entry("Transfer", 1L),
                Map.entry("Asset", 0L), Map.entry("Block", 1L), Map.entry("Checkpoint", 1L), Map.entry("Label", 1L),
                Map.entry("Entity", 0L), Map.entry("LabelFile", 0L), Map.entry(":IN", 1L), Map.entry(":OUT", 1L),
                Map.entry(":HAS_LABEL", 1L), Map.entry(":MEMBER_OF", 0L), Map.entry(":APPROVED", 0L));
        assertThat(Files.readString(tron.dir().resolve("node-Checkpoint.csv")))
                .isEqualTo("\"tron\",\"Checkpoint\",\"tron\",7,\"" + "c".repeat(64) + "\"\n");
        // No relationship points outside the export: the import does not skip or fail on any.
        String report = runNeo4jAdmin(tmp.resolve("tron-dbms"), tron.adminArguments());
        assertThat(report).contains("IMPORT DONE").contains("  6 nodes").contains("  3 relationships");

        // Ethereum's transfer ids are followed by Tron's: paging must stop where the prefix ends.
        Neo4jImportExport.Result eth = new Neo4jImportExport(source.store(), Optional.of(ETH), 2).export(tmp.resolve("eth"));
        assertThat(eth.rows()).containsEntry("Transfer", 4L).containsEntry(":IN", 4L).containsEntry("Address", 3L)
                .containsEntry("Label", 2L).containsEntry(":HAS_LABEL", 3L).containsEntry("Entity", 2L)
                .containsEntry(":MEMBER_OF", 3L).containsEntry(":APPROVED", 1L).containsEntry("Checkpoint", 1L)
                .containsEntry("Block", 2L);
    }

    @Test
    void export_propertyTheExportDoesNotKnow_failsNamingIt() {
        cypher("MATCH (b:Block {chain: 'tron'}) SET b.miner = 'x'");

        var e = assertThrows(IllegalStateException.class,
                () -> new Neo4jImportExport(source.store(), Optional.of(TRON)).export(tmp.resolve("x")));

        assertThat(e.getMessage()).contains("Block tron:7").contains("'miner'");
    }

    @Test
    void export_numberStoredAsText_failsRatherThanChangeItsType() {
        cypher("MATCH (b:Block {chain: 'tron'}) SET b.timestamp = '1600000000'");

        var e = assertThrows(IllegalStateException.class,
                () -> new Neo4jImportExport(source.store(), Optional.of(TRON)).export(tmp.resolve("x")));

        assertThat(e.getMessage()).contains("Block tron:7").contains("timestamp is a String").contains("as long");
    }

    /** Damages the source graph the way no GraphStore write would. */
    private void cypher(String statement) {
        try (var session = source.driver().session()) {
            session.run(statement).consume();
        }
    }

    /** Runs neo4j-admin's own command line parsing and import in this JVM; returns what it printed. */
    private static String runNeo4jAdmin(Path home, List<String> arguments) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            int exit = AdminTool.execute(new ExecutionContext(home, home.resolve("conf"), out, out,
                    new DefaultFileSystemAbstraction()), arguments.toArray(String[]::new));
            String printed = output.toString(StandardCharsets.UTF_8);
            assertThat(exit).as("neo4j-admin exit code; it printed:%n%s", printed).isZero();
            return printed;
        }
    }

    private static void assertSameFiles(Path actual, Path expected) throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(expected)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv") || n.endsWith(".sh"))
                    .sorted().toList();
        }
        assertThat(names).hasSize(27);
        for (String name : names) {
            assertThat(actual.resolve(name)).as(name).hasSameBinaryContentAs(expected.resolve(name));
        }
    }
}
