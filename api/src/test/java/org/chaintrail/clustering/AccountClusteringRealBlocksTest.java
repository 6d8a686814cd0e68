package org.chaintrail.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.chaintrail.analytics.entities.AccountHeuristic;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.etl.EthereumEtlImporter;
import org.chaintrail.model.Approval;
import org.chaintrail.model.Chain;
import org.junit.jupiter.api.Test;

/**
 * The account heuristics on real mainnet blocks 17173049–17173050 (shared/data E2, ethereum-etl's
 * export with logs): 84 ERC-20 approvals, every one to a contract (the Uniswap V2 router, Permit2,
 * 1inch, ...). A contract never pays a transaction, so self-authorisation must join no owner with
 * any of them; the test checks that against its own reading of the transactions file.
 */
class AccountClusteringRealBlocksTest {
    private static final Path STREAM = Path.of(System.getProperty("chaintrail.sharedData", "../shared/data"))
            .resolve("ethereum/ethereum-etl/tests/resources/test_stream/blocks_17173049_17173050");
    private static final String UNISWAP_V2_ROUTER = "0x7a250d5630b4cf539739df2c5dacb4c659f2488d";

    @Test
    void resolve_realBlocksWithApprovalsToContractsOnly_nobodyJoined() throws IOException {
        GraphStore store = TestGraph.fresh().store();
        new EthereumEtlImporter(store, Chain.ETHEREUM).importDirectory(STREAM);
        // Independently: who paid a transaction's value in these blocks (only an EOA can).
        ObjectMapper json = new ObjectMapper();
        Set<String> payers = new HashSet<>();
        for (String line : Files.readAllLines(STREAM.resolve("expected_transactions.json"))) {
            JsonNode tx = json.readTree(line);
            if (new BigInteger(tx.get("value").asText()).signum() > 0 && tx.get("receipt_status").asInt() == 1) {
                payers.add(tx.get("from_address").asText());
            }
        }
        List<Approval> granted = store.approvals(Chain.ETHEREUM).stream().filter(a -> a.amount().signum() > 0).toList();
        Set<String> spenders = granted.stream().map(Approval::spender).collect(Collectors.toCollection(TreeSet::new));

        EntityResolver.Report report = new EntityResolver(store, Chain.ETHEREUM,
                Set.of(AccountHeuristic.AIRDROP, AccountHeuristic.SELF_AUTHORISATION)).resolve();

        assertThat(granted).hasSize(84 - 15); // the 15 revocations aside
        assertThat(spenders).hasSize(22).doesNotContainAnyElementsOf(payers);
        assertThat(granted.stream().filter(a -> a.spender().equals(UNISWAP_V2_ROUTER)).map(Approval::owner).distinct())
                .hasSize(23);
        assertThat(report.links()).containsExactly(Map.entry("airdrop", 0L), Map.entry("self-authorisation", 0L));
        assertThat(report.clusters()).isZero();
        assertThat(store.counts()).containsEntry("Entity", 0L).containsEntry(":MEMBER_OF", 0L)
                .containsEntry(":APPROVED", 84L);
    }
}
