package org.chaintrail.ingest.evm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.chaintrail.ingest.rpc.Backoff;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Internal transfers from real mainnet call traces, in both node formats, served by a local HTTP
 * server from ethereum-etl's recordings and read through {@link NodeClient}; the expectation is
 * derived from ethereum-etl's own trace export of the same blocks.
 */
class CallTracesTest {
    private static final Path RESOURCES = Path.of(System.getProperty("chaintrail.sharedData", "../../shared/data"))
            .resolve("ethereum/ethereum-etl/tests/resources");

    @ParameterizedTest
    @CsvSource({"block_with_subtraces, 1000000", "block_with_create, 1000690", "block_with_error, 1000895",
            "block_with_suicide, 1011973"})
    void bothTraceFormatsGiveTheInternalTransfersEthereumEtlFound(String dir, long block) throws IOException {
        List<Map<String, String>> rows = csv(RESOURCES.resolve("test_export_traces_job").resolve(dir)
                .resolve("expected_traces.csv"));
        List<Map<String, String>> gethRows = csv(RESOURCES.resolve("test_extract_geth_traces_job").resolve(dir)
                .resolve("expected_traces.csv"));
        try (RecordedRpcNode recorded = RecordedRpcNode.start(RESOURCES.resolve("test_export_traces_job").resolve(dir),
                RESOURCES.resolve("test_extract_geth_traces_job").resolve(dir));
             NodeClient node = new NodeClient(recorded.uri(), Duration.ofSeconds(5), Backoff.DEFAULT, 2)) {
            String hex = "0x" + Long.toHexString(block);
            var parity = CallTraces.fromParity(block, node.call("traces", "trace_block", List.of(hex)));
            var geth = CallTraces.fromCallTracer(block, node.call("call traces", "debug_traceBlockByNumber",
                    List.of(hex, Map.of("tracer", "callTracer"))), transactionHashes(rows));

            // Each format against ethereum-etl's reading of that same format: the old geth callTracer
            // recorded here gives a SELFDESTRUCT no addresses or value, and ethereum-etl finds none either.
            assertThat(flatten(parity, true)).isEqualTo(expectedInternalTransfers(rows, true));
            assertThat(flatten(geth, false)).isEqualTo(expectedInternalTransfers(gethRows, false));
        }
    }

    /**
     * ethereum-etl's rows that moved value inside a transaction: not the top-level call, status 1,
     * value above zero, and a kind that pays someone else (a plain call, a create, a self-destruct).
     */
    private static List<String> expectedInternalTransfers(List<Map<String, String>> rows, boolean withHash) {
        List<String> moves = new ArrayList<>();
        for (Map<String, String> row : rows) {
            boolean inner = !row.get("trace_address").isEmpty();
            boolean paysOther = switch (row.get("trace_type")) {
                case "call" -> row.get("call_type").equals("call");
                case "create", "suicide" -> true;
                default -> false;
            };
            // ethereum-etl's geth extraction leaves status empty: there, no error means success.
            boolean succeeded = row.get("status").equals("1") || row.get("status").isEmpty() && row.get("error").isEmpty();
            String value = row.get("value");
            if (inner && paysOther && succeeded && !value.isEmpty() && new BigInteger(value).signum() > 0) {
                moves.add((withHash ? row.get("transaction_hash") + " " : "") + row.get("from_address") + "→"
                        + row.get("to_address") + " " + value);
            }
        }
        return moves;
    }

    private static List<String> flatten(Map<String, List<CallTraces.InternalTransfer>> byTx, boolean withHash) {
        List<String> moves = new ArrayList<>();
        byTx.values().forEach(list -> list.forEach(m -> moves.add((withHash ? m.txHash() + " " : "") + m.from() + "→"
                + m.to() + " " + m.value())));
        return moves;
    }

    /** The block's transactions in order, from the top-level traces. */
    private static List<String> transactionHashes(List<Map<String, String>> rows) {
        Map<Integer, String> byIndex = new TreeMap<>();
        for (Map<String, String> row : rows) {
            if (!row.get("transaction_hash").isEmpty()) {
                byIndex.put(Integer.parseInt(row.get("transaction_index")), row.get("transaction_hash"));
            }
        }
        return List.copyOf(byIndex.values());
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return it.readAll();
        }
    }
}
