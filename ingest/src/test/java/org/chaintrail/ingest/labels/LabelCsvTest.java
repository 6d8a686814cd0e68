package org.chaintrail.ingest.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV labels; the addresses are real ones from the OFAC lists and GraphSense packs (MANIFEST L1, L2). */
class LabelCsvTest {
    @TempDir
    Path temp;

    private GraphStore store;

    @BeforeEach
    void setUp() {
        store = TestGraph.fresh().store();
    }

    private LabelImportResult importCsv(String text, boolean strict) throws IOException {
        Path csv = Files.writeString(temp.resolve("fiu-labels.csv"), text);
        return TestImports.run(store, strict, Instant.parse("2026-03-02T10:15:30Z"), csv);
    }

    private static final String GOOD = """
            chain,address,label,category,source,confidence
            ethereum,0xa344c7aDA83113B3B56941F6e85bf2Eb425949f3,"Binance, reserve \"\"USDT\"\"\",exchange,https://www.binance.com,service_data
            bitcoin,bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw,"Scam wallet
            (case 2026/17)",scam,FIU case file 2026/17,forensic_investigation
            tron,TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre,Sanctioned,sanction,,
            """;

    @Test
    void importFiles_goodRowsWithQuotesAndLineBreaks_storedAbuseConceptsAsAbuse() throws IOException {
        LabelImportResult result = importCsv(GOOD, false);

        assertThat(result.problems()).isEmpty();
        assertThat(result.attached()).isEqualTo(3);
        assertThat(store.labels().active(Chain.ETHEREUM)).extracting(a -> a.target().label()).containsExactly(
                new Label("Binance, reserve \"USDT\"", Optional.of("exchange"), Optional.empty(), Optional.empty(),
                        "https://www.binance.com", Optional.of("service_data")));
        assertThat(store.labels().active(Chain.BITCOIN)).extracting(a -> a.target().label()).containsExactly(
                new Label("Scam wallet\n(case 2026/17)", Optional.empty(), Optional.of("scam"), Optional.empty(),
                        "FIU case file 2026/17", Optional.of("forensic_investigation")));
        assertThat(store.attributions(Chain.TRON, List.of("TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre"))
                .get("TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre").isTerminal()).isTrue();
        assertThat(store.labels().history(Chain.BITCOIN, "bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw").get(0)
                .added().file().orElseThrow().format()).isEqualTo("csv");
    }

    private static final String MIXED = GOOD + """
            dogecoin,DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L,Doge wallet,exchange,x,
            ethereum,0x175d44451403edf28469dF03A9280c1197ADb92c,Typo,exchange,x,
            bitcoin,123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX,Wallet,exchnage,x,
            bitcoin,31nadacWrgPeAQxKRMabhn3fPhnhi3hjKa,Wallet,exchange,x,sure
            bitcoin,31nadacWrgPeAQxKRMabhn3fPhnhi3hjKa,Wallet,exchange
            """;

    @Test
    void importFiles_badRows_eachReportedAndTheGoodOnesStored() throws IOException {
        LabelImportResult result = importCsv(MIXED, false);

        assertThat(result.problems()).extracting(BadRow::line, BadRow::field, BadRow::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple(6L, "chain", "dogecoin"),
                org.assertj.core.groups.Tuple.tuple(7L, "address", "0x175d44451403edf28469dF03A9280c1197ADb92c"),
                org.assertj.core.groups.Tuple.tuple(8L, "category", "exchnage"),
                org.assertj.core.groups.Tuple.tuple(9L, "confidence", "sure"),
                org.assertj.core.groups.Tuple.tuple(10L, "row",
                        "bitcoin,31nadacWrgPeAQxKRMabhn3fPhnhi3hjKa,Wallet,exchange"));
        assertThat(result.problems().get(1).describe()).startsWith("fiu-labels.csv line 7, field address, value "
                + "'0x175d44451403edf28469dF03A9280c1197ADb92c': not a valid ethereum address: the EIP-55 checksum");
        assertThat(result.attached()).isEqualTo(3);
    }

    @Test
    void importFiles_strictWithBadRows_nothingStored() throws IOException {
        LabelImportResult result = importCsv(MIXED, true);

        assertThat(result.stored()).isFalse();
        assertThat(result.problems()).hasSize(5);
        assertThat(store.counts()).containsEntry("Label", 0L).containsEntry(":HAS_LABEL", 0L)
                .containsEntry("Address", 0L).containsEntry("LabelFile", 0L);
    }

    @Test
    void importFiles_wrongHeader_oneProblemNothingRead() throws IOException {
        LabelImportResult result = importCsv("address,label\n0xa344c7ada83113b3b56941f6e85bf2eb425949f3,x\n", false);

        assertThat(result.problems()).extracting(BadRow::describe).containsExactly(
                "fiu-labels.csv line 1, field header, value 'address,label': expected "
                        + "chain,address,label,category,source,confidence");
        assertThat(result.labelsRead()).isZero();
    }
}
