package org.chaintrail.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Neo4jContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same store against a Neo4j 5.26 server in a container: the path of {@code --neo4j-uri}.
 * Skipped where no Docker engine runs (as on CI here); the embedded tests carry CI.
 */
@Testcontainers(disabledWithoutDocker = true)
class ExternalNeo4jTest {
    @Container
    private static final Neo4jContainer<?> NEO4J = new Neo4jContainer<>("neo4j:5.26-community")
            .withAdminPassword("chaintrail-test");

    @Test
    void write_toExternalServer_idempotentAndReadBack() {
        String hash = "0x" + "3".repeat(64);
        String from = "0x" + "1".repeat(40);
        String to = "0x" + "2".repeat(40);
        WriteBatch batch = new WriteBatch(List.of(new Block(Chain.ETHEREUM, 5, "0x" + "b".repeat(64), 1_600_000_000L)),
                List.of(Asset.nativeCoin(Chain.ETHEREUM)),
                List.of(new Transfer(Chain.ETHEREUM, hash, 5, 0, -1, 1_600_000_000L, from, to, Asset.NATIVE,
                        BigInteger.TEN.pow(20))),
                List.of());

        try (GraphConnection graph = GraphConnection.external(URI.create(NEO4J.getBoltUrl()), "neo4j", "chaintrail-test")) {
            graph.store().write(batch);
            var counts = graph.store().counts();
            graph.store().write(batch);

            assertThat(graph.store().counts()).isEqualTo(counts).containsEntry("Transfer", 1L);
            assertThat(graph.store().transfersFrom(Chain.ETHEREUM, Asset.NATIVE, List.of(from)))
                    .extracting(Transfer::amount).containsExactly(BigInteger.TEN.pow(20));
        }
    }
}
