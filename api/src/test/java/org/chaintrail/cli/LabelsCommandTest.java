package org.chaintrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Entity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chaintrail labels} through {@code --neo4j-uri} to the test JVM's embedded server, on real
 * packs and lists (shared/data MANIFEST items L1, L2).
 */
class LabelsCommandTest {
    private static final Path DATA = Path.of(System.getProperty("chaintrail.sharedData", "../shared/data"));
    private static final Path KUCOIN = DATA.resolve("labels/graphsense-tagpacks/packs/exchange-wallets-kucoin.yaml");
    private static final Path OFAC_USDT = DATA.resolve("labels/ofac/sanctioned_addresses_USDT.txt");
    /** On OFAC's USDT list; a Tron address. */
    private static final String SANCTIONED_TRON = "TEAqwfMhXLaomXhZ8KeMhx3njGmQEDnsUR";

    @TempDir
    Path temp;

    private GraphStore store;
    private String uri;

    @BeforeEach
    void setUp() {
        GraphConnection graph = TestGraph.fresh();
        store = graph.store();
        uri = graph.embeddedBoltUri().orElseThrow().toString();
    }

    /** The command against the test JVM's embedded server. */
    private CliRun run(String... args) {
        return CliRun.on(uri, args);
    }

    @Test
    void import_packAndList_labelsOnThreeChainsAndEntitiesForEach() {
        CliRun r = run("labels", "import", "--by", "A. Analyst", KUCOIN.toString(), OFAC_USDT.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        // KuCoin names some addresses once per token with the same label: 12 repeats, one label each.
        assertThat(r.out()).contains("2 file(s): 68 valid label(s), 56 newly attached; skipped, on chains not "
                        + "held: {KCS=6, USDC=4, USDT=7}")
                .contains("  ethereum: 1 entities from 15 labelled address(es)")
                .contains("  tron: 1 entities from 4 labelled address(es)")
                .contains("  bitcoin: 1 entities from 4 labelled address(es)");
        assertThat(store.attributions(Chain.TRON, List.of(SANCTIONED_TRON)).get(SANCTIONED_TRON).isTerminal()).isTrue();
        assertThat(store.labels().history(Chain.TRON, SANCTIONED_TRON).get(0).added().by()).isEqualTo("A. Analyst");
    }

    @Test
    void import_strictCsvWithABadRow_exit1NamesTheRowAndStoresNothing() throws Exception {
        Path csv = Files.writeString(temp.resolve("fiu.csv"), """
                chain,address,label,category,source,confidence
                tron,TEAqwfMhXLaomXhZ8KeMhx3njGmQEDnsUR,Scam wallet,scam,FIU case 17,forensic_investigation
                bitcoin,bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmq,Scam wallet,scam,FIU case 17,forensic_investigation
                """);

        CliRun r = run("labels", "import", "--strict", csv.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("bad row: fiu.csv line 3, field address, value "
                + "'bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmq': not a Bitcoin mainnet address")
                .contains("nothing stored (--strict and 1 bad row(s))");
        assertThat(store.counts()).containsEntry(":HAS_LABEL", 0L).containsEntry("Address", 0L);

        CliRun lenient = run("labels", "import", csv.toString());

        assertThat(lenient.exit()).isZero();
        assertThat(lenient.out()).contains("1 file(s): 1 valid label(s), 1 newly attached; 1 bad row(s) not loaded");
    }

    @Test
    void retract_exchangeLabel_entityGoneAndHistoryShowsBoth() {
        run("labels", "import", "--by", "A. Analyst", KUCOIN.toString());
        String address = store.labels().active(Chain.TRON).get(0).target().address();
        String label = store.labels().active(Chain.TRON).get(0).target().label().label();
        assertThat(store.attributions(Chain.TRON, List.of(address)).get(address).entity()).map(Entity::category)
                .contains("exchange");

        CliRun r = run("labels", "retract", "--chain", "tron", address, "--label", label, "--reason",
                "wallet handed over to a new owner", "--by", "B. Reviewer");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("retracted '" + label + "'");
        var attribution = store.attributions(Chain.TRON, List.of(address)).get(address);
        assertThat(attribution.labels()).isEmpty();
        assertThat(attribution.entity()).isEmpty();
        assertThat(attribution.isTerminal()).isFalse();

        CliRun history = run("labels", "history", "--chain", "tron", address);

        assertThat(history.exit()).isZero();
        assertThat(history.out()).contains(address + ": 2 event(s)").contains("added").contains("A. Analyst")
                .contains("exchange-wallets-kucoin.yaml").contains("retracted").contains("B. Reviewer")
                .contains("wallet handed over to a new owner");
        assertThat(history.out().indexOf("added")).isLessThan(history.out().indexOf("retracted"));

        CliRun again = run("labels", "retract", "--chain", "tron", address, "--label", label, "--reason", "twice");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("carries no active label");
    }

    @Test
    void export_toFile_importsBackIntoAnEmptyStore() throws Exception {
        run("labels", "import", KUCOIN.toString(), OFAC_USDT.toString());
        Path out = temp.resolve("tron.yaml");
        var before = store.labels().active(Chain.TRON).stream().map(a -> a.target()).toList();

        CliRun r = run("labels", "export", "--chain", "tron", "--out", out.toString(), "--creator", "FIU Example");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(out)).startsWith("title: \"Chaintrail labels on tron\"\ncreator: \"FIU Example\"\n");
        store = TestGraph.fresh().store();
        assertThat(run("labels", "import", out.toString()).exit()).isZero();
        assertThat(store.labels().active(Chain.TRON).stream().map(a -> a.target()).toList()).isEqualTo(before);
        // KuCoin's 6 TRX tags and the 11 Tron addresses of OFAC's USDT list.
        assertThat(before).hasSize(6 + 11);
    }

    @Test
    void import_unknownFormat_exit2NamingIt() {
        CliRun r = run("labels", "import", "--format", "xlsx", KUCOIN.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown label format 'xlsx'");
        assertThat(Optional.of(store.counts().get(":HAS_LABEL"))).contains(0L);
    }
}
