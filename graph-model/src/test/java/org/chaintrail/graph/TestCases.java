package org.chaintrail.graph;

import java.util.Map;

/**
 * Cases for tests of what hangs off a case (watchlists), until the case store is merged: the bare
 * {@code (:Case {id})} node a watch needs.
 */
public final class TestCases {
    private TestCases() {
    }

    /** Creates {@code (:Case {id})} if it is not there. */
    public static void create(GraphConnection graph, String id) {
        try (var session = graph.driver().session()) {
            session.executeWriteWithoutResult(tx -> tx.run("MERGE (:Case {id: $id})", Map.of("id", id)).consume());
        }
    }
}
