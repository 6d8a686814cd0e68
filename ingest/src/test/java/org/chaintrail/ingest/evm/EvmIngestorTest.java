package org.chaintrail.ingest.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.evm.FaultyRpcProxy.Fault;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.Approval;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.TronAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The live ingestor against a real local node (anvil): a token, payments, a reverted transfer,
 * approvals and a contract that passes ETH on, checked against the node's own balances to the wei.
 */
class EvmIngestorTest {
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static AnvilNode node;
    private static TestChainDriver driver;
    private static String snapshot;

    private GraphStore store;
    private List<String> accounts;
    private String token;
    private String splitter;
    /** Transactions each account paid fees for: the node's balance is net of them, the graph's is not. */
    private final Map<String, List<String>> sentBy = new HashMap<>();
    private String failedTx;

    @BeforeAll
    static void startNode() {
        node = AnvilNode.start();
        driver = new TestChainDriver(node);
        snapshot = node.snapshot();
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @BeforeEach
    void scenario() {
        store = TestGraph.fresh().store();
        accounts = node.accounts();
        String a0 = accounts.get(0);
        String a1 = accounts.get(1);
        String a2 = accounts.get(2);
        String a3 = accounts.get(3);
        token = track(a0, driver.deploy(a0, TestChainDriver.bytecode("TestToken")));
        splitter = track(a0, driver.deploy(a0, TestChainDriver.bytecode("Splitter")));
        track(a0, driver.sendEth(a0, a1, ETHER.multiply(BigInteger.valueOf(3))));
        track(a1, driver.sendEth(a1, a2, new BigInteger("1234567890123456789")));
        track(a0, driver.tokenTransfer(token, a0, a1, BigInteger.valueOf(500_000_000L)));
        track(a1, driver.tokenTransfer(token, a1, a2, BigInteger.valueOf(120_000_001L)));
        track(a2, driver.tokenTransfer(token, a2, a3, BigInteger.valueOf(20_000_000L)));
        failedTx = track(a3, driver.tokenTransferExpectFailure(token, a3, a1, BigInteger.valueOf(999_000_000L)));
        track(a2, driver.split(splitter, a2, a3, a1, ETHER));
    }

    /** The deployment returns the contract; every other call returns its transaction. */
    private String track(String from, String result) {
        sentBy.computeIfAbsent(from, k -> new ArrayList<>()).add(result);
        return result;
    }

    @AfterEach
    void resetChain() {
        node.revert(snapshot);
        snapshot = node.snapshot();
    }

    private EvmIngestConfig config(Chain chain) {
        return EvmIngestConfig.of(URI.create(node.url()), chain)
                .withRange(OptionalLong.of(0), OptionalLong.empty())
                .withConfirmations(0)
                .withThroughput(2, 3, 4) // small chunks and batches: many requests and many commits
                .withRetries(Duration.ofSeconds(10), new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 6, 2));
    }

    @Test
    void storesExactlyWhatTheNodeSays() {
        EvmIngestReport report = new EvmIngestor(store, config(Chain.ETHEREUM)).run();

        long head = node.blockNumber();
        assertThat(report.lastBlock()).isEqualTo(head);
        assertThat(store.checkpoint(Chain.ETHEREUM)).contains(new Checkpoint(Chain.ETHEREUM, head, blockHash(head)));
        assertThat(report.failedTxs()).isEqualTo(1);
        assertThat(report.traces()).contains("debug_traceBlockByNumber");
        assertThat(report.nativeTransfers()).isEqualTo(3);
        assertThat(report.tokenTransfers()).isEqualTo(4); // the mint and three transfers
        assertThat(report.internalTransfers()).isEqualTo(2);

        // Tokens: the graph's net per address equals balanceOf on the node, to the base unit.
        Map<String, BigInteger> tokens = net(store, Chain.ETHEREUM, token);
        for (String account : accounts) {
            assertThat(tokens.getOrDefault(account, BigInteger.ZERO)).as("CTD of %s", account)
                    .isEqualTo(driver.tokenBalance(token, account));
        }
        // ETH: the node's balance is 10,000 ETH + the graph's net − the fees the account paid.
        Map<String, BigInteger> eth = net(store, Chain.ETHEREUM, Asset.NATIVE);
        BigInteger start = ETHER.multiply(BigInteger.valueOf(10_000));
        for (String account : accounts) {
            BigInteger fees = sentBy.getOrDefault(account, List.of()).stream()
                    .filter(h -> h.length() == 66).map(driver::fee).reduce(BigInteger.ZERO, BigInteger::add);
            if (account.equals(accounts.get(0))) {
                fees = fees.add(deploymentFees());
            }
            assertThat(start.add(eth.getOrDefault(account, BigInteger.ZERO)).subtract(fees)).as("ETH of %s", account)
                    .isEqualTo(driver.balance(account));
        }
        // The splitter passed on all it received, in two internal transfers.
        assertThat(eth.get(splitter)).isEqualTo(BigInteger.ZERO);
        List<Transfer> fromSplitter = store.transfersFrom(Chain.ETHEREUM, Asset.NATIVE, List.of(splitter));
        assertThat(fromSplitter).hasSize(2).allSatisfy(t -> {
            assertThat(t.isInternal()).isTrue();
            assertThat(t.amount()).isEqualTo(ETHER.divide(BigInteger.TWO));
        });
        // The reverted transfer left no trace in the graph.
        assertThat(store.transfersFrom(Chain.ETHEREUM, token, List.of(accounts.get(3))))
                .noneMatch(t -> t.txHash().equals(failedTx));
        Asset ctd = store.assets(Chain.ETHEREUM, List.of(token)).get(token);
        assertThat(ctd.symbol()).contains("CTD");
        assertThat(ctd.decimals()).contains(6);
    }

    @Test
    void traceBlockGivesTheSameInternalTransfersAsTheCallTracer() {
        EvmIngestReport report = new EvmIngestor(store, config(Chain.ETHEREUM).withTraces(TraceSource.PARITY)).run();

        assertThat(report.traces()).isEqualTo("trace_block");
        assertThat(store.transfersFrom(Chain.ETHEREUM, Asset.NATIVE, List.of(splitter)))
                .extracting(Transfer::to, Transfer::amount, Transfer::isInternal)
                .containsExactlyInAnyOrder(
                        tuple(accounts.get(3), ETHER.divide(BigInteger.TWO), true),
                        tuple(accounts.get(1), ETHER.divide(BigInteger.TWO), true));
    }

    @Test
    void dropsDelaysAndErrorsOnTheWayChangeNothing() {
        new EvmIngestor(store, config(Chain.ETHEREUM)).run();
        String clean = TestGraph.digest(TestGraph.shared());
        store = TestGraph.fresh().store();

        try (FaultyRpcProxy proxy = FaultyRpcProxy.inFrontOf(URI.create(node.url())).seed(7)
                .share(Fault.DROP, 0.05).share(Fault.DELAY, 0.03)
                .share(Fault.HTTP_429, 0.05).share(Fault.HTTP_429_BARE, 0.03).share(Fault.HTTP_500, 0.03)
                .share(Fault.HTTP_502, 0.03).share(Fault.HTTP_503, 0.05).share(Fault.RPC_ERROR, 0.05)
                .share(Fault.MALFORMED, 0.02).share(Fault.TRUNCATED, 0.03)
                .delay(Duration.ofSeconds(2)).keepAlive(false).start()) {
            EvmIngestConfig faulty = EvmIngestConfig.of(proxy.uri(), Chain.ETHEREUM)
                    .withRange(OptionalLong.of(0), OptionalLong.empty())
                    .withConfirmations(0)
                    .withThroughput(2, 3, 4)
                    .withRetries(Duration.ofMillis(800), new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), 15, 6));
            new EvmIngestor(store, faulty).run();
            assertThat(proxy.injected().values().stream().mapToInt(Integer::intValue).sum())
                    .as("faults injected: %s", proxy.injected()).isGreaterThanOrEqualTo(5);
        }
        assertThat(TestGraph.digest(TestGraph.shared())).isEqualTo(clean);
    }

    /**
     * Each kind of fault once, one after another on the first block request (one fetcher, so the
     * retries come in order): the ingest retries through all of them, waits at least the second
     * the 429's Retry-After asks for, and stores exactly what a clean run does.
     */
    @Test
    void everyKindOfFaultInTurn_retriedThroughAllAndTheGraphEqualsACleanRun() {
        new EvmIngestor(store, config(Chain.ETHEREUM)).run();
        String clean = TestGraph.digest(TestGraph.shared());
        store = TestGraph.fresh().store();
        List<Fault> kinds = List.of(Fault.values());

        try (FaultyRpcProxy proxy = FaultyRpcProxy.inFrontOf(URI.create(node.url())).keepAlive(false)
                .script(kinds.toArray(Fault[]::new)).onlyFor("eth_getBlockByNumber")
                .delay(Duration.ofSeconds(2)).start()) {
            EvmIngestConfig config = config(Chain.ETHEREUM).withThroughput(1, 3, 4).withRetries(Duration.ofMillis(800),
                    new Backoff(Duration.ofMillis(10), Duration.ofMillis(1_500), kinds.size() + 1, 3));
            new EvmIngestor(store, new EvmIngestConfig(proxy.uri(), config.chain(), config.fromBlock(),
                    config.toBlock(), false, config.tokens(), 0, config.traces(), 1, 3, 4, config.timeout(),
                    config.backoff(), config.pollInterval(), config.maxReorgDepth())).run();

            assertThat(proxy.injected()).as("each kind once").allSatisfy((fault, count) -> assertThat(count).isOne());
            assertThat(proxy.pauseAfter(Fault.HTTP_429))
                    .as("the pause after 'Retry-After: 1'").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(TestGraph.digest(TestGraph.shared())).isEqualTo(clean);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "HTTP_503      => after 4 attempts: HTTP 503",
        "HTTP_429      => after 4 attempts: HTTP 429 (Retry-After 1)",
        "HTTP_429_BARE => after 4 attempts: HTTP 429",
        "RPC_ERROR     => after 4 attempts: JSON-RPC error -32000: upstream temporarily unavailable",
        "TRUNCATED     => after 4 attempts: ProtocolException: unexpected end of stream",
        "DELAY         => after 4 attempts: SocketTimeoutException: (Read timed out|timeout)",
        "MALFORMED     => after 2 attempts: (malformed|unreadable) response.*"})
    void aNodeThatKeepsFailingStopsTheIngestNamingTheBlockAndStoresNoPartOfIt(Fault fault, String reason) {
        // Every block request fails; the head and the probes get through.
        try (FaultyRpcProxy proxy = FaultyRpcProxy.inFrontOf(URI.create(node.url())).seed(3)
                .share(fault, 1.0).onlyFor("eth_getBlockByNumber").delay(Duration.ofSeconds(1)).start()) {
            EvmIngestConfig config = config(Chain.ETHEREUM).withRetries(Duration.ofMillis(300),
                    new Backoff(Duration.ofMillis(5), Duration.ofMillis(20), 4, 2));
            EvmIngestConfig viaProxy = new EvmIngestConfig(proxy.uri(), config.chain(), config.fromBlock(),
                    config.toBlock(), false, config.tokens(), 0, TraceSource.OFF, 1, 3, 4, config.timeout(),
                    config.backoff(), config.pollInterval(), config.maxReorgDepth());

            assertThatThrownBy(() -> new EvmIngestor(store, viaProxy).run())
                    .hasMessageMatching("(?s)blocks 0–2: the node at " + Pattern.quote(proxy.url()) + " failed "
                            + reason.replace("(Retry-After 1)", "\\(Retry-After 1\\)"));
            // A second fetch may be under way when the first gives up.
            assertThat(proxy.injected(fault)).isGreaterThanOrEqualTo(fault == Fault.MALFORMED ? 2 : 4);
        }
        assertThat(store.checkpoint(Chain.ETHEREUM)).isEmpty();
        assertThat(store.counts().get("Transfer")).isZero();
    }

    @Test
    void aSecondRunStoresNothingTwice() {
        new EvmIngestor(store, config(Chain.ETHEREUM)).run();
        Map<String, Long> before = store.counts();

        EvmIngestReport again = new EvmIngestor(store, config(Chain.ETHEREUM)).run();

        assertThat(again.blocks()).isZero();
        assertThat(store.counts()).isEqualTo(before);
    }

    @Test
    void resumesAfterTheCheckpointWhenTheChainGrows() {
        new EvmIngestor(store, config(Chain.ETHEREUM)).run();
        long before = node.blockNumber();
        String tx = driver.tokenTransfer(token, accounts.get(1), accounts.get(4), BigInteger.valueOf(7));

        EvmIngestReport report = new EvmIngestor(store, config(Chain.ETHEREUM)).run();

        assertThat(report.firstBlock()).isEqualTo(before + 1);
        assertThat(report.blocks()).isEqualTo(1);
        assertThat(store.transfersTo(Chain.ETHEREUM, token, List.of(accounts.get(4))))
                .extracting(Transfer::txHash).containsExactly(tx);
    }

    @Test
    void rollsBackAReorganisationAndTakesTheNewBranch() {
        new EvmIngestor(store, config(Chain.ETHEREUM)).run();
        long head = node.blockNumber();
        String oldHash = blockHash(head);
        // The last two blocks (the reverted transfer and the split) are replaced by one new payment.
        node.reorg(2, List.of(new AnvilNode.ReorgTx(Map.of("from", accounts.get(5), "to", accounts.get(6),
                "value", AnvilNode.quantity(ETHER)), 0)));
        assertThat(blockHash(head)).isNotEqualTo(oldHash);

        EvmIngestReport report = new EvmIngestor(store, config(Chain.ETHEREUM)).run();

        assertThat(report.reorgs()).isEqualTo(1);
        assertThat(report.blocksRolledBack()).isEqualTo(2);
        assertThat(store.checkpoint(Chain.ETHEREUM)).contains(new Checkpoint(Chain.ETHEREUM, head, blockHash(head)));
        assertThat(store.blockHashes(Chain.ETHEREUM, head - 1, head).values())
                .containsExactly(blockHash(head - 1), blockHash(head));
        assertThat(store.transfersFrom(Chain.ETHEREUM, Asset.NATIVE, List.of(splitter))).isEmpty();
        assertThat(store.transfersTo(Chain.ETHEREUM, Asset.NATIVE, List.of(accounts.get(6))))
                .extracting(Transfer::amount).containsExactly(ETHER);
        Map<String, BigInteger> tokens = net(store, Chain.ETHEREUM, token);
        for (String account : accounts) {
            assertThat(tokens.getOrDefault(account, BigInteger.ZERO)).isEqualTo(driver.tokenBalance(token, account));
        }
    }

    @Test
    void followsTheHeadAndHealsAReorganisationWhileFollowing() throws Exception {
        EvmIngestor ingestor = new EvmIngestor(store, config(Chain.ETHEREUM).withFollow(true, Duration.ofMillis(100)));
        Thread thread = new Thread(ingestor::run, "follow");
        thread.start();
        try {
            awaitCheckpoint(node.blockNumber());
            String tx = driver.tokenTransfer(token, accounts.get(1), accounts.get(7), BigInteger.valueOf(11));
            awaitCheckpoint(node.blockNumber());
            assertThat(store.transfersTo(Chain.ETHEREUM, token, List.of(accounts.get(7))))
                    .extracting(Transfer::txHash).containsExactly(tx);

            node.reorg(1); // drops that transfer's block for an empty one
            awaitCheckpoint(node.blockNumber());
            assertThat(store.transfersTo(Chain.ETHEREUM, token, List.of(accounts.get(7)))).isEmpty();
        } finally {
            ingestor.stop();
            thread.join(10_000);
        }
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void storesApprovalsFromReceiptLogsAndRollsThemBackWithTheirBlock() {
        String owner = accounts.get(1);
        String spender = accounts.get(4);
        String approveTx = driver.approve(token, owner, spender, BigInteger.valueOf(250_000_000L));
        // The spender uses the allowance: a Transfer from the owner in a transaction the spender sent.
        String pullTx = driver.transferFrom(token, spender, owner, accounts.get(5), BigInteger.valueOf(100_000_000L));
        var receipt = driver.receipt(approveTx);

        EvmIngestReport report = new EvmIngestor(store, config(Chain.ETHEREUM)).run();

        assertThat(report.approvals()).isEqualTo(1);
        assertThat(store.approvals(Chain.ETHEREUM)).containsExactly(new Approval(Chain.ETHEREUM, approveTx,
                AnvilNode.parseQuantity(receipt.path("blockNumber")).longValueExact(),
                AnvilNode.parseQuantity(receipt.path("transactionIndex")).intValueExact(),
                AnvilNode.parseQuantity(receipt.path("logs").get(0).path("logIndex")).intValueExact(),
                token, owner, spender, BigInteger.valueOf(250_000_000L)));
        assertThat(store.transfersTo(Chain.ETHEREUM, token, List.of(accounts.get(5))))
                .extracting(Transfer::txHash, Transfer::from, Transfer::amount)
                .containsExactly(tuple(pullTx, owner, BigInteger.valueOf(100_000_000L)));
        Map<String, Long> withApproval = store.counts();
        assertThat(withApproval).containsEntry(":APPROVED", 1L);

        // Both blocks are replaced by empty ones: the approval goes with its block.
        node.reorg(2);
        EvmIngestReport again = new EvmIngestor(store, config(Chain.ETHEREUM)).run();

        assertThat(again.reorgs()).isEqualTo(1);
        assertThat(store.approvals(Chain.ETHEREUM)).isEmpty();
        assertThat(store.counts()).containsEntry(":APPROVED", 0L)
                .containsEntry("Transfer", withApproval.get("Transfer") - 1);
    }

    @Test
    void storesTronAddressesInTheirOwnForm() {
        String approveTx = driver.approve(token, accounts.get(2), accounts.get(3), BigInteger.ONE);

        new EvmIngestor(store, config(Chain.TRON)).run();

        String tronToken = TronAddress.fromHex(token);
        String a1 = TronAddress.fromHex(accounts.get(1));
        assertThat(tronToken).startsWith("T");
        assertThat(store.transfersTo(Chain.TRON, tronToken, List.of(a1)))
                .extracting(Transfer::from).containsExactly(TronAddress.fromHex(accounts.get(0)));
        assertThat(store.assets(Chain.TRON, List.of(tronToken)).get(tronToken).symbol()).contains("CTD");
        assertThat(store.approvals(Chain.TRON)).singleElement().satisfies(a -> {
            assertThat(a.txHash()).isEqualTo(approveTx.substring(2)); // Tron txids have no 0x
            assertThat(a.token()).isEqualTo(tronToken);
            assertThat(a.owner()).isEqualTo(TronAddress.fromHex(accounts.get(2)));
            assertThat(a.spender()).isEqualTo(TronAddress.fromHex(accounts.get(3)));
        });
        // The same bytes on Ethereum are another chain's address: nothing stored there.
        assertThat(store.transfersTo(Chain.ETHEREUM, token, List.of(accounts.get(1)))).isEmpty();
        assertThat(store.checkpoint(Chain.ETHEREUM)).isEmpty();
    }

    @Test
    void refusesToLeaveAGapOrToStartNowhere() {
        new EvmIngestor(store, config(Chain.ETHEREUM).withRange(OptionalLong.of(0), OptionalLong.of(2))).run();

        assertThatThrownBy(() -> new EvmIngestor(store, config(Chain.ETHEREUM)
                .withRange(OptionalLong.of(5), OptionalLong.empty())).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gap of 2 blocks");
        assertThatThrownBy(() -> new EvmIngestor(store, config(Chain.BSC)
                .withRange(OptionalLong.empty(), OptionalLong.empty())).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give --from-block");
    }

    private void awaitCheckpoint(long block) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var checkpoint = store.checkpoint(Chain.ETHEREUM);
            if (checkpoint.isPresent() && checkpoint.get().number() == block
                    && checkpoint.get().hash().equals(blockHash(block))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the ingest did not reach block " + block + " within 20 s; checkpoint "
                + store.checkpoint(Chain.ETHEREUM));
    }

    private BigInteger deploymentFees() {
        // Deployments are tracked by contract address; their fees come from their receipts.
        BigInteger fees = BigInteger.ZERO;
        for (long n = 1; n <= node.blockNumber(); n++) {
            var block = node.rpc("eth_getBlockByNumber", "0x" + Long.toHexString(n), true);
            for (var tx : block.get("transactions")) {
                if (tx.get("to").isNull()) {
                    fees = fees.add(driver.fee(tx.get("hash").asText()));
                }
            }
        }
        return fees;
    }

    private static String blockHash(long number) {
        return node.rpc("eth_getBlockByNumber", "0x" + Long.toHexString(number), false).get("hash").asText();
    }

    /** Received minus sent per address, over every transfer of the asset touching a node account or contract. */
    private Map<String, BigInteger> net(GraphStore graph, Chain chain, String asset) {
        List<String> parties = new ArrayList<>(accounts);
        parties.add(token);
        parties.add(splitter);
        parties.add(chain.zeroAddress());
        List<String> keys = chain == Chain.TRON ? parties.stream().map(TronAddress::fromHex).toList() : parties;
        Map<String, Transfer> all = new TreeMap<>();
        graph.transfersFrom(chain, asset, keys).forEach(t -> all.put(t.id(), t));
        graph.transfersTo(chain, asset, keys).forEach(t -> all.put(t.id(), t));
        Map<String, BigInteger> net = new HashMap<>();
        for (Transfer t : all.values()) {
            net.merge(t.from(), t.amount().negate(), BigInteger::add);
            net.merge(t.to(), t.amount(), BigInteger::add);
        }
        return net;
    }
}
