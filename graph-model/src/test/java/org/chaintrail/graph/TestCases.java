package org.chaintrail.graph;

import java.time.Instant;
import java.util.Optional;
import org.chaintrail.model.Authored;

/** Cases for tests of what hangs off a case (watchlists), opened through the real case store. */
public final class TestCases {
    private TestCases() {
    }

    /**
     * Opens a case as the demo's local caller.
     *
     * @return its id ({@code case-1} for the first case of a fresh graph)
     */
    public static String open(GraphConnection graph, String title) {
        return graph.store().cases().create(title, Optional.empty(), new Authored("local", Instant.parse(
                "2024-09-30T08:00:00Z"))).id();
    }
}
