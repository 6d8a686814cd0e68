package org.chaintrail.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Bookmark;
import org.neo4j.driver.SessionConfig;

/**
 * The sessions of the process's driver share one bookmark manager, so a read routed to a
 * cluster's secondary waits for the process's own writes; on the real embedded Neo4j (or the
 * external one of {@link TestGraph}), where the bookmarks are the server's real ones.
 */
class CausalDriverTest {
    private static final String ALICE = "0x" + "a".repeat(40);
    private static final String BOB = "0x" + "b".repeat(40);

    @Test
    void session_afterAStoreWrite_startsFromTheWritesBookmark() {
        GraphConnection graph = TestGraph.fresh();
        CausalDriver driver = (CausalDriver) graph.driver();
        Set<Bookmark> before = driver.bookmarks();

        // A batch written by GraphStore in a session of its own: one transfer of 1 ETH, ALICE to BOB.
        graph.store().write(new WriteBatch(List.of(new Block(Chain.ETHEREUM, 7, "0x" + "7".repeat(64), 1_700_000_000L)),
                List.of(Asset.nativeCoin(Chain.ETHEREUM)),
                List.of(new Transfer(Chain.ETHEREUM, "0x" + "1".repeat(64), 7, 0, -1, 1_700_000_000L, ALICE, BOB,
                        Asset.NATIVE, BigInteger.TEN.pow(18))),
                List.of()));
        Set<Bookmark> afterWrite = driver.bookmarks();

        assertThat(afterWrite).isNotEmpty().isNotEqualTo(before);
        try (var session = driver.session()) {
            long transfers = session.executeRead(tx -> tx.run("MATCH (t:Transfer) RETURN count(t) AS n").single()
                    .get("n").asLong());
            assertThat(transfers).isEqualTo(1);
        }
        // A session configured on its own (a named database here) is left to its own bookmarks.
        try (var session = driver.session(SessionConfig.forDatabase("neo4j"))) {
            session.executeWriteWithoutResult(tx -> tx.run("CREATE (:CausalProbe {at: $at})", Map.of("at", 1)).consume());
        }
        assertThat(driver.bookmarks()).isEqualTo(afterWrite);
    }
}
