package org.chaintrail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.etl.EthereumEtlImporter;
import org.chaintrail.ingest.etl.ImportReport;
import org.chaintrail.model.Chain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest benchmark's input and baseline: the generated export is the same for the same seed,
 * the real importer stores every transfer it says it wrote, and the naive path stores the very same
 * graph, so the two timings compare like with like.
 */
class SyntheticEtlExportTest {
    private static final SyntheticEtlExport.Config SMALL = new SyntheticEtlExport.Config(3_000, 11L);

    @TempDir
    Path temp;

    @Test
    void write_sameSeedTwice_sameFilesByteForByte() throws IOException {
        SyntheticEtlExport.Written first = new SyntheticEtlExport(SMALL).write(temp.resolve("a"));
        SyntheticEtlExport.Written second = new SyntheticEtlExport(SMALL).write(temp.resolve("b"));

        assertThat(second).isEqualTo(first);
        assertThat(first.transfers()).isEqualTo(3_000);
        List<Path> files = files(temp.resolve("a"));
        assertThat(files).hasSize(3).isEqualTo(files(temp.resolve("b")));
        for (Path file : files) {
            assertThat(temp.resolve("b").resolve(file)).hasSameBinaryContentAs(temp.resolve("a").resolve(file));
        }
    }

    @Test
    void importAndNaiveIngest_sameExport_storeTheSameGraph() {
        Path export = temp.resolve("export");
        SyntheticEtlExport.Written written = new SyntheticEtlExport(SMALL).write(export);
        GraphConnection graph = TestGraph.fresh();

        ImportReport report = new EthereumEtlImporter(graph.store(), Chain.ETHEREUM, 500).importDirectory(export);
        Map<String, Long> imported = graph.store().counts();

        assertThat(report.nativeTransfers()).isEqualTo(written.nativeTransfers());
        assertThat(report.tokenTransfers()).isEqualTo(written.tokenTransfers());
        assertThat(imported).containsEntry("Transfer", 3_000L).containsEntry(":IN", 3_000L)
                .containsEntry(":OUT", 3_000L).containsEntry("Block", written.blocks());

        graph.store().deleteAllForTests();
        NaiveMergeIngest.Result naive = NaiveMergeIngest.run(graph, export, Long.MAX_VALUE);
        assertThat(naive.transfers()).isEqualTo(3_000);
        assertThat(naive.blocks()).isEqualTo(written.blocks());
        // The importer writes the token's metadata as an Asset node; the naive path writes transfers and blocks only.
        assertThat(graph.store().counts()).isEqualTo(withoutAssets(imported));

        // The importer, run over the naive path's graph, finds every transfer stored already.
        new EthereumEtlImporter(graph.store(), Chain.ETHEREUM, 500).importDirectory(export);
        assertThat(graph.store().counts()).isEqualTo(imported);
    }

    private static Map<String, Long> withoutAssets(Map<String, Long> counts) {
        var copy = new TreeMap<>(counts);
        copy.put("Asset", 0L);
        return copy;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
