package org.chaintrail.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.etl.EthereumEtlImporter;
import org.chaintrail.ingest.labels.LabelImportRequest;
import org.chaintrail.ingest.labels.LabelImporter;
import org.chaintrail.model.Chain;

/** The demo case loaded into the shared test graph, the way {@code chaintrail demo} loads it. */
public final class DemoGraph {
    private DemoGraph() {
    }

    /** Wipes the test graph, generates the default scenario and imports it. */
    public static Loaded load() {
        try {
            Path dir = Files.createTempDirectory("chaintrail-demo-test");
            var scenario = new ScamCentreScenario(ScamCentreScenario.DEFAULT_SEED).writeTo(dir);
            GraphConnection graph = TestGraph.fresh();
            new EthereumEtlImporter(graph.store(), Chain.ETHEREUM).importDirectory(dir.resolve("ethereum-etl"));
            new LabelImporter(graph.store()).importFiles(LabelImportRequest.of(
                    List.of(dir.resolve("tagpacks/demo-services.yaml")), "test"));
            new EntityResolver(graph.store(), Chain.ETHEREUM).resolve();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p); // the files are in the graph now
                }
            }
            return new Loaded(graph, scenario);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param graph    the connection
     * @param scenario what the generator chose
     */
    public record Loaded(GraphConnection graph, ScamCentreScenario.Generated scenario) {
    }
}
