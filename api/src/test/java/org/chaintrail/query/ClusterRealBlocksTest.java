package org.chaintrail.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.chaintrail.analytics.clustering.ClusterReport;
import org.chaintrail.analytics.clustering.UtxoClustering;
import org.chaintrail.graph.ClusterStore;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.bitcoin.BitcoinEtlReader;
import org.chaintrail.ingest.bitcoin.BlkChainReader;
import org.chaintrail.ingest.bitcoin.UtxoIngestor;
import org.chaintrail.model.Chain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Common-input clustering of real mainnet blocks (shared/data B1 and B7), ingested and clustered
 * by Chaintrail, against a common-input computation the test makes itself from the raw data:
 * bitcoinj reads the blk file, Jackson reads bitcoin-etl's export of what a real node answered, and
 * a plain map-based union of every transaction's input addresses gives the expected clusters.
 */
class ClusterRealBlocksTest {
    private static final Path DATA = Path.of(System.getProperty("chaintrail.sharedData", "../shared/data"));
    private static final String HASH_50000 = "000000001aeae195809d120b5d66a39c83eb48792e068f8ea1fea19d84a4278a";

    @TempDir
    Path temp;

    @Test
    void cluster_blocks0To438_sameClustersAsAnIndependentCommonInputUnion() throws IOException {
        GraphStore store = TestGraph.fresh().store();
        Path blocks = Files.createDirectories(temp.resolve("blocks"));
        Files.copy(DATA.resolve("bitcoin/bitcoinj/first-100k-blocks.dat"), blocks.resolve("blk00000.dat"));
        try (BlkChainReader source = BlkChainReader.fromGenesis(blocks)) {
            new UtxoIngestor(store, Chain.BITCOIN).run(source, OptionalLong.of(438));
        }

        ClusterReport report = new UtxoClustering(store, Chain.BITCOIN, Set.of()).run(false);

        Union expected = fromBlkFile(blocks.resolve("blk00000.dat"));
        assertThat(report.transactions()).isEqualTo(446);
        assertThat(expected.spends).isEqualTo(7);
        // Every spend in these blocks has one input: nothing may be joined.
        assertThat(expected.clusters()).isEmpty();
        assertThat(clusters(store, expected.addresses)).isEqualTo(expected.clusters());
    }

    @Test
    void cluster_blocks50001To50002FromANodeExport_sameClustersAsAnIndependentCommonInputUnion() throws IOException {
        GraphStore store = TestGraph.fresh().store();
        Path export = DATA.resolve("bitcoin/bitcoin-etl/tests/resources/test_export_blocks_job/bitcoin/stream_50001_50002");
        Files.copy(export.resolve("expected_blocks.json"), temp.resolve("blocks.json"));
        Files.copy(export.resolve("expected_transactions.json"), temp.resolve("transactions.json"));
        try (BitcoinEtlReader source = BitcoinEtlReader.open(temp, Optional.of(HASH_50000))) {
            new UtxoIngestor(store, Chain.BITCOIN).run(source, OptionalLong.empty());
        }

        new UtxoClustering(store, Chain.BITCOIN, Set.of()).run(false);

        Union expected = fromEtlExport(export.resolve("expected_transactions.json"));
        assertThat(expected.clusters()).as("block 50001 has a transaction with two inputs").hasSize(1);
        assertThat(clusters(store, expected.addresses)).isEqualTo(expected.clusters());
    }

    /** Chaintrail's clusters among these addresses, as sets of addresses. */
    private static Set<Set<String>> clusters(GraphStore store, Set<String> addresses) {
        Map<String, Set<String>> byEntity = new HashMap<>();
        store.memberships(Chain.BITCOIN, addresses).forEach((address, ms) -> ms.stream()
                .filter(m -> m.via().equals(ClusterStore.VIA))
                .forEach(m -> byEntity.computeIfAbsent(m.entityId(), k -> new TreeSet<>()).add(address)));
        return new HashSet<>(byEntity.values());
    }

    /** bitcoinj's reading of the blk file: outputs remembered by outpoint, inputs named by what they spend. */
    private static Union fromBlkFile(Path file) throws IOException {
        Union union = new Union();
        Map<String, String> outputs = new HashMap<>();
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.remaining() >= 8) {
            buffer.getInt(); // magic
            byte[] raw = new byte[buffer.getInt()];
            buffer.get(raw);
            Block block = Block.read(ByteBuffer.wrap(raw));
            for (Transaction tx : block.getTransactions()) {
                List<String> inputs = new ArrayList<>();
                if (!tx.isCoinBase()) {
                    for (TransactionInput in : tx.getInputs()) {
                        inputs.add(outputs.get(in.getOutpoint().toString()));
                    }
                }
                union.transaction(inputs);
                for (TransactionOutput out : tx.getOutputs()) {
                    String address = out.getScriptPubKey().getToAddress(BitcoinNetwork.MAINNET, true).toString();
                    outputs.put(tx.getTxId() + ":" + out.getIndex(), address);
                    union.addresses.add(address);
                }
            }
        }
        return union;
    }

    /** bitcoin-etl's export of a real node's answers: each input carries the address it spends from. */
    private static Union fromEtlExport(Path transactions) throws IOException {
        Union union = new Union();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(transactions)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode tx = json.readTree(line);
            List<String> inputs = new ArrayList<>();
            tx.get("inputs").forEach(in -> inputs.add(in.get("addresses").get(0).asText()));
            union.transaction(inputs);
            tx.get("outputs").forEach(out -> union.addresses.add(out.get("addresses").get(0).asText()));
            union.addresses.addAll(inputs);
        }
        return union;
    }

    /** The plainest common-input union: a map from address to a shared set. */
    private static final class Union {
        private final Map<String, Set<String>> setOf = new HashMap<>();
        private final Set<String> addresses = new HashSet<>();
        private int spends;

        void transaction(List<String> inputs) {
            if (inputs.isEmpty()) {
                return;
            }
            spends++;
            Set<String> merged = new TreeSet<>();
            for (String address : inputs) {
                merged.addAll(setOf.getOrDefault(address, Set.of(address)));
            }
            merged.forEach(a -> setOf.put(a, merged));
        }

        Set<Set<String>> clusters() {
            Set<Set<String>> result = new HashSet<>();
            setOf.values().stream().filter(s -> s.size() > 1).forEach(result::add);
            return result;
        }
    }
}
