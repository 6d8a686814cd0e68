package org.chaintrail.ingest.labels;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.chaintrail.graph.GraphStore;

/** Label imports as the tests here run them: by {@value #BY}, at a fixed instant, the format guessed. */
final class TestImports {
    static final String BY = "analyst-7";

    private TestImports() {
    }

    static LabelImportResult run(GraphStore store, boolean strict, Instant at, Path... files) {
        return new LabelImporter(store).importFiles(new LabelImportRequest(List.of(files), Optional.empty(), strict,
                BY, Clock.fixed(at, ZoneOffset.UTC)));
    }
}
