package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bitcoin-etl reader on bitcoin-etl's own output for mainnet blocks 0 and 50001–50002 (shared/data
 * MANIFEST item B7: {@code expected_*.json} is what {@code bitcoinetl} writes, so valid export input),
 * checked field by field and against the same blocks fetched from the recorded Core node; and on
 * damaged copies of it.
 */
class BitcoinEtlReaderTest {
    /** Block 50000's hash: the parent of the exports' first block, which bitcoin-etl does not write. */
    private static final String HASH_50000 = "000000001aeae195809d120b5d66a39c83eb48792e068f8ea1fea19d84a4278a";
    private static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 8, 3);

    @TempDir
    Path temp;

    private static List<UtxoBlock> readAll(BitcoinEtlReader reader) {
        try (reader) {
            List<UtxoBlock> blocks = new ArrayList<>();
            for (Optional<UtxoBlock> b = reader.next(); b.isPresent(); b = reader.next()) {
                blocks.add(b.get());
            }
            return blocks;
        }
    }

    private static List<UtxoBlock> readExpected(String testCase, Optional<String> parentOfFirst) {
        Path dir = ExpectedExport.testCase(testCase);
        return readAll(BitcoinEtlReader.open(dir.resolve("expected_blocks.json"),
                dir.resolve("expected_transactions.json"), parentOfFirst));
    }

    private static List<UtxoBlock> fromNode(String testCase, boolean resolve) {
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(ExpectedExport.testCase(testCase))) {
            BitcoinCoreClient client = new BitcoinCoreClient(node.uri(), Duration.ofSeconds(5), FAST, 100);
            List<UtxoBlock> blocks = List.of(client.block(50001), client.block(50002));
            return resolve ? BitcoinCoreClientTest.resolved(client, blocks) : blocks;
        }
    }

    @Test
    void next_enrichedStreamExport_matchesFieldByFieldAndEqualsNodeBlocks() {
        List<UtxoBlock> blocks = readExpected("stream_50001_50002", Optional.of(HASH_50000));

        Path dir = ExpectedExport.testCase("stream_50001_50002");
        ExpectedExport.assertBlocksMatch(blocks, dir.resolve("expected_blocks.json"));
        ExpectedExport.assertTransactionsMatch(blocks, dir.resolve("expected_transactions.json"));
        // Enriched inputs (P2PK coinbases) arrive resolved: the same blocks as node + getrawtransaction.
        assertThat(blocks.get(0).transactions().get(1).fee()).hasValue(0);
        assertThat(blocks).isEqualTo(fromNode("stream_50001_50002", true));
        assertThat(blocks.get(0).parentHash()).isEqualTo(HASH_50000);
        assertThat(blocks.get(1).parentHash()).isEqualTo(blocks.get(0).block().hash());
    }

    @Test
    void next_plainExport_inputsLeftForIngestorAndEqualNodeBlocks() {
        List<UtxoBlock> blocks = readExpected("block_with_transactions", Optional.of(HASH_50000));

        Path dir = ExpectedExport.testCase("block_with_transactions");
        ExpectedExport.assertBlocksMatch(blocks, dir.resolve("expected_blocks.json"));
        ExpectedExport.assertTransactionsMatch(blocks, dir.resolve("expected_transactions.json"));
        assertThat(blocks.get(0).transactions().get(1).inputs()).extracting(UtxoInput::prevout)
                .containsExactly(Optional.empty(), Optional.empty());
        assertThat(blocks).isEqualTo(fromNode("block_with_transactions", false));
    }

    @Test
    void next_exportFromGenesis_needsNoParent() {
        List<UtxoBlock> blocks = readExpected("block_0", Optional.empty());

        Path dir = ExpectedExport.testCase("block_0");
        ExpectedExport.assertBlocksMatch(blocks, dir.resolve("expected_blocks.json"));
        ExpectedExport.assertTransactionsMatch(blocks, dir.resolve("expected_transactions.json"));
        assertThat(blocks.get(0).parentHash()).isEqualTo("0".repeat(64));
    }

    @Test
    void next_exportFromMidChainWithoutParent_failsNamingBlock() {
        IngestException e = assertThrows(IngestException.class,
                () -> readExpected("block_with_transactions", Optional.empty()));

        assertThat(e.getMessage()).isEqualTo("expected_blocks.json line 1, field number: the export starts at block"
                + " 50001 and bitcoin-etl writes no parent hash: give the hash of block 50000");
    }

    /** The stream export copied as {@code blocks.json} and {@code transactions.json}, one line changed. */
    private Path export(String file, int line, UnaryOperator<String> change) throws IOException {
        Path dir = ExpectedExport.testCase("stream_50001_50002");
        Files.copy(dir.resolve("expected_blocks.json"), temp.resolve("blocks.json"));
        Files.copy(dir.resolve("expected_transactions.json"), temp.resolve("transactions.json"));
        List<String> lines = new ArrayList<>(Files.readAllLines(temp.resolve(file)));
        String changed = change.apply(lines.get(line - 1));
        if (changed == null) {
            lines.remove(line - 1);
        } else {
            assertThat(changed).as("the test's change applies").isNotEqualTo(lines.get(line - 1));
            lines.set(line - 1, changed);
        }
        Files.write(temp.resolve(file), lines);
        return temp;
    }

    private static String failure(Path dir) {
        return assertThrows(IngestException.class,
                () -> readAll(BitcoinEtlReader.open(dir, Optional.of(HASH_50000)))).getMessage();
    }

    @Test
    void open_directory_readsBlocksAndTransactionsJson() throws IOException {
        Path dir = export("blocks.json", 1, line -> line.replace("\"item_id\"", "\"ignored\""));

        assertThat(readAll(BitcoinEtlReader.open(dir, Optional.of(HASH_50000))))
                .isEqualTo(readExpected("stream_50001_50002", Optional.of(HASH_50000)));
    }

    @Test
    void next_malformedJson_failsNamingFileAndLine() throws IOException {
        Path dir = export("transactions.json", 2, line -> line.substring(0, 40));

        assertThat(failure(dir)).startsWith("transactions.json line 2: malformed JSON");
    }

    @Test
    void next_fractionalValue_failsNamingFileLineAndField() throws IOException {
        Path dir = export("transactions.json", 3, line -> line.replace("\"value\": 5000000000}], \"input_count\"", "\"value\": 50.5}], \"input_count\""));

        assertThat(failure(dir)).isEqualTo("transactions.json line 3, field outputs[0].value: not an integer: 50.5");
    }

    @Test
    void next_missingField_failsNamingFileLineAndField() throws IOException {
        Path dir = export("transactions.json", 1, line -> line.replace("\"size\": 135, ", ""));

        assertThat(failure(dir)).isEqualTo("transactions.json line 1, field size: missing");
    }

    @Test
    void next_fieldOfWrongKind_failsNamingFileLineAndField() throws IOException {
        Path dir = export("transactions.json", 2, line -> line.replace("\"is_coinbase\": false", "\"is_coinbase\": \"no\""));

        assertThat(failure(dir)).isEqualTo("transactions.json line 2, field is_coinbase: must be true or false, was \"no\"");
    }

    @Test
    void next_outputTypeDisagreesWithScript_failsNamingField() throws IOException {
        Path dir = export("transactions.json", 1, line -> line.replace("\"type\": \"pubkey\"", "\"type\": \"pubkeyhash\""));

        assertThat(failure(dir)).isEqualTo("transactions.json line 1, field outputs[0].type: is pubkeyhash but"
                + " script_hex decodes as pubkey");
    }

    @Test
    void next_inputAddressNotAnAddress_failsNamingField() throws IOException {
        Path dir = export("transactions.json", 2, line -> line.replace("1DoQeKfU3dYhN9bxMpFFcVUnufCPDqSPae",
                "1DoQeKfU3dYhN9bxMpFFcVUnufCPDqSPaX"));

        assertThat(failure(dir)).startsWith("transactions.json line 2, field inputs[0].addresses: not a Bitcoin"
                + " mainnet address: '1DoQeKfU3dYhN9bxMpFFcVUnufCPDqSPaX'");
    }

    @Test
    void next_transactionMissing_failsNamingBlockCount() throws IOException {
        Path dir = export("transactions.json", 3, line -> null);

        assertThat(failure(dir)).isEqualTo("blocks.json line 1, field transaction_count: 3, but transactions.json"
                + " has 2 transactions of block 50001");
    }

    @Test
    void next_blocksNotConsecutive_failsNamingLine() throws IOException {
        Path dir = export("blocks.json", 2, line -> line.replace("\"number\": 50002", "\"number\": 50003"));

        assertThat(failure(dir)).isEqualTo("blocks.json line 2, field number: block 50003 follows block 50001;"
                + " blocks must be consecutive and in ascending order");
    }

    @Test
    void open_missingDirectory_failsNamingIt() {
        Path missing = temp.resolve("no-export");

        IngestException e = assertThrows(IngestException.class, () -> BitcoinEtlReader.open(missing, Optional.empty()));

        assertThat(e.getMessage()).startsWith("cannot open the bitcoin-etl export: ").contains("blocks.json");
    }

    @Test
    void describe_namesBothFiles() {
        Path dir = ExpectedExport.testCase("block_0");
        try (BitcoinEtlReader reader = BitcoinEtlReader.open(dir.resolve("expected_blocks.json"),
                dir.resolve("expected_transactions.json"), Optional.empty())) {
            assertThat(reader.describe()).isEqualTo("bitcoin-etl export " + dir.resolve("expected_blocks.json")
                    + " and " + dir.resolve("expected_transactions.json"));
        }
    }
}
