package org.chaintrail.ingest.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.ingest.SharedData;
import org.chaintrail.model.Approval;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Transfer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports real ethereum-etl output: mainnet blocks 17173049–17173050 (2 May 2023), from
 * blockchain-etl/ethereum-etl@9e51c3b8 tests/resources (shared/data MANIFEST items E1 and E2).
 */
class EthereumEtlImporterTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final String RESOURCES = "ethereum/ethereum-etl/tests/resources/";
    /** JSON lines with receipts merged in: blocks, 298 transactions, 291 token transfers, logs. */
    private static final Path STREAM = SharedData.path(RESOURCES + "test_stream/blocks_17173049_17173050");
    /** The same two blocks as exported by export_blocks, CSV and JSON, without receipts. */
    private static final Path WITHDRAWALS =
            SharedData.path(RESOURCES + "test_export_blocks_job/blocks_with_transactions_and_withdrawals");
    private static final String USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7";
    /** keccak256("Approval(address,address,uint256)"), written out here independently of the importer. */
    private static final String APPROVAL_TOPIC = "0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private GraphStore store;

    @BeforeEach
    void setUp() {
        store = TestGraph.fresh().store();
    }

    /** The input rows, read independently of the importer. */
    private static List<JsonNode> jsonLines(Path file) {
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> field(List<JsonNode> rows, String name) {
        Set<String> values = new TreeSet<>();
        rows.forEach(r -> values.add(r.get(name).asText()));
        return values;
    }

    private static List<JsonNode> tokenTransferRows() {
        return jsonLines(STREAM.resolve("expected_token_transfers.json"));
    }

    @Test
    void importDirectory_streamExport_all291TokenTransfersStoredAnd41OfThemUsdt() {
        ImportReport report = new EthereumEtlImporter(store, ETH).importDirectory(STREAM);

        List<JsonNode> input = tokenTransferRows();
        Set<String> senders = field(input, "from_address");
        long stored = 0;
        for (String token : field(input, "token_address")) {
            stored += store.transfersFrom(ETH, token, senders).size();
        }
        List<Transfer> usdt = store.transfersFrom(ETH, USDT, senders);
        assertThat(report.tokenTransfers()).isEqualTo(291);
        assertThat(stored).isEqualTo(291);
        assertThat(usdt).hasSize(41);
        assertThat(usdt.stream().map(Transfer::amount).reduce(BigInteger.ZERO, BigInteger::add))
                .isEqualTo(new BigInteger("1088121577531"));
        assertThat(usdt).filteredOn(t -> t.txHash()
                        .equals("0xd4afff4fe5b2a36d608d49a76878360c49f2fdc07793415b29ab61202d30080e"))
                .singleElement().satisfies(t -> {
                    assertThat(t.logIndex()).isEqualTo(49);
                    assertThat(t.from()).isEqualTo("0xe10510a359ff2334314052196780c5216e2a39f8");
                    assertThat(t.to()).isEqualTo("0x1f87bc6687c52200aad234b7055568e92c943c46");
                    assertThat(t.amount()).isEqualTo(BigInteger.valueOf(30_000_000));
                });
        assertThat(report.filesRead()).isEqualTo(4);
        assertThat(report.blocks()).isEqualTo(2);
        // 76 tokens moved; 16 more only had approvals in these blocks (see the approvals test).
        assertThat(report.tokenAssets()).isEqualTo(76 + 16);
        assertThat(store.counts()).containsEntry("Block", 2L).containsEntry("Transfer", 127L + 291L)
                .containsEntry("Asset", 76L + 16L + 1L);
        assertThat(store.lastBlocks()).containsEntry("ethereum", 17173050L);
    }

    /** The ERC-20 approvals among the logs, by this test's own reading: topic0, three topics, one data word. */
    private static Map<String, JsonNode> erc20ApprovalLogs() {
        Map<String, JsonNode> byId = new TreeMap<>();
        for (JsonNode log : jsonLines(STREAM.resolve("expected_logs.json"))) {
            JsonNode topics = log.get("topics");
            String data = log.get("data").asText();
            if (topics.size() == 3 && topics.get(0).asText().equals(APPROVAL_TOPIC) && data.length() == 2 + 64) {
                byId.put("ethereum:" + log.get("transaction_hash").asText() + ":log" + log.get("log_index").asInt(), log);
            }
        }
        return byId;
    }

    @Test
    void importDirectory_streamExportWithLogs_all84Erc20ApprovalsStoredOnceWithExactValues() {
        Map<String, JsonNode> expected = erc20ApprovalLogs();
        long nftApprovals = jsonLines(STREAM.resolve("expected_logs.json")).stream()
                .filter(l -> l.get("topics").size() == 4 && l.get("topics").get(0).asText().equals(APPROVAL_TOPIC))
                .count();

        ImportReport report = new EthereumEtlImporter(store, ETH).importDirectory(STREAM);
        new EthereumEtlImporter(store, ETH).importDirectory(STREAM);

        assertThat(expected).hasSize(84);
        assertThat(nftApprovals).isEqualTo(2); // ERC-721: a token id, not an amount; not stored
        assertThat(report.approvals()).isEqualTo(84);
        assertThat(store.counts()).containsEntry(":APPROVED", 84L);
        List<Approval> stored = store.approvals(ETH);
        assertThat(stored).extracting(Approval::id).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Approval a : stored) {
            JsonNode log = expected.get(a.id());
            assertThat(a.owner()).isEqualTo("0x" + log.get("topics").get(1).asText().substring(26));
            assertThat(a.spender()).isEqualTo("0x" + log.get("topics").get(2).asText().substring(26));
            assertThat(a.amount()).isEqualTo(new BigInteger(log.get("data").asText().substring(2), 16));
            assertThat(a.token()).isEqualTo(log.get("address").asText());
            assertThat(a.txIndex()).isEqualTo(log.get("transaction_index").asInt());
        }
        // Tx 0xda46ac19…e856, log 32: 2^256 - 1 - 814823371945954 to the Uniswap V2 router, what was left of an
        // unlimited allowance once the router had spent from it. A 78-digit amount, exact.
        assertThat(stored).filteredOn(a -> a.id().equals(
                        "ethereum:0xda46ac19eb2e326349727fc79e339c813e2eda40cbb406cb06ad85a98844e856:log32"))
                .singleElement().satisfies(a -> {
                    assertThat(a.blockNumber()).isEqualTo(17173049L);
                    assertThat(a.txIndex()).isEqualTo(6);
                    assertThat(a.token()).isEqualTo("0xb02edbccae654c8c4665681828731951804771ce");
                    assertThat(a.owner()).isEqualTo("0xf5404d2c3065570d098dbbfff171ca6c93d5a509");
                    assertThat(a.spender()).isEqualTo("0x7a250d5630b4cf539739df2c5dacb4c659f2488d");
                    assertThat(a.amount()).isEqualTo(new BigInteger(
                            "115792089237316195423570985008687907853269984665640564039457583193089757693981"));
                });
        assertThat(stored).filteredOn(a -> a.amount().signum() == 0).hasSize(15); // revocations are kept
    }

    @Test
    void importDirectory_logsAsCsv_sameApprovalsAsTheJsonLines() throws IOException {
        // The same real logs in ethereum-etl's CSV form: topics comma-separated inside one quoted field.
        List<String> csv = new ArrayList<>(List.of("log_index,transaction_hash,transaction_index,block_hash,"
                + "block_number,address,data,topics"));
        for (JsonNode log : jsonLines(STREAM.resolve("expected_logs.json"))) {
            List<String> topics = new ArrayList<>();
            log.get("topics").forEach(t -> topics.add(t.asText()));
            csv.add(String.join(",", log.get("log_index").asText(), log.get("transaction_hash").asText(),
                    log.get("transaction_index").asText(), log.get("block_hash").asText(),
                    log.get("block_number").asText(), log.get("address").asText(), log.get("data").asText(),
                    "\"" + String.join(",", topics) + "\""));
        }
        Path dir = Files.createDirectory(temp.resolve("logs-csv"));
        Files.write(dir.resolve("logs.csv"), csv);

        ImportReport report = new EthereumEtlImporter(store, ETH).importDirectory(dir);

        assertThat(report.filesRead()).isEqualTo(1);
        assertThat(report.tokenTransfers()).isZero(); // transfers come from token_transfers files only
        assertThat(report.approvals()).isEqualTo(84);
        assertThat(store.approvals(ETH)).extracting(Approval::id)
                .containsExactlyInAnyOrderElementsOf(erc20ApprovalLogs().keySet());
    }

    @Test
    void importDirectory_tokenValueAbove2To63_roundTripsExactlyWithItsTransactionIndex() {
        new EthereumEtlImporter(store, ETH).importDirectory(STREAM);

        // Tx 0xcaa1eefe…2f19, log 81: 7786596450288373164569331648084 base units, about 2^102.
        List<Transfer> out = store.transfersFrom(ETH, "0xcd2b042e904a935b2f1f9f3a2a5e73070f24aecc",
                List.of("0x14749d61502be607718448f1d6ee74068d7c9fb2"));

        assertThat(out).filteredOn(t -> t.logIndex() == 81).singleElement().satisfies(t -> {
            assertThat(t.txHash()).isEqualTo("0xcaa1eefe9f8e7ed33dbb8b3f9ed8d338d7d58f564e3dde8b72eda39ae6fe2f19");
            assertThat(t.amount()).isEqualTo(new BigInteger("7786596450288373164569331648084"));
            assertThat(t.amount()).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
            assertThat(t.to()).isEqualTo("0x5f30483631a4233dece123886d3bc4075724fcfd");
            assertThat(t.blockNumber()).isEqualTo(17173049L);
            assertThat(t.txIndex()).isEqualTo(35);
            assertThat(t.timestamp()).isEqualTo(1683029999L);
        });
    }

    @Test
    void importDirectory_streamExport_nativeTransfersAreTheSuccessfulValueTransactions() {
        List<JsonNode> transactions = jsonLines(STREAM.resolve("expected_transactions.json"));
        long expected = transactions.stream()
                .filter(t -> t.get("value").bigIntegerValue().signum() > 0 && t.get("receipt_status").asInt() == 1)
                .count();

        ImportReport report = new EthereumEtlImporter(store, ETH).importDirectory(STREAM);

        List<Transfer> stored = store.transfersFrom(ETH, Asset.NATIVE, field(transactions, "from_address"));
        assertThat(expected).isEqualTo(127);
        assertThat(report.nativeTransfers()).isEqualTo(expected);
        assertThat(stored).hasSize(127).allSatisfy(t -> assertThat(t.logIndex()).isEqualTo(-1));
        assertThat(report.skippedFailedTransactions()).isEqualTo(9);
        assertThat(report.skippedZeroValue()).isEqualTo(162);
        assertThat(report.skippedContractCreations()).isZero();
        // Failed with 0.0444 ETH: the value never moved.
        assertThat(stored).extracting(Transfer::txHash)
                .doesNotContain("0x7831885ee487449f4766db92e66fa47ab8a27af0beaca3103146e68fb7b4c19a");
        assertThat(stored).filteredOn(t -> t.txHash()
                        .equals("0xeb107a40ba73a50c79a9f2026e902d758d1c5e5e211f7a7db1b294f88f118dd0"))
                .singleElement().satisfies(t -> {
                    assertThat(t.amount()).isEqualTo(BigInteger.valueOf(1642894143L));
                    assertThat(t.to()).isEqualTo("0x6b75d8af000000e20b7a7ddf000ba900b4009a80");
                    assertThat(t.txIndex()).isZero();
                });
    }

    @Test
    void importDirectory_sameDirectoryTwice_countsUnchanged() {
        EthereumEtlImporter importer = new EthereumEtlImporter(store, ETH);
        importer.importDirectory(STREAM);
        Map<String, Long> first = store.counts();

        importer.importDirectory(STREAM);

        assertThat(store.counts()).isEqualTo(first);
        assertThat(first).containsEntry("Transfer", 418L).containsEntry(":IN", 418L).containsEntry(":OUT", 418L);
    }

    @Test
    void importDirectory_noTokensFile_usdtGetsBuiltInSymbolAndDecimals() {
        new EthereumEtlImporter(store, ETH).importDirectory(STREAM);

        assertThat(store.assetsBySymbol(ETH, "USDT")).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo(USDT);
            assertThat(a.decimals()).contains(6);
        });
        // WETH is in the transfers but neither in a tokens file nor built in: stored, metadata unknown.
        assertThat(store.assets(ETH, List.of("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2")))
                .extractingByKey("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2")
                .satisfies(a -> {
                    assertThat(a.symbol()).isEmpty();
                    assertThat(a.decimals()).isEmpty();
                });
    }

    @Test
    void importDirectory_tokensFileNamesUsdt_tokensFileWinsOverBuiltIn() throws IOException {
        Files.copy(STREAM.resolve("expected_token_transfers.json"), temp.resolve("token_transfers.json"));
        // A tokens file that names USDT differently from the built-in fallback.
        Files.writeString(temp.resolve("tokens.csv"), """
                address,symbol,name,decimals,total_supply,block_number
                0xdAC17F958D2ee523a2206206994597C13D831ec7,TETHER,Tether USD,6,,
                """);

        ImportReport report = new EthereumEtlImporter(store, ETH).importDirectory(temp);

        assertThat(store.assetsBySymbol(ETH, "USDT")).isEmpty();
        assertThat(store.assetsBySymbol(ETH, "TETHER")).singleElement()
                .satisfies(a -> assertThat(a.key()).isEqualTo(USDT));
        assertThat(report.tokenAssets()).isEqualTo(76);
        assertThat(report.nativeTransfers()).isZero();
        assertThat(store.counts()).containsEntry("Asset", 76L).containsEntry("Transfer", 291L);
    }

    @Test
    void importDirectory_realTokensFileOnly_storesTokenMetadata() throws IOException {
        Files.copy(SharedData.path(RESOURCES + "test_export_tokens_job/token_with_alternative_return_type/expected_tokens.csv"),
                temp.resolve("expected_tokens.csv"));

        ImportReport report = new EthereumEtlImporter(store, ETH).importDirectory(temp);

        assertThat(report.tokenAssets()).isEqualTo(1);
        assertThat(store.assetsBySymbol(ETH, "EOS")).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("0x86fa049857e0209aa7d9e616f7eb3b3b78ecfdb0");
            assertThat(a.decimals()).contains(18);
        });
    }

    @Test
    void importDirectory_csvExportWithQuotedWithdrawals_sameNativeTransfersAsJsonExport() throws IOException {
        Path csv = Files.createDirectory(temp.resolve("csv"));
        Path json = Files.createDirectory(temp.resolve("json"));
        for (String name : List.of("expected_blocks", "expected_transactions")) {
            Files.copy(WITHDRAWALS.resolve(name + ".csv"), csv.resolve(name + ".csv"));
            Files.copy(WITHDRAWALS.resolve(name + ".json"), json.resolve(name + ".json"));
        }
        Set<String> senders = field(jsonLines(json.resolve("expected_transactions.json")), "from_address");

        ImportReport fromCsv = new EthereumEtlImporter(store, ETH).importDirectory(csv);
        List<Transfer> csvTransfers = store.transfersFrom(ETH, Asset.NATIVE, senders);
        Map<String, Long> csvCounts = store.counts();
        store.deleteAllForTests();
        ImportReport fromJson = new EthereumEtlImporter(store, ETH).importDirectory(json);

        // This export has no receipts, so failed transactions cannot be told apart: 135 carry value.
        assertThat(fromCsv.nativeTransfers()).isEqualTo(135).isEqualTo(fromJson.nativeTransfers());
        assertThat(fromCsv.blocks()).isEqualTo(2);
        assertThat(csvTransfers).hasSize(135).isEqualTo(store.transfersFrom(ETH, Asset.NATIVE, senders));
        assertThat(csvCounts).isEqualTo(store.counts()).containsEntry("Block", 2L);
    }

    @Test
    void importDirectory_csvRowWithBadValue_errorNamesFileLineFieldAndNothingWritten() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(WITHDRAWALS.resolve("expected_transactions.csv")));
        String[] cells = lines.get(6).split(",", -1);
        cells[7] = "12x"; // line 7's value: 84800000000000000 wei before
        lines.set(6, String.join(",", cells));
        Files.write(temp.resolve("transactions.csv"), lines);

        IngestException e = assertThrows(IngestException.class,
                () -> new EthereumEtlImporter(store, ETH).importDirectory(temp));

        assertThat(e).hasMessage("transactions.csv line 7, field value: not an integer: '12x'");
        assertThat(store.counts()).containsEntry("Transfer", 0L).containsEntry("Address", 0L)
                .containsEntry("Asset", 0L).containsEntry("Block", 0L);
    }

    @Test
    void importDirectory_badAddressInThirdBatch_earlierBatchesStayThatBatchDoesNot() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(STREAM.resolve("expected_token_transfers.json")));
        lines.set(249, lines.get(249).replace("0x5e1b766ef1786908c1103f0b0f8e8c0eadc10a3c", "0x5e1b766ef17869"));
        Files.write(temp.resolve("expected_token_transfers.json"), lines);

        IngestException e = assertThrows(IngestException.class,
                () -> new EthereumEtlImporter(store, ETH, 100).importDirectory(temp));

        assertThat(e).hasMessage("expected_token_transfers.json line 250, field to_address: "
                + "not a valid ethereum address (0x and 40 hex digits): '0x5e1b766ef17869'");
        // Lines 1..200 made two full batches; lines 201..249 were pending when line 250 failed.
        assertThat(store.counts()).containsEntry("Transfer", 200L);
    }

    @Test
    void importDirectory_tokenTransfersWithoutAnyTimestamp_errorNamesLineAndBlock() throws IOException {
        Files.copy(SharedData.path(RESOURCES + "test_export_token_transfers_job/block_with_transfers/"
                + "expected_token_transfers.csv"), temp.resolve("token_transfers.csv"));

        IngestException e = assertThrows(IngestException.class,
                () -> new EthereumEtlImporter(store, ETH).importDirectory(temp));

        assertThat(e).hasMessage("token_transfers.csv line 2, field block_timestamp: no timestamp for block "
                + "483920: the row has none and no blocks file holds the block");
        assertThat(store.counts()).containsEntry("Transfer", 0L);
    }

    @Test
    void importDirectory_receiptsFileMarksTransactionFailed_neitherNativeNorTokenTransferStored() throws IOException {
        Files.copy(STREAM.resolve("expected_token_transfers.json"), temp.resolve("token_transfers.json"));
        Files.copy(WITHDRAWALS.resolve("expected_transactions.csv"), temp.resolve("transactions.csv"));
        // Tx 0xeb107a40…8dd0 (index 0) sends 1642894143 wei and makes two token transfers;
        // a receipts file saying it failed must drop all of them.
        Files.writeString(temp.resolve("receipts.csv"), """
                transaction_hash,transaction_index,block_number,contract_address,status
                0xeb107a40ba73a50c79a9f2026e902d758d1c5e5e211f7a7db1b294f88f118dd0,0,17173049,,0
                """);
        String failed = "0xeb107a40ba73a50c79a9f2026e902d758d1c5e5e211f7a7db1b294f88f118dd0";
        List<JsonNode> tokenTransfersOfTx = tokenTransferRows().stream()
                .filter(r -> r.get("transaction_hash").asText().equals(failed)).toList();

        ImportReport report = new EthereumEtlImporter(store, ETH).importDirectory(temp);

        assertThat(tokenTransfersOfTx).hasSize(2);
        assertThat(report.skippedFailedTransactions()).isEqualTo(1);
        assertThat(report.skippedFailedTokenTransfers()).isEqualTo(2);
        assertThat(report.nativeTransfers()).isEqualTo(134);
        assertThat(report.tokenTransfers()).isEqualTo(289);
        // The same sender's other transactions still count; only the failed one is gone.
        assertThat(store.transfersFrom(ETH, Asset.NATIVE, List.of("0xae2fc483527b8ef99eb5d9b44875f005ba1fae13")))
                .extracting(Transfer::txHash).hasSize(3).doesNotContain(failed);
        for (JsonNode row : tokenTransfersOfTx) {
            assertThat(store.transfersFrom(ETH, row.get("token_address").asText(),
                    List.of(row.get("from_address").asText()))).extracting(Transfer::txHash).doesNotContain(failed);
        }
    }

    @Test
    void importDirectory_directoryWithoutExportFiles_fails() throws IOException {
        Files.writeString(temp.resolve("notes.txt"), "nothing to import");

        IngestException e = assertThrows(IngestException.class,
                () -> new EthereumEtlImporter(store, ETH).importDirectory(temp));

        assertThat(e.getMessage()).startsWith("no ethereum-etl export files").endsWith(temp.toString());
    }

    @Test
    void constructor_batchSizeZero_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EthereumEtlImporter(store, ETH, 0));

        assertThat(e).hasMessage("batch size must be 1..100000, was 0");
    }
}
