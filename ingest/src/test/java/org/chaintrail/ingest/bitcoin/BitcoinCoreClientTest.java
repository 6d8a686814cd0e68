package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Bitcoin Core client against real Core answers for mainnet blocks 0, 1 and 50000–50002 (shared/data
 * MANIFEST item B7) served over local HTTP, compared field by field with bitcoin-etl's output for the
 * same blocks, and against injected faults.
 */
class BitcoinCoreClientTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 8, 3);
    private static final String HASH_50001 = "000000001c920d495e1eeef2452b6d1c6c229a919b28196c103ecffebabee141";

    private static BitcoinCoreClient client(URI uri) {
        return new BitcoinCoreClient(uri, Duration.ofSeconds(5), FAST, 100);
    }

    private static List<UtxoBlock> blocks(BitcoinCoreClient client, long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(client::block).toList();
    }

    /** The blocks with every input given its spent output by {@link BitcoinCoreClient#prevouts}. */
    static List<UtxoBlock> resolved(BitcoinCoreClient client, List<UtxoBlock> blocks) {
        List<OutPoint> wanted = blocks.stream().flatMap(b -> b.transactions().stream())
                .flatMap(t -> t.inputs().stream()).filter(i -> i.prevout().isEmpty()).map(UtxoInput::spent).toList();
        Map<OutPoint, UtxoOutput> found = client.prevouts(wanted);
        List<UtxoBlock> out = new ArrayList<>();
        for (UtxoBlock b : blocks) {
            List<UtxoTransaction> txs = b.transactions().stream().map(t -> new UtxoTransaction(t.txid(), t.index(),
                    t.coinbase(), t.inputs().stream().map(i -> i.resolved(found.get(i.spent()))).toList(), t.outputs(),
                    t.size(), t.vsize())).toList();
            out.add(new UtxoBlock(b.block(), b.parentHash(), txs));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"block_0, 0, 0", "block_1, 1, 1", "block_without_transactions, 50000, 50000",
            "block_with_transactions, 50001, 50002"})
    void block_recordedMainnetBlocks_matchBitcoinEtlFieldByField(String name, long from, long to) {
        Path dir = ExpectedExport.testCase(name);
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(dir)) {
            List<UtxoBlock> blocks = blocks(client(node.uri()), from, to);

            ExpectedExport.assertBlocksMatch(blocks, dir.resolve("expected_blocks.json"));
            ExpectedExport.assertTransactionsMatch(blocks, dir.resolve("expected_transactions.json"));
        }
    }

    @Test
    void prevouts_stream50001To50002_resolvesInputsAsBitcoinEtlInOneBatch() {
        Path dir = ExpectedExport.testCase("stream_50001_50002");
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(dir)) {
            BitcoinCoreClient client = client(node.uri());
            List<UtxoBlock> blocks = blocks(client, 50001, 50002);
            int before = node.httpRequests();

            List<UtxoBlock> resolved = resolved(client, blocks);

            // Three inputs spending three coinbases (50 BTC each, P2PK): one batch request of three calls.
            assertThat(node.httpRequests() - before).isEqualTo(1);
            assertThat(node.requestLog()).filteredOn(r -> r.startsWith("getrawtransaction")).hasSize(3);
            ExpectedExport.assertBlocksMatch(resolved, dir.resolve("expected_blocks.json"));
            ExpectedExport.assertTransactionsMatch(resolved, dir.resolve("expected_transactions.json"));
            UtxoTransaction twoInputs = resolved.get(0).transactions().get(1);
            assertThat(twoInputs.txid()).isEqualTo("7940cdde4d713e171849efc6bd89939185be270266c94e92369e3877ad89455a");
            assertThat(twoInputs.inputs()).extracting(i -> i.prevout().orElseThrow()).containsExactly(
                    new UtxoOutput(0, 5_000_000_000L, ScriptType.PUBKEY, "1DoQeKfU3dYhN9bxMpFFcVUnufCPDqSPae"),
                    new UtxoOutput(0, 5_000_000_000L, ScriptType.PUBKEY, "1PZMgkF2x161qvfP7dhoWSEEU3SjnQE1m9"));
            assertThat(twoInputs.fee()).hasValue(0);
        }
    }

    @Test
    void blockCount_recordedNode_answersRecordedHeight() {
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(ExpectedExport.testCase("stream_50001_50002"))) {
            assertThat(client(node.uri()).blockCount()).isEqualTo(500_000);
        }
    }

    @Test
    void block_nodeRefusesVerbosity3_fallsBackTo2AndRemembers() {
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(ExpectedExport.testCase("block_with_transactions"))) {
            BitcoinCoreClient client = client(node.uri());

            UtxoBlock first = client.block(50001);
            UtxoBlock second = client.block(50002);

            assertThat(client.verbosity()).isEqualTo(BitcoinCoreClient.VERBOSITY_TRANSACTIONS);
            assertThat(node.requestLog()).filteredOn(r -> r.startsWith("getblock ")).containsExactly(
                    "getblock [\"" + HASH_50001 + "\",3]",
                    "getblock [\"" + HASH_50001 + "\",2]",
                    "getblock [\"000000002066d7f9b134c30b5005b7bf5fbfa52f279883f1fde793dcdc964266\",2]");
            assertThat(first.transactions()).hasSize(3);
            assertThat(first.parentHash()).isEqualTo("000000001aeae195809d120b5d66a39c83eb48792e068f8ea1fea19d84a4278a");
            assertThat(second.parentHash()).isEqualTo(HASH_50001);
        }
    }

    @Test
    void block_nodeAnswersVerbosity3WithoutPrevouts_switchesTo2() {
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(ExpectedExport.testCase("block_with_transactions"))) {
            node.refuseVerbosity3(false); // Core before 22 answers verbosity 2 when asked 3
            BitcoinCoreClient client = client(node.uri());

            UtxoBlock block = client.block(50001);

            assertThat(client.verbosity()).isEqualTo(BitcoinCoreClient.VERBOSITY_TRANSACTIONS);
            assertThat(block.transactions().get(1).inputs()).extracting(UtxoInput::prevout)
                    .containsExactly(Optional.empty(), Optional.empty());
        }
    }

    @Test
    void block_http503ThenHttp429_retriedUntilAnswered() {
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(ExpectedExport.testCase("block_0"))) {
            node.failNext(2, 503);
            node.failNext(2, 429);

            UtxoBlock genesis = client(node.uri()).block(0);

            assertThat(genesis.block().hash()).isEqualTo("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
            // 4 faults on getblockhash, then it, getblock at 3 (refused), getblock at 2.
            assertThat(node.httpRequests()).isEqualTo(7);
        }
    }

    @Test
    void block_nodeWarmingUp_retriedUntilAnswered() {
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(ExpectedExport.testCase("block_0"))) {
            node.warmUpNext(3);

            assertThat(client(node.uri()).block(0).transactions().get(0).outputs().get(0).value())
                    .isEqualTo(5_000_000_000L);
        }
    }

    @Test
    void block_answerLaterThanTimeout_retried() {
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(ExpectedExport.testCase("block_0"))) {
            node.delayNext(1, Duration.ofMillis(1500));
            BitcoinCoreClient client = new BitcoinCoreClient(node.uri(), Duration.ofMillis(300), FAST, 100);

            assertThat(client.blockHash(0)).isEqualTo("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
            assertThat(node.httpRequests()).isEqualTo(2);
        }
    }

    @Test
    void block_garbledAnswers_failAfterMalformedLimitNamingBlock() {
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(ExpectedExport.testCase("block_with_transactions"))) {
            BitcoinCoreClient client = client(node.uri());
            String hash = client.blockHash(50001);
            node.garbleNext(10);

            IngestException e = assertThrows(IngestException.class, () -> client.block(50001));

            assertThat(e.getMessage()).startsWith("getblockhash 50001: the node at " + node.uri()
                    + " failed after 3 attempts: malformed response");
            assertThat(node.httpRequests()).isEqualTo(1 + FAST.malformedMax());
            assertThat(hash).isEqualTo(HASH_50001);
        }
    }

    @Test
    void blockJson_garbledAnswers_failAfterMalformedLimitNamingHashAndHeight() {
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(ExpectedExport.testCase("block_with_transactions"))) {
            node.garbleNext(10);

            IngestException e = assertThrows(IngestException.class,
                    () -> client(node.uri()).blockJson(HASH_50001, "block 50001"));

            assertThat(e.getMessage()).startsWith("getblock " + HASH_50001 + " (block 50001): the node at "
                    + node.uri() + " failed after 3 attempts: malformed response");
            assertThat(node.httpRequests()).isEqualTo(3);
        }
    }

    @Test
    void blockHash_heightNotRecorded_failsAtOnceWithNodeError() {
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(ExpectedExport.testCase("block_0"))) {
            IngestException e = assertThrows(IngestException.class, () -> client(node.uri()).blockHash(900_000));

            assertThat(e.getMessage()).startsWith("getblockhash 900000: the node at " + node.uri()
                    + " failed: JSON-RPC error -8: Block height out of range");
            assertThat(node.httpRequests()).isEqualTo(1);
        }
    }

    @Test
    void prevouts_transactionUnknownToNode_failsNamingTxidAndTxindex() {
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(ExpectedExport.testCase("block_0"))) {
            OutPoint unknown = new OutPoint("76a8d70a757be5055f60be076b683897cadaad6b7bdf78c43e39b9d59cb4a6ea", 0);

            assertThatThrownBy(() -> client(node.uri()).prevouts(List.of(unknown)))
                    .isInstanceOf(IngestException.class)
                    .hasMessageContaining("transaction " + unknown.txid() + ": JSON-RPC error -5")
                    .hasMessageContaining("-txindex=1");
            assertThat(node.httpRequests()).isEqualTo(1);
        }
    }

    @Test
    void block_userAndPasswordInUrl_sentAsBasicAuth() {
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(Optional.of("alice:p@ss+word"),
                ExpectedExport.testCase("block_0"))) {
            BitcoinCoreClient client = client(node.uri("alice", "p%40ss+word"));

            assertThat(client.blockHash(0)).isEqualTo("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
            assertThat(client.url()).isEqualTo(node.uri().toString());
        }
    }

    @Test
    void block_coreCookieFile_itsUserAndPasswordSentAsBasicAuth(@TempDir Path dir) throws Exception {
        Path cookie = Files.writeString(dir.resolve(".cookie"), "__cookie__:5f3a0b9c2e");
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(Optional.of("__cookie__:5f3a0b9c2e"),
                ExpectedExport.testCase("block_0"))) {
            BitcoinCoreClient client = client(CoreCookie.apply(node.uri(), cookie));

            assertThat(client.blockHash(0)).isEqualTo("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
            assertThat(client.url()).isEqualTo(node.uri().toString()).doesNotContain("5f3a0b9c2e");
        }
    }

    @Test
    void coreCookie_missingOrMalformedFile_refusedNamingTheFile(@TempDir Path dir) throws Exception {
        URI url = URI.create("http://127.0.0.1:8332/");
        assertThatThrownBy(() -> CoreCookie.apply(url, dir.resolve(".cookie")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".cookie");
        Path bad = Files.writeString(dir.resolve("bad"), "no-colon-here");
        assertThatThrownBy(() -> CoreCookie.apply(url, bad)).hasMessageContaining("not one line of user:password");
        Path good = Files.writeString(dir.resolve("good"), "__cookie__:ab");
        assertThatThrownBy(() -> CoreCookie.apply(URI.create("http://u:p@127.0.0.1:8332/"), good))
                .hasMessageContaining("once");
    }

    @Test
    void blockHash_wrongPassword_failsAtOnceWithoutShowingPassword() {
        try (RecordedBitcoinNode node = RecordedBitcoinNode.start(Optional.of("alice:right"),
                ExpectedExport.testCase("block_0"))) {
            IngestException e = assertThrows(IngestException.class,
                    () -> client(node.uri("alice", "wrong-secret")).blockHash(0));

            assertThat(e.getMessage()).isEqualTo("getblockhash 0: the node at " + node.uri()
                    + " failed: HTTP 401: the node refused the user and password");
            assertThat(e.getMessage()).doesNotContain("wrong-secret");
            assertThat(node.httpRequests()).isEqualTo(1);
        }
    }

    @Test
    void constructor_notHttp_throwsNamingUrlWithoutPassword() {
        assertThatThrownBy(() -> new BitcoinCoreClient(URI.create("ftp://u:secret@127.0.0.1:8332/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node URL must be http(s)://[user:password@]host:port/, was ftp://127.0.0.1:8332/");
    }
}
