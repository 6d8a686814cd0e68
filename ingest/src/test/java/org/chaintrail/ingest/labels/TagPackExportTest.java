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
import org.chaintrail.ingest.SharedData;
import org.chaintrail.model.Chain;
import org.chaintrail.model.LabelAttachment;
import org.chaintrail.model.Retraction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TagPack export of real packs and lists (MANIFEST L1, L2), imported back into an empty store. */
class TagPackExportTest {
    private static final Path PACKS = SharedData.path("labels/graphsense-tagpacks/packs");
    private static final TagPackExport EXPORT = new TagPackExport("FIU Example: shared labels", "FIU Example",
            "Attributions shared with a partner agency.\nLine two: \"quoted\".");

    @TempDir
    Path temp;

    private GraphStore store;

    @BeforeEach
    void setUp() {
        store = TestGraph.fresh().store();
    }

    private LabelImportResult importFiles(Instant at, Path... files) {
        return TestImports.run(store, false, at, files);
    }

    /**
     * What a label is, without who added it when: what must survive the trip. A tag without a
     * lastmod of its own is exported with the day it was attached here.
     */
    private static List<String> labels(List<LabelAttachment> attachments) {
        return attachments.stream().map(a -> a.target().address() + " " + a.target().label() + " "
                + a.details().context() + a.details().txHash() + a.details().lastmod().orElse("2026-03-02")
                + a.details().clusterDefiner() + a.details().concepts()).toList();
    }

    @Test
    void export_thenImportIntoAnEmptyStore_sameLabelsOnEveryChain() throws IOException {
        importFiles(Instant.parse("2026-03-02T10:15:30Z"), PACKS.resolve("exchange-wallets-huobi.yaml"),
                PACKS.resolve("usdt_blacklist.yaml"), PACKS.resolve("hacks.yaml"), PACKS.resolve("tornado_cash.yaml"),
                SharedData.path("labels/ofac/sanctioned_addresses_USDT.txt"));
        var before = new java.util.EnumMap<Chain, List<String>>(Chain.class);
        for (Chain chain : List.of(Chain.ETHEREUM, Chain.TRON, Chain.BITCOIN)) {
            before.put(chain, labels(store.labels().active(chain)));
            Files.writeString(temp.resolve(chain.id() + ".yaml"), EXPORT.write(store, chain));
        }
        assertThat(before.get(Chain.ETHEREUM)).hasSizeGreaterThan(800);
        assertThat(before.get(Chain.TRON)).hasSize(16 + 11);

        store = TestGraph.fresh().store();
        LabelImportResult again = importFiles(Instant.parse("2026-04-01T00:00:00Z"), temp.resolve("ethereum.yaml"),
                temp.resolve("tron.yaml"), temp.resolve("bitcoin.yaml"));

        assertThat(again.problems()).isEmpty();
        assertThat(again.skippedByCurrency()).isEmpty();
        for (Chain chain : before.keySet()) {
            assertThat(labels(store.labels().active(chain))).as(chain.id()).isEqualTo(before.get(chain));
        }
    }

    @Test
    void export_sameLabelsTwice_sameBytesAndRetractedLeftOut() {
        importFiles(Instant.parse("2026-03-02T10:15:30Z"), PACKS.resolve("exchange-wallets-kucoin.yaml"));
        String first = EXPORT.write(store, Chain.TRON);
        importFiles(Instant.parse("2026-03-03T08:00:00Z"), PACKS.resolve("exchange-wallets-kucoin.yaml"));

        assertThat(EXPORT.write(store, Chain.TRON)).isEqualTo(first);
        assertThat(first).startsWith("""
                title: "FIU Example: shared labels"
                creator: "FIU Example"
                description: "Attributions shared with a partner agency.\\nLine two: \\"quoted\\"."
                lastmod: 2026-03-02
                is_public: false
                tags:
                - address: \"""");
        String address = store.labels().active(Chain.TRON).get(0).target().address();
        String label = store.labels().active(Chain.TRON).get(0).target().label().label();
        store.labels().retract(Chain.TRON, address, label, Optional.empty(),
                new Retraction("analyst-9", Instant.parse("2026-03-04T00:00:00Z"), "test"));

        String after = EXPORT.write(store, Chain.TRON);
        assertThat(first).contains("- address: \"" + address + "\"");
        assertThat(after).doesNotContain("\"" + address + "\"");
        assertThat(after.split("\n- address: ", -1)).hasSize(first.split("\n- address: ", -1).length - 1);
    }
}
