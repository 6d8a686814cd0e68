package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.ingest.evm.FaultyRpcProxy;
import org.chaintrail.ingest.evm.FaultyRpcProxy.Fault;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.Chain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Bitcoin node ingest behind a {@link FaultyRpcProxy} in front of recorded Bitcoin Core answers
 * (mainnet blocks 50001–50002 with the transactions their inputs spend, shared/data item B7): each
 * kind of network and HTTP fault is retried and the graph ends equal to a clean run's; a JSON-RPC
 * error, which Core means as final, stops the ingest naming the call, with nothing of the block stored.
 */
class BitcoinRpcFaultsTest {
    private static RecordedBitcoinNode node;
    private static String clean;

    @BeforeAll
    static void cleanRun() {
        node = RecordedBitcoinNode.start(ExpectedExport.testCase("stream_50001_50002"));
        GraphStore store = TestGraph.fresh().store();
        ingest(store, new BitcoinCoreClient(node.uri(), Duration.ofSeconds(5), Backoff.DEFAULT, 100)).run();
        clean = TestGraph.digest(TestGraph.shared());
        assertThat(store.checkpoint(Chain.BITCOIN)).hasValueSatisfying(c -> assertThat(c.number()).isEqualTo(50002));
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    private static BitcoinNodeIngest ingest(GraphStore store, BitcoinCoreClient client) {
        return new BitcoinNodeIngest(store, client, new UtxoIngestor(store, Chain.BITCOIN, 20, 1_000),
                new BitcoinNodeIngest.Options(OptionalLong.of(50001), OptionalLong.of(50002), 0, false,
                        Duration.ofMillis(50), 100));
    }

    @Test
    void run_everyRetryableFaultInTurn_retriedAndTheGraphEqualsACleanRun() {
        List<Fault> kinds = List.of(Fault.DROP, Fault.DELAY, Fault.HTTP_429, Fault.HTTP_429_BARE, Fault.HTTP_500,
                Fault.HTTP_502, Fault.HTTP_503, Fault.MALFORMED, Fault.TRUNCATED);
        GraphStore store = TestGraph.fresh().store();

        try (FaultyRpcProxy proxy = FaultyRpcProxy.inFrontOf(node.uri()).keepAlive(false)
                .script(kinds.toArray(Fault[]::new)).delay(Duration.ofSeconds(2)).start()) {
            BitcoinCoreClient client = new BitcoinCoreClient(proxy.uri(), Duration.ofMillis(500),
                    new Backoff(Duration.ofMillis(10), Duration.ofMillis(1_500), kinds.size() + 1, 3), 100);
            ingest(store, client).run();

            assertThat(proxy.injected()).as("each kind once").allSatisfy((fault, count) ->
                    assertThat(count).isEqualTo(kinds.contains(fault) ? 1 : 0));
            assertThat(proxy.pauseAfter(Fault.HTTP_429))
                    .as("the pause after 'Retry-After: 1'").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(TestGraph.digest(TestGraph.shared())).isEqualTo(clean);
    }

    @Test
    void run_nodeAnswersAJsonRpcError_stopsNamingTheCallAndStoresNothing() {
        GraphStore store = TestGraph.fresh().store();

        try (FaultyRpcProxy proxy = FaultyRpcProxy.inFrontOf(node.uri()).onlyFor("getblock")
                .share(Fault.RPC_ERROR, 1.0).start()) {
            BitcoinCoreClient client = new BitcoinCoreClient(proxy.uri(), Duration.ofSeconds(5),
                    new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 8, 3), 100);

            assertThatThrownBy(() -> ingest(store, client).run()).isInstanceOf(IngestException.class)
                    .hasMessage("getblock 000000001c920d495e1eeef2452b6d1c6c229a919b28196c103ecffebabee141 (block 50001): "
                            + "the node at " + proxy.url() + " failed: JSON-RPC error -32000: upstream temporarily unavailable");
            assertThat(proxy.injected(Fault.RPC_ERROR)).isEqualTo(1);
        }
        assertThat(store.checkpoint(Chain.BITCOIN)).isEmpty();
        assertThat(store.counts().values()).as("nodes and relationships stored").containsOnly(0L);
    }
}
