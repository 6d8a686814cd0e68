package org.chaintrail.ingest.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chaintrail.ingest.evm.AnvilNode.ReorgTx;
import org.chaintrail.ingest.evm.AnvilNode.RpcException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pins what the harness and anvil 1.7.1 do, so EVM ingest tests can rely on it: one node for the
 * class with both test contracts deployed, each test running from a snapshot that is reverted
 * after it.
 */
@Timeout(60)
class AnvilNodeTest {
    // The default mnemonic's first accounts; A0 deploys.
    private static final String A0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final String A1 = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String A2 = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private static final String A3 = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
    private static final String A4 = "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65";
    private static final String A5 = "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc";
    // CREATE addresses of A0's nonces 0 and 1.
    private static final String TOKEN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String SPLITTER = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
    private static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final BigInteger HALF_ETHER = ETHER.divide(BigInteger.TWO);
    private static final BigInteger INITIAL_SUPPLY = BigInteger.valueOf(1_000_000_000_000L); // 1M CTD, 6 decimals

    private static AnvilNode node;
    private static TestChainDriver driver;
    private String snapshot;

    @BeforeAll
    static void startNodeAndDeploy() {
        node = AnvilNode.start();
        driver = new TestChainDriver(node);
        driver.deploy(A0, TestChainDriver.bytecode("TestToken"));
        driver.deploy(A0, TestChainDriver.bytecode("Splitter"));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void takeSnapshot() {
        snapshot = node.snapshot();
    }

    @AfterEach
    void revertSnapshot() {
        node.revert(snapshot);
    }

    @Test
    void start_defaultOptions_localChain31337WithTenDevAccounts() {
        assertThat(node.url()).isEqualTo("http://127.0.0.1:" + node.port());
        assertThat(node.rpc("eth_chainId").asText()).isEqualTo("0x7a69");
        assertThat(node.rpc("web3_clientVersion").asText()).isEqualTo("anvil/v1.7.1");
        assertThat(node.accounts()).hasSize(10).startsWith(A0, A1, A2, A3, A4, A5);
        assertThat(driver.balance(A5)).isEqualTo(ETHER.multiply(BigInteger.valueOf(10_000)));
        assertThat(node.logFile()).exists();
    }

    @Test
    void deploy_tokenThenSplitter_nonceDerivedAddressesAndSupplyWithDeployer() {
        // Deployed in @BeforeAll as blocks 1 and 2.
        assertThat(node.blockNumber()).isEqualTo(2);
        assertThat(node.rpc("eth_getCode", TOKEN, "latest").asText()).startsWith("0x6080");
        assertThat(node.rpc("eth_getCode", SPLITTER, "latest").asText()).startsWith("0x6080");
        assertThat(driver.tokenBalance(TOKEN, A0)).isEqualTo(INITIAL_SUPPLY);
        assertThat(driver.tokenBalance(TOKEN, A1)).isZero();
        // A third deployment gets the address of A0's nonce 2.
        assertThat(driver.deploy(A0, TestChainDriver.bytecode("Splitter")))
                .isEqualTo("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0");
    }

    @Test
    void selectors_handEncoded_matchCompilerMethodIdentifiers() {
        JsonNode token = TestChainDriver.artifact("TestToken").path("methodIdentifiers");
        JsonNode splitter = TestChainDriver.artifact("Splitter").path("methodIdentifiers");

        assertThat(token.path("transfer(address,uint256)").asText()).isEqualTo(TestChainDriver.TRANSFER);
        assertThat(token.path("balanceOf(address)").asText()).isEqualTo(TestChainDriver.BALANCE_OF);
        assertThat(splitter.path("split(address,address)").asText()).isEqualTo(TestChainDriver.SPLIT);
    }

    @Test
    void sendEth_twoTransfers_recipientsCreditedSenderPaysValuePlusFees() {
        BigInteger a1Before = driver.balance(A1);
        BigInteger a3Before = driver.balance(A3);
        BigInteger a4Before = driver.balance(A4);
        BigInteger oneAndHalf = ETHER.multiply(BigInteger.valueOf(3)).divide(BigInteger.TWO);
        BigInteger quarter = ETHER.divide(BigInteger.valueOf(4));

        String first = driver.sendEth(A1, A3, oneAndHalf);
        String second = driver.sendEth(A1, A4, quarter);

        // Automine: one block per transaction, in order.
        assertThat(driver.receipt(first).path("blockNumber").asText()).isEqualTo("0x3");
        assertThat(driver.receipt(second).path("blockNumber").asText()).isEqualTo("0x4");
        assertThat(driver.receipt(first).path("gasUsed").asText()).isEqualTo("0x5208"); // 21000
        assertThat(driver.balance(A3)).isEqualTo(a3Before.add(oneAndHalf));
        assertThat(driver.balance(A4)).isEqualTo(a4Before.add(quarter));
        assertThat(driver.balance(A1)).isEqualTo(a1Before.subtract(oneAndHalf).subtract(quarter)
                .subtract(driver.fee(first)).subtract(driver.fee(second)));
    }

    @Test
    void tokenTransfer_threeTransfers_balanceOfExactAndOneTransferLogEach() {
        String first = driver.tokenTransfer(TOKEN, A0, A1, BigInteger.valueOf(1_000_000_000)); // 1000 CTD
        String second = driver.tokenTransfer(TOKEN, A1, A2, BigInteger.valueOf(250_500_000)); // 250.5 CTD
        String third = driver.tokenTransfer(TOKEN, A0, A2, BigInteger.ONE); // 0.000001 CTD

        assertThat(driver.tokenBalance(TOKEN, A0)).isEqualTo(BigInteger.valueOf(998_999_999_999L));
        assertThat(driver.tokenBalance(TOKEN, A1)).isEqualTo(BigInteger.valueOf(749_500_000));
        assertThat(driver.tokenBalance(TOKEN, A2)).isEqualTo(BigInteger.valueOf(250_500_001));
        assertTransferLog(driver.receipt(first), A0, A1, BigInteger.valueOf(1_000_000_000));
        assertTransferLog(driver.receipt(second), A1, A2, BigInteger.valueOf(250_500_000));
        assertTransferLog(driver.receipt(third), A0, A2, BigInteger.ONE);
    }

    @Test
    void tokenTransferExpectFailure_moreThanHeld_minedWithStatusZeroAndBalancesUnchanged() {
        driver.tokenTransfer(TOKEN, A0, A1, BigInteger.valueOf(100));
        long heightBefore = node.blockNumber();

        String failed = driver.tokenTransferExpectFailure(TOKEN, A1, A2, BigInteger.valueOf(101));

        JsonNode receipt = driver.receipt(failed);
        assertThat(receipt.path("status").asText()).isEqualTo("0x0");
        assertThat(receipt.path("logs")).isEmpty();
        // Mined, not rejected: it is in the next block, with the explicit gas limit.
        assertThat(AnvilNode.parseQuantity(receipt.path("blockNumber")).longValueExact()).isEqualTo(heightBefore + 1);
        assertThat(node.rpc("eth_getBlockByNumber", "latest", false).path("transactions").get(0).asText())
                .isEqualTo(failed);
        assertThat(node.rpc("eth_getTransactionByHash", failed).path("gas").asText()).isEqualTo("0x186a0");
        assertThat(driver.tokenBalance(TOKEN, A1)).isEqualTo(BigInteger.valueOf(100));
        assertThat(driver.tokenBalance(TOKEN, A2)).isZero();
        // The call tracer names the Solidity revert reason.
        JsonNode trace = node.rpc("debug_traceTransaction", failed, Map.of("tracer", "callTracer"));
        assertThat(trace.path("error").asText()).isEqualTo("execution reverted");
        assertThat(trace.path("revertReason").asText()).isEqualTo("insufficient balance");
    }

    @Test
    void tokenTransferExpectFailure_enoughBalance_throwsNamingStatus() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> driver.tokenTransferExpectFailure(TOKEN, A0, A1, BigInteger.ONE));

        assertThat(e).hasMessageContaining("expected to revert but has status 0x1");
    }

    @Test
    void split_oneEther_twoInternalHalfEtherTransfersInBothTraceApis() {
        BigInteger a2Before = driver.balance(A2);
        BigInteger a3Before = driver.balance(A3);

        String tx = driver.split(SPLITTER, A1, A2, A3, ETHER);

        assertThat(driver.balance(A2)).isEqualTo(a2Before.add(HALF_ETHER));
        assertThat(driver.balance(A3)).isEqualTo(a3Before.add(HALF_ETHER));
        assertThat(driver.balance(SPLITTER)).isZero();
        String block = driver.receipt(tx).path("blockNumber").asText();

        // Geth style: one {txHash, result} per transaction, internal calls nested in "calls".
        JsonNode geth = node.rpc("debug_traceBlockByNumber", block, Map.of("tracer", "callTracer"));
        assertThat(geth).hasSize(1);
        assertThat(geth.get(0).path("txHash").asText()).isEqualTo(tx);
        JsonNode top = geth.get(0).path("result");
        assertThat(List.of(top.path("type").asText(), top.path("from").asText(), top.path("to").asText(),
                top.path("value").asText())).containsExactly("CALL", A1, SPLITTER, "0xde0b6b3a7640000");
        assertThat(internalTransfers(top.path("calls"), "type", "from", "to", "value")).containsExactly(
                List.of("CALL", SPLITTER, A2, "0x6f05b59d3b20000"),
                List.of("CALL", SPLITTER, A3, "0x6f05b59d3b20000"));

        // Parity style: a flat list, the tree in traceAddress; internal transfers are the non-root calls.
        JsonNode parity = node.rpc("trace_block", block);
        assertThat(parity).hasSize(3);
        assertThat(parity.get(0).path("traceAddress")).isEmpty();
        assertThat(parity.get(0).path("subtraces").asInt()).isEqualTo(2);
        assertThat(parity.get(0).path("action").path("value").asText()).isEqualTo("0xde0b6b3a7640000");
        List<List<String>> parityInternal = new ArrayList<>();
        for (JsonNode trace : List.of(parity.get(1), parity.get(2))) {
            JsonNode action = trace.path("action");
            assertThat(trace.path("transactionHash").asText()).isEqualTo(tx);
            parityInternal.add(List.of(trace.path("traceAddress").toString(), action.path("callType").asText(),
                    action.path("from").asText(), action.path("to").asText(), action.path("value").asText()));
        }
        assertThat(parityInternal).containsExactly(
                List.of("[0]", "call", SPLITTER, A2, "0x6f05b59d3b20000"),
                List.of("[1]", "call", SPLITTER, A3, "0x6f05b59d3b20000"));
    }

    @Test
    void revert_afterTransfersAndBlocks_heightAndBalancesRestoredAndIdUsedUp() {
        long height = node.blockNumber();
        BigInteger a4Before = driver.balance(A4);
        String id = node.snapshot();
        driver.sendEth(A1, A4, ETHER);
        driver.tokenTransfer(TOKEN, A0, A4, BigInteger.TEN);
        node.mine(5);
        assertThat(node.blockNumber()).isEqualTo(height + 7);

        node.revert(id);

        assertThat(node.blockNumber()).isEqualTo(height);
        assertThat(driver.balance(A4)).isEqualTo(a4Before);
        assertThat(driver.tokenBalance(TOKEN, A4)).isZero();
        assertThrows(IllegalStateException.class, () -> node.revert(id));
    }

    @Test
    void reorg_depthTwo_sameHeightNewHashesAndReplacedTransactionsGone() {
        BigInteger a5Before = driver.balance(A5);
        String kept = driver.sendEth(A1, A5, ETHER); // stays: below the reorg
        String dropped1 = driver.sendEth(A1, A5, ETHER);
        String dropped2 = driver.tokenTransfer(TOKEN, A0, A5, BigInteger.TEN);
        long head = node.blockNumber();
        String keptHash = blockHash(head - 2);
        String oldHash1 = blockHash(head - 1);
        String oldHash2 = blockHash(head);

        node.reorg(2);

        assertThat(node.blockNumber()).isEqualTo(head);
        assertThat(blockHash(head - 2)).isEqualTo(keptHash);
        assertThat(blockHash(head - 1)).isNotEqualTo(oldHash1);
        assertThat(blockHash(head)).isNotEqualTo(oldHash2);
        assertThat(node.rpc("eth_getBlockByNumber", quantity(head - 1), false).path("parentHash").asText())
                .isEqualTo(keptHash);
        assertThat(node.rpc("eth_getBlockByNumber", quantity(head), false).path("transactions")).isEmpty();
        assertThat(node.rpc("eth_getTransactionReceipt", dropped1).isNull()).isTrue();
        assertThat(node.rpc("eth_getTransactionByHash", dropped2).isNull()).isTrue();
        assertThat(driver.receipt(kept).path("blockHash").asText()).isEqualTo(keptHash);
        assertThat(driver.balance(A5)).isEqualTo(a5Before.add(ETHER));
        assertThat(driver.tokenBalance(TOKEN, A5)).isZero();
    }

    @Test
    void reorg_withTransactionAtOffsetZero_replacementBlockCarriesIt() {
        driver.sendEth(A1, A4, ETHER);
        long head = node.blockNumber();
        BigInteger a5Before = driver.balance(A5);

        node.reorg(1, List.of(new ReorgTx(Map.of("from", A2, "to", A5, "value", "0x7"), 0)));

        JsonNode block = node.rpc("eth_getBlockByNumber", quantity(head), true);
        assertThat(block.path("transactions")).hasSize(1);
        JsonNode tx = block.path("transactions").get(0);
        assertThat(List.of(tx.path("from").asText(), tx.path("to").asText(), tx.path("value").asText()))
                .containsExactly(A2, A5, "0x7");
        assertThat(driver.balance(A5)).isEqualTo(a5Before.add(BigInteger.valueOf(7)));
    }

    @Test
    void reorg_depthAboveHeight_throwsNamingDepth() {
        long height = node.blockNumber();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> node.reorg((int) height + 1));

        assertThat(e).hasMessage("reorg depth must be 1.." + height + " (the height), was " + (height + 1));
    }

    @Test
    void setAutomine_off_transactionPendingUntilMine() {
        long height = node.blockNumber();
        node.setAutomine(false);
        try {
            String tx = node.rpc("eth_sendTransaction", Map.of("from", A1, "to", A4, "value", "0x1")).asText();
            assertThat(node.rpc("eth_getTransactionReceipt", tx).isNull()).isTrue();
            assertThat(node.blockNumber()).isEqualTo(height);

            node.mine(3);

            assertThat(node.blockNumber()).isEqualTo(height + 3);
            assertThat(driver.receipt(tx).path("blockNumber").asText()).isEqualTo(quantity(height + 1));
        } finally {
            node.setAutomine(true);
        }
    }

    @Test
    void rpc_unknownMethod_throwsWithNodeCodeAndMessage() {
        RpcException e = assertThrows(RpcException.class, () -> node.rpc("eth_noSuchMethod"));

        assertThat(e.code()).isEqualTo(-32601);
        assertThat(e).hasMessageStartingWith("eth_noSuchMethod failed: Method not found");
    }

    @Test
    void close_manualMiningNode_processEndsAndPortRefuses() {
        AnvilNode other = AnvilNode.start(AnvilNode.Options.manualMining());
        try {
            String tx = other.rpc("eth_sendTransaction", Map.of("from", A0, "to", A1, "value", "0x1")).asText();
            assertThat(other.blockNumber()).isZero();
            other.mine(1);
            assertThat(other.rpc("eth_getTransactionReceipt", tx).path("status").asText()).isEqualTo("0x1");

            other.close();
            other.close();

            assertThat(other.isAlive()).isFalse();
            assertThat(other.port()).isNotEqualTo(node.port());
            assertThrows(UncheckedIOException.class, other::blockNumber);
        } finally {
            other.close(); // should an assertion fail before the closes under test
        }
    }

    private static void assertTransferLog(JsonNode receipt, String from, String to, BigInteger amount) {
        assertThat(receipt.path("logs")).hasSize(1);
        JsonNode log = receipt.path("logs").get(0);
        assertThat(log.path("address").asText()).isEqualTo(TOKEN);
        assertThat(List.of(log.path("topics").get(0).asText(), log.path("topics").get(1).asText(),
                log.path("topics").get(2).asText(), log.path("data").asText())).containsExactly(
                TRANSFER_TOPIC, "0x" + TestChainDriver.word(from), "0x" + TestChainDriver.word(to),
                "0x" + TestChainDriver.word(amount));
    }

    private static List<List<String>> internalTransfers(JsonNode calls, String... fields) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode call : calls) {
            List<String> row = new ArrayList<>();
            for (String field : fields) {
                row.add(call.path(field).asText());
            }
            rows.add(row);
        }
        return rows;
    }

    private static String blockHash(long number) {
        return node.rpc("eth_getBlockByNumber", quantity(number), false).path("hash").asText();
    }

    private static String quantity(long number) {
        return AnvilNode.quantity(BigInteger.valueOf(number));
    }
}
