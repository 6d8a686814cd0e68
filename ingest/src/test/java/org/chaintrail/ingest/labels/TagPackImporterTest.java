package org.chaintrail.ingest.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.ingest.SharedData;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real packs from graphsense/graphsense-tagpacks@29ff93c8 packs/ (shared/data MANIFEST item L2),
 * plus tiny inline packs for the edge cases.
 */
class TagPackImporterTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final Path BINANCE =
            SharedData.path("labels/graphsense-tagpacks/packs/exchange-wallets-binance.yaml");
    private static final String BINANCE_SOURCE =
            "https://www.binance.com/en/blog/community/our-commitment-to-transparency-2895840147147652626";

    @TempDir
    Path temp;

    private GraphStore store;

    @BeforeEach
    void setUp() {
        store = TestGraph.fresh().store();
    }

    private List<Label> labelsOf(String address) {
        return store.addressSummary(ETH, address).orElseThrow().attribution().labels();
    }

    @Test
    void importFiles_binancePack_ethTagsInheritHeaderAndOtherCurrenciesCounted() {
        TagPackReport report = new TagPackImporter(store).importFiles(List.of(BINANCE));

        assertThat(report.filesRead()).isEqualTo(1);
        assertThat(report.labelsImported()).isEqualTo(32);
        assertThat(report.skippedByCurrency())
                .containsExactly(Map.entry("BEP2", 25L), Map.entry("BEP20", 16L), Map.entry("BTC", 4L),
                        Map.entry("TRX", 9L));
        assertThat(report.skipped()).isEqualTo(54);
        // Category, actor, confidence and source come from the pack header; the label from the tag.
        assertThat(labelsOf("0xbe0eb53f46cd790cd13851d5eff43d12404d33e8")).containsExactly(
                new Label("binance reserve wallets BNB", Optional.of("exchange"), Optional.empty(),
                        Optional.of("binance"), BINANCE_SOURCE, Optional.of("service_data")),
                new Label("binance reserve wallets BUSD", Optional.of("exchange"), Optional.empty(),
                        Optional.of("binance"), BINANCE_SOURCE, Optional.of("service_data")),
                new Label("binance reserve wallets ETH", Optional.of("exchange"), Optional.empty(),
                        Optional.of("binance"), BINANCE_SOURCE, Optional.of("service_data")));
        assertThat(store.counts()).containsEntry("Address", 11L).containsEntry("Label", 5L)
                .containsEntry(":HAS_LABEL", 32L);
    }

    @Test
    void importFiles_eip55MixedCaseAddress_storedLowerCase() {
        new TagPackImporter(store).importFiles(List.of(BINANCE));

        // The pack writes 0xa344c7aDA83113B3B56941F6e85bf2Eb425949f3.
        assertThat(labelsOf("0xa344c7ada83113b3b56941f6e85bf2eb425949f3")).extracting(Label::label)
                .containsExactly("binance reserve wallets BUSD", "binance reserve wallets USDC",
                        "binance reserve wallets USDT");
    }

    @Test
    void importFiles_samePackTwice_countsUnchanged() {
        TagPackImporter importer = new TagPackImporter(store);
        importer.importFiles(List.of(BINANCE));
        Map<String, Long> first = store.counts();

        importer.importFiles(List.of(BINANCE));

        assertThat(store.counts()).isEqualTo(first);
    }

    @Test
    void importFiles_tagOverridesHeaderCategory_tagValueWins() throws IOException {
        Path pack = Files.writeString(temp.resolve("override.yaml"), """
                title: Harbor test pack
                creator: test
                label: Harbor Exchange
                category: exchange
                actor: harbor
                currency: ETH
                confidence: forensic
                source: https://example.org/harbor
                tags:
                - address: '0x00000000000000000000000000000000000A11CE'
                - address: 0x0000000000000000000000000000000000000b0b
                  category: mixing_service
                  label: Harbor Mixer
                  source: https://example.org/mixer
                - address: 1Archive1n2C579dMsAu3iC6tWzuQJz8dN
                  currency: btc
                """);

        TagPackReport report = new TagPackImporter(store).importFiles(List.of(pack));

        assertThat(report.labelsImported()).isEqualTo(2);
        assertThat(report.skippedByCurrency()).containsExactly(Map.entry("BTC", 1L));
        // Inherits everything from the header.
        assertThat(labelsOf("0x00000000000000000000000000000000000a11ce")).containsExactly(
                new Label("Harbor Exchange", Optional.of("exchange"), Optional.empty(), Optional.of("harbor"),
                        "https://example.org/harbor", Optional.of("forensic")));
        // Overrides category, label and source; still inherits actor and confidence. The unquoted
        // address (a hex integer to YAML 1.1) is read as written.
        assertThat(labelsOf("0x0000000000000000000000000000000000000b0b")).containsExactly(
                new Label("Harbor Mixer", Optional.of("mixing_service"), Optional.empty(), Optional.of("harbor"),
                        "https://example.org/mixer", Optional.of("forensic")));
    }

    @Test
    void importFiles_malformedEthAddress_errorNamesTagLineAndFieldAndNothingWritten() throws IOException {
        Path pack = Files.writeString(temp.resolve("bad.yaml"), """
                title: bad pack
                label: Somebody
                currency: ETH
                tags:
                - address: '0x00000000000000000000000000000000000a11ce'
                - address: '0x12345'
                """);

        IngestException e = assertThrows(IngestException.class,
                () -> new TagPackImporter(store).importFiles(List.of(pack)));

        assertThat(e).hasMessage("bad.yaml tags[1] line 6, field address: "
                + "not a valid ethereum address (0x and 40 hex digits): '0x12345'");
        assertThat(store.counts()).containsEntry("Label", 0L).containsEntry("Address", 0L);
    }

    @Test
    void importFiles_tagWithoutLabelAndHeaderWithout_errorNamesLabelField() throws IOException {
        Path pack = Files.writeString(temp.resolve("nolabel.yaml"), """
                title: no label
                currency: ETH
                tags:
                - address: '0x00000000000000000000000000000000000a11ce'
                  label: fine
                - address: '0x0000000000000000000000000000000000000b0b'
                  category: exchange
                """);

        IngestException e = assertThrows(IngestException.class,
                () -> new TagPackImporter(store).importFiles(List.of(pack)));

        assertThat(e).hasMessage("nolabel.yaml tags[1] line 6, field label: "
                + "missing (neither the tag nor the pack header sets it)");
    }
}
