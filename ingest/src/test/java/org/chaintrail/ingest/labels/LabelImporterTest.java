package org.chaintrail.ingest.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.SharedData;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.LabelAttachment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real packs from graphsense/graphsense-tagpacks@29ff93c8 packs/ (shared/data MANIFEST item L2),
 * plus tiny inline packs for the edge cases.
 */
class LabelImporterTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final Path PACKS = SharedData.path("labels/graphsense-tagpacks/packs");
    private static final Path BINANCE = PACKS.resolve("exchange-wallets-binance.yaml");
    private static final String BINANCE_SOURCE =
            "https://www.binance.com/en/blog/community/our-commitment-to-transparency-2895840147147652626";
    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30.250Z");

    @TempDir
    Path temp;

    private GraphStore store;

    @BeforeEach
    void setUp() {
        store = TestGraph.fresh().store();
    }

    private LabelImportResult importFiles(boolean strict, Path... files) {
        return TestImports.run(store, strict, NOW, files);
    }

    private List<Label> labelsOf(Chain chain, String address) {
        return store.addressSummary(chain, address).orElseThrow().attribution().labels();
    }

    /**
     * Distinct (address, label) pairs per chain of a pack, counted here from the YAML tree with
     * Jackson, independently of the importer: tags inherit the header's label and currency; BTC,
     * ETH and TRX tags count, EVM addresses in lower case.
     */
    private static Map<Chain, Integer> expectedPerChain(Path pack) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(pack.toFile());
        Map<Chain, Set<String>> pairs = new TreeMap<>();
        for (JsonNode tag : root.get("tags")) {
            String currency = (tag.has("currency") ? tag : root).get("currency").asText();
            String label = (tag.has("label") ? tag : root).get("label").asText();
            String address = tag.get("address").asText();
            Chain chain = switch (currency.toUpperCase(Locale.ROOT)) {
                case "BTC" -> Chain.BITCOIN;
                case "ETH" -> Chain.ETHEREUM;
                case "TRX" -> Chain.TRON;
                default -> null;
            };
            if (chain != null) {
                String key = (chain == Chain.ETHEREUM ? address.toLowerCase(Locale.ROOT) : address) + "|" + label;
                pairs.computeIfAbsent(chain, c -> new HashSet<>()).add(key);
            }
        }
        Map<Chain, Integer> counts = new TreeMap<>();
        pairs.forEach((chain, set) -> counts.put(chain, set.size()));
        return counts;
    }

    private Map<Chain, Integer> activePerChain() {
        Map<Chain, Integer> counts = new TreeMap<>();
        for (Chain chain : Chain.values()) {
            int n = store.labels().active(chain).size();
            if (n > 0) {
                counts.put(chain, n);
            }
        }
        return counts;
    }

    @Test
    void importFiles_binancePack_bitcoinEthereumAndTronTagsLoadWithTheHeaderInherited() throws IOException {
        LabelImportResult result = importFiles(false, BINANCE);

        assertThat(expectedPerChain(BINANCE)).containsExactly(Map.entry(Chain.ETHEREUM, 32), Map.entry(Chain.TRON, 9),
                Map.entry(Chain.BITCOIN, 4));
        assertThat(activePerChain()).isEqualTo(expectedPerChain(BINANCE));
        assertThat(result.labelsRead()).isEqualTo(45);
        assertThat(result.attached()).isEqualTo(45);
        assertThat(result.problems()).isEmpty();
        assertThat(result.chains()).containsExactly(Chain.ETHEREUM, Chain.TRON, Chain.BITCOIN);
        assertThat(result.skippedByCurrency()).containsExactly(Map.entry("BEP2", 25L), Map.entry("BEP20", 16L));
        // Category, actor, confidence and source come from the pack header; the label from the tag.
        assertThat(labelsOf(ETH, "0xbe0eb53f46cd790cd13851d5eff43d12404d33e8")).containsExactly(
                new Label("binance reserve wallets BNB", Optional.of("exchange"), Optional.empty(),
                        Optional.of("binance"), BINANCE_SOURCE, Optional.of("service_data")),
                new Label("binance reserve wallets BUSD", Optional.of("exchange"), Optional.empty(),
                        Optional.of("binance"), BINANCE_SOURCE, Optional.of("service_data")),
                new Label("binance reserve wallets ETH", Optional.of("exchange"), Optional.empty(),
                        Optional.of("binance"), BINANCE_SOURCE, Optional.of("service_data")));
        assertThat(labelsOf(Chain.BITCOIN, "34xp4vRoCGJym3xR7yCVPFHoCNxv4Twseo")).extracting(Label::label)
                .containsExactly("binance reserve wallets BTC");
    }

    @Test
    void importFiles_binancePack_provenanceAndHeaderKept() {
        importFiles(false, BINANCE);

        LabelAttachment a = store.labels().history(Chain.BITCOIN, "34xp4vRoCGJym3xR7yCVPFHoCNxv4Twseo").get(0);
        assertThat(a.added().by()).isEqualTo("analyst-7");
        assertThat(a.added().at()).isEqualTo(NOW);
        assertThat(a.added().file().orElseThrow().name()).isEqualTo("exchange-wallets-binance.yaml");
        assertThat(a.added().file().orElseThrow().format()).isEqualTo("tagpack");
        assertThat(a.added().file().orElseThrow().title()).contains("Binance reserve wallets");
        assertThat(a.added().file().orElseThrow().creator()).contains("GraphSense Core Team");
        assertThat(a.added().file().orElseThrow().lastmod()).contains("2022-11-16");
        assertThat(a.details().clusterDefiner()).contains("true");
        assertThat(a.details().currency()).contains("BTC");
        assertThat(a.isActive()).isTrue();
    }

    @Test
    void importFiles_someRealPacks_countsPerChainAsTheYamlSays() throws IOException {
        for (String name : List.of("ransomwhere.yaml", "usdt_blacklist.yaml", "aft-alqaeda-forfeit_vc.yaml",
                "exchange-wallets-huobi.yaml")) {
            store = TestGraph.fresh().store();
            Path pack = PACKS.resolve(name);

            LabelImportResult result = importFiles(false, pack);

            assertThat(result.problems()).as(name).isEmpty();
            assertThat(activePerChain()).as(name).isEqualTo(expectedPerChain(pack));
        }
        // The last one: Huobi's 16 Tron addresses among its tags.
        assertThat(activePerChain()).containsEntry(Chain.TRON, 16);
    }

    @Test
    void importFiles_all42Packs_loadWithTheirFewBadRowsReported() throws IOException {
        Path[] packs;
        try (Stream<Path> files = Files.list(PACKS)) {
            packs = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toArray(Path[]::new);
        }

        LabelImportResult result = importFiles(false, packs);

        assertThat(packs).hasSize(42);
        assertThat(result.files()).hasSize(42);
        assertThat(result.stored()).isTrue();
        // Three tags of the published packs are wrong at their source, and only those are refused.
        assertThat(result.problems()).extracting(BadRow::describe).containsExactly(
                "ofac.yaml line 1069, field address, value 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq': not a Bitcoin "
                        + "mainnet address: 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq': wrong version 0x41, expected 0x00 "
                        + "(P2PKH) or 0x05 (P2SH)",
                "plustoken.yaml line 11, field address, value '1MFgcyJ7ZNSknbTBRaih6zWDE6V1A64tRYs': not a Bitcoin "
                        + "mainnet address: '1MFgcyJ7ZNSknbTBRaih6zWDE6V1A64tRYs': wrong length: 26 bytes, expected 25",
                "plustoken.yaml line 31, field address, value '14bwh6gmvol5ntwbvxqjkjdtzv4y5ebtvm': not a Bitcoin "
                        + "mainnet address: '14bwh6gmvol5ntwbvxqjkjdtzv4y5ebtvm': 'l' at position 10 is not a Base58 "
                        + "character");
        assertThat(result.labelsRead()).isEqualTo(11_716);
        // 13 tags repeat a label an earlier tag put on the same address.
        assertThat(result.attached()).isEqualTo(11_703);
        assertThat(activePerChain()).containsExactly(Map.entry(Chain.ETHEREUM, 1803), Map.entry(Chain.BSC, 2),
                Map.entry(Chain.TRON, 39), Map.entry(Chain.BITCOIN, 9859));
        assertThat(result.skippedByCurrency()).containsEntry("USDT", 15L).containsEntry("USDC", 4L)
                .containsEntry("LTC", 14L).containsEntry("BEP20", 16L).containsEntry("EOS", 10L).hasSize(77);
    }

    @Test
    void importFiles_samePackTwice_countsUnchanged() {
        importFiles(false, BINANCE);
        Map<String, Long> first = store.counts();

        LabelImportResult again = importFiles(false, BINANCE);

        assertThat(again.attached()).isZero();
        assertThat(again.labelsRead()).isEqualTo(45);
        assertThat(store.counts()).isEqualTo(first);
    }

    @Test
    void importFiles_eip55MixedCaseAddress_storedLowerCase() {
        importFiles(false, BINANCE);

        // The pack writes 0xa344c7aDA83113B3B56941F6e85bf2Eb425949f3.
        assertThat(labelsOf(ETH, "0xa344c7ada83113b3b56941f6e85bf2eb425949f3")).extracting(Label::label)
                .containsExactly("binance reserve wallets BUSD", "binance reserve wallets USDC",
                        "binance reserve wallets USDT");
    }

    @Test
    void importFiles_tagOverridesHeader_tagValueWinsAndTokenRoutedByAddressForm() throws IOException {
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
                  concepts: [hot_wallet]
                - address: 1Archive1n2C579dMsAu3iC6tWzuQJz8dN
                  currency: btc
                - address: TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre
                  currency: USDT
                - address: GnCRxKqUEPouYMvTb5nJMGrDB3VkTXZnDTaDuVZdnWA3
                  currency: USDT
                """);

        LabelImportResult result = importFiles(false, pack);

        assertThat(result.labelsRead()).isEqualTo(4);
        // A Solana USDT address is on no chain the graph holds.
        assertThat(result.skippedByCurrency()).containsExactly(Map.entry("USDT", 1L));
        assertThat(result.problems()).isEmpty();
        assertThat(labelsOf(Chain.BITCOIN, "1Archive1n2C579dMsAu3iC6tWzuQJz8dN")).extracting(Label::label)
                .containsExactly("Harbor Exchange");
        assertThat(labelsOf(ETH, "0x00000000000000000000000000000000000a11ce")).containsExactly(
                new Label("Harbor Exchange", Optional.of("exchange"), Optional.empty(), Optional.of("harbor"),
                        "https://example.org/harbor", Optional.of("forensic")));
        // Overrides category, label and source; still inherits actor and confidence. The unquoted
        // address (a hex integer to YAML 1.1) is read as written.
        assertThat(labelsOf(ETH, "0x0000000000000000000000000000000000000b0b")).containsExactly(
                new Label("Harbor Mixer", Optional.of("mixing_service"), Optional.empty(), Optional.of("harbor"),
                        "https://example.org/mixer", Optional.of("forensic")));
        assertThat(store.labels().history(ETH, "0x0000000000000000000000000000000000000b0b").get(0).details()
                .concepts()).containsExactly("hot_wallet");
        assertThat(labelsOf(Chain.TRON, "TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre")).extracting(Label::label)
                .containsExactly("Harbor Exchange");
    }

    @Test
    void importFiles_unknownCategoryAndBadBech32_reportedWithFileLineValueAndTheRestLoads() throws IOException {
        Path pack = Files.writeString(temp.resolve("bad.yaml"), """
                title: bad pack
                creator: test
                label: Somebody
                currency: BTC
                confidence: forensic
                tags:
                - address: bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw
                - address: bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmq
                - address: 123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX
                  category: exchnage
                - address: 31nadacWrgPeAQxKRMabhn3fPhnhi3hjKa
                  confidence: rumour
                - address: '0x12345'
                  currency: ETH
                """);

        LabelImportResult result = importFiles(false, pack);

        assertThat(result.problems()).extracting(BadRow::describe).containsExactly(
                "bad.yaml line 8, field address, value 'bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmq': not a Bitcoin "
                        + "mainnet address: 'bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmq': bad checksum",
                "bad.yaml line 9, field category, value 'exchnage': unknown concept 'exchnage', not in the "
                        + "GraphSense concept taxonomy",
                "bad.yaml line 11, field confidence, value 'rumour': unknown confidence 'rumour', expected one of "
                        + "override, ownership, ledger_immanent, manual_transaction, service_api, "
                        + "forensic_investigation, authority_data, trusted_provider, service_data, forensic, "
                        + "untrusted_transaction, web_crawl, heuristic, unknown",
                "bad.yaml line 13, field address, value '0x12345': not a valid ethereum address (0x and 40 hex "
                        + "digits): '0x12345'");
        assertThat(result.stored()).isTrue();
        assertThat(result.attached()).isEqualTo(1);
        assertThat(store.labels().active(Chain.BITCOIN)).extracting(a -> a.target().address())
                .containsExactly("bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw");
    }

    @Test
    void importFiles_strictWithOneBadRow_nothingStoredAndWhatWasStoredKept() throws IOException {
        importFiles(false, BINANCE);
        Map<String, Long> before = store.counts();
        Path pack = Files.writeString(temp.resolve("strict.yaml"), """
                title: one bad tag
                creator: test
                label: Somebody
                currency: ETH
                tags:
                - address: '0x00000000000000000000000000000000000a11ce'
                - address: '0xA344c7aDA83113B3B56941F6e85bf2Eb425949f3'
                """);

        LabelImportResult result = importFiles(true, pack, PACKS.resolve("ofac.yaml"));

        assertThat(result.stored()).isFalse();
        assertThat(result.attached()).isZero();
        assertThat(result.problems()).extracting(BadRow::file, BadRow::line, BadRow::field, BadRow::value)
                .containsExactly(tuple("strict.yaml", 7L, "address", "0xA344c7aDA83113B3B56941F6e85bf2Eb425949f3"),
                        tuple("ofac.yaml", 1069L, "address", "TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq"));
        assertThat(store.counts()).isEqualTo(before);
    }

    @Test
    void importFiles_tagWithoutLabelAndHeaderWithout_reportedAsMissing() throws IOException {
        Path pack = Files.writeString(temp.resolve("nolabel.yaml"), """
                title: no label
                currency: ETH
                tags:
                - address: '0x00000000000000000000000000000000000a11ce'
                  label: fine
                - address: '0x0000000000000000000000000000000000000b0b'
                  category: exchange
                """);

        LabelImportResult result = importFiles(false, pack);

        assertThat(result.problems()).extracting(BadRow::describe).containsExactly(
                "nolabel.yaml line 6, field label: missing (neither the tag nor the pack header sets it)");
        assertThat(result.attached()).isEqualTo(1);
    }

    @Test
    void importFiles_malformedYaml_oneBadRowForTheFileAndOtherFilesLoad() throws IOException {
        Path broken = Files.writeString(temp.resolve("broken.yaml"), "title: [unclosed\ntags:\n");

        LabelImportResult result = importFiles(false, broken, BINANCE);

        assertThat(result.problems()).hasSize(1);
        assertThat(result.problems().get(0).file()).isEqualTo("broken.yaml");
        assertThat(result.problems().get(0).problem()).contains("malformed YAML");
        assertThat(result.attached()).isEqualTo(45);
    }
}
