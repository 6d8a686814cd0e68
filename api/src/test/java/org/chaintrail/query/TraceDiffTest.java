package org.chaintrail.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.analytics.tracing.TraceResult.Cut;
import org.chaintrail.analytics.tracing.TraceResult.Endpoint;
import org.chaintrail.analytics.tracing.TraceResult.EntityRef;
import org.chaintrail.analytics.tracing.TraceResult.Flow;
import org.junit.jupiter.api.Test;

/** Two hand-made results of one trace; addresses and hashes shortened, as the diff does not check them. */
class TraceDiffTest {
    private static final EntityRef KESTREL = new EntityRef("exchange:kestrel", "Kestrel", "exchange");
    private static final TraceResult.Parameters PARAMETERS = new TraceResult.Parameters("ethereum",
            new TraceResult.AssetRef("USDT", "0xdac17f958d2ee523a2206206994597c13d831ec7", 6), List.of("0xseed"),
            "forward", "haircut", 10, null, null, "0", List.of("exchange"));

    private static Flow flow(String tx, long block, String from, String to, String amount, String taint) {
        return new Flow(tx, block, "2024-10-27T00:00:00Z", from, to, "USDT", amount, taint, 1);
    }

    private static Endpoint endpoint(String address, String taint, String via, String... txs) {
        return new Endpoint(address, KESTREL, "exchange", via, "USDT", taint, "0.5", List.of(txs),
                "2024-10-27T00:00:00Z", "2024-10-27T00:00:00Z");
    }

    private static TraceResult result(String seedFlow, List<Endpoint> endpoints, List<Flow> flows) {
        Cut none = new Cut("0", 0);
        return new TraceResult(PARAMETERS, Map.of("ethereum", 9L), new TraceResult.Summary(seedFlow, "0", "0", none,
                none, none, "0", flows.size(), null), endpoints, List.of(), List.of(), flows);
    }

    @Test
    void between_sameResult_nothingDiffers() {
        TraceResult r = result("10", List.of(endpoint("0xd1", "5", "label", "0xa")),
                List.of(flow("0xa", 1, "0xseed", "0xd1", "5", "5")));

        assertThat(TraceDiff.between(r, r).differs()).isFalse();
    }

    @Test
    void between_flowsAddedRemovedAndChanged_eachNamedByTransactionInChainOrder() {
        // One transaction moves the token twice from the seed to the mule: the second is matched second.
        TraceResult was = result("10", List.of(endpoint("0xd1", "5", "deposit-address", "0xa"),
                        endpoint("0xd2", "1", "label", "0xc")),
                List.of(flow("0xa", 1, "0xseed", "0xmule", "3", "3"), flow("0xa", 1, "0xseed", "0xmule", "2", "2"),
                        flow("0xc", 2, "0xmule", "0xd2", "1", "1")));
        TraceResult now = result("12", List.of(endpoint("0xd1", "6", "label", "0xa"),
                        endpoint("0xd3", "2", "label", "0xe")),
                List.of(flow("0xa", 1, "0xseed", "0xmule", "3", "3"), flow("0xa", 1, "0xseed", "0xmule", "2", "1.5"),
                        flow("0xe", 7, "0xmule", "0xd3", "2", "2"), flow("0xb", 5, "0xseed", "0xnew", "1", "1")));

        TraceDiff d = TraceDiff.between(was, now);

        assertThat(d.summary()).containsExactly(new TraceDiff.FieldChange("seedFlow", "10", "12"),
                new TraceDiff.FieldChange("flowCount", "3", "4"));
        assertThat(d.endpointsAdded()).extracting(Endpoint::address).containsExactly("0xd3");
        assertThat(d.endpointsRemoved()).extracting(Endpoint::address).containsExactly("0xd2");
        assertThat(d.endpointsChanged()).singleElement().satisfies(c -> {
            assertThat(c.address()).isEqualTo("0xd1");
            assertThat(c.changes()).containsExactly(new TraceDiff.FieldChange("taintedAmount", "5", "6"),
                    new TraceDiff.FieldChange("via", "deposit-address", "label"));
        });
        assertThat(d.flowsAdded()).extracting(Flow::txHash, Flow::blockNumber)
                .containsExactly(tuple("0xb", 5L), tuple("0xe", 7L));
        assertThat(d.flowsRemoved()).extracting(Flow::txHash).containsExactly("0xc");
        assertThat(d.flowsChanged()).singleElement().satisfies(c -> {
            assertThat(c.txHash()).isEqualTo("0xa");
            assertThat(c.changes()).containsExactly(new TraceDiff.FieldChange("taintedAmount", "2", "1.5"));
        });
        assertThat(d.differs()).isTrue();
    }
}
