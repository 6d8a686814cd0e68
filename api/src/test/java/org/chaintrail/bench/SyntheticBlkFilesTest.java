package org.chaintrail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.bitcoin.BlkChainReader;
import org.chaintrail.ingest.bitcoin.BlkFileReader;
import org.chaintrail.ingest.bitcoin.BlkRecord;
import org.chaintrail.ingest.bitcoin.BlockHeader;
import org.chaintrail.ingest.bitcoin.RawBlock;
import org.chaintrail.ingest.bitcoin.RawBlockParser;
import org.chaintrail.ingest.bitcoin.RawTransaction;
import org.chaintrail.ingest.bitcoin.UtxoIngestReport;
import org.chaintrail.ingest.bitcoin.UtxoIngestor;
import org.chaintrail.model.Chain;
import org.chaintrail.model.UtxoTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bitcoin ingest benchmark's input: the same seed writes the same files, the chain reader
 * finds every block in order with its Merkle root and witness commitment right, and the real
 * ingestor resolves every input and stores exactly what the generator says it wrote.
 */
class SyntheticBlkFilesTest {
    /** About 20 blocks of 80–120 transactions: block 7 is written after block 8. */
    private static final SyntheticBlkFiles.Config SMALL = new SyntheticBlkFiles.Config(2_000, 80, 120, 7L);
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path temp;

    @Test
    void write_sameSeedTwice_sameFilesByteForByte() throws IOException {
        SyntheticBlkFiles.Written first = new SyntheticBlkFiles(SMALL).write(temp.resolve("a"));
        SyntheticBlkFiles.Written second = new SyntheticBlkFiles(SMALL).write(temp.resolve("b"));

        assertThat(second).isEqualTo(first);
        assertThat(first.transactions()).isEqualTo(2_000);
        assertThat(first.files()).isEqualTo(1);
        assertThat(first.swapped()).isEqualTo(1);
        assertThat(temp.resolve("b/blk00000.dat")).hasSameBinaryContentAs(temp.resolve("a/blk00000.dat"));
        // Core pre-allocates files in 16 MiB chunks: the tail after the last record is zeros.
        assertThat(Files.size(temp.resolve("a/blk00000.dat"))).isEqualTo(SyntheticBlkFiles.FILE_CHUNK);
        assertThat(new SyntheticBlkFiles(new SyntheticBlkFiles.Config(2_000, 80, 120, 8L)).write(temp.resolve("c")))
                .isNotEqualTo(first);
    }

    @Test
    void nextBlock_smallChainWithOneBlockSwapped_everyBlockInChainOrderWithItsMerkleRootAndCommitment()
            throws NoSuchAlgorithmException {
        Path dir = temp.resolve("blocks");
        SyntheticBlkFiles.Written written = new SyntheticBlkFiles(SMALL).write(dir);
        RawBlockParser parser = new RawBlockParser();
        List<String> chainOrder = new ArrayList<>();
        long transactions = 0;
        long inputs = 0;
        long outputs = 0;
        String parent = BlockHeader.NO_PARENT;
        try (BlkChainReader reader = BlkChainReader.fromGenesis(dir)) {
            for (Optional<BlkChainReader.Ordered> next = reader.nextBlock(); next.isPresent();
                 next = reader.nextBlock()) {
                RawBlock block = next.get().block();
                assertThat(next.get().height()).isEqualTo(chainOrder.size());
                assertThat(block.header().prevHash()).isEqualTo(parent);
                assertThat(parser.merkleRootMatches(block)).as("Merkle root of block %d", chainOrder.size()).isTrue();
                if (chainOrder.size() > 0) {
                    assertThat(commitment(block)).isEqualTo(expectedCommitment(parser, block));
                }
                chainOrder.add(block.hash());
                parent = block.hash();
                transactions += block.transactions().size();
                for (RawTransaction t : block.transactions()) {
                    inputs += t.coinbase() ? 0 : t.inputs().size();
                    outputs += t.outputs().size();
                }
            }
        }

        assertThat(chainOrder).hasSize((int) written.blocks());
        assertThat(transactions).isEqualTo(written.transactions());
        assertThat(inputs).isEqualTo(written.inputs());
        assertThat(outputs).isEqualTo(written.outputs());
        List<String> fileOrder = new ArrayList<>();
        try (BlkFileReader files = new BlkFileReader(dir)) {
            for (Optional<BlkRecord> r = files.next(); r.isPresent(); r = files.next()) {
                fileOrder.add(r.get().header().hash());
            }
        }
        List<String> swappedBack = new ArrayList<>(fileOrder);
        swappedBack.set(SyntheticBlkFiles.SWAP_FIRST, fileOrder.get(SyntheticBlkFiles.SWAP_FIRST + 1));
        swappedBack.set(SyntheticBlkFiles.SWAP_FIRST + 1, fileOrder.get(SyntheticBlkFiles.SWAP_FIRST));
        assertThat(fileOrder).isNotEqualTo(chainOrder);
        assertThat(swappedBack).isEqualTo(chainOrder);
    }

    @Test
    void run_smallChainWithASmallCache_resolvesEveryInputAndStoresWhatWasWritten() {
        Path dir = temp.resolve("blocks");
        SyntheticBlkFiles.Written written = new SyntheticBlkFiles(SMALL).write(dir);
        GraphConnection graph = TestGraph.fresh();
        // A cache of 5,000 outputs, more than the first block's 3,600 and a batch's ~300 (the resolver
        // asks the graph for what the cache dropped, so nothing unwritten may be dropped), fewer than
        // the chain's ~9,000: the old spends go to the graph.
        UtxoIngestor ingestor = new UtxoIngestor(graph.store(), Chain.BITCOIN, 100, 5_000);

        UtxoIngestReport report;
        try (BlkChainReader blocks = BlkChainReader.fromGenesis(dir)) {
            report = ingestor.run(blocks, OptionalLong.empty());
        }

        assertThat(report.blocks()).isEqualTo(written.blocks());
        assertThat(report.transactions()).isEqualTo(written.transactions());
        assertThat(report.inputs()).isEqualTo(written.inputs());
        assertThat(report.outputs()).isEqualTo(written.outputs());
        assertThat(report.fees()).isEqualTo(written.fees()).isPositive();
        assertThat(report.resolved().cache() + report.resolved().graph()).isEqualTo(written.inputs());
        assertThat(report.resolved().graph()).isPositive();
        assertThat(report.resolved().source()).isZero();
        assertThat(graph.store().counts())
                .containsEntry("Block", written.blocks())
                .containsEntry("Transaction", written.transactions())
                .containsEntry(":IN", written.inputs())
                .containsEntry(":OUT", written.outputs())
                .containsEntry("Address", written.addresses());
        try (BlkChainReader blocks = BlkChainReader.fromGenesis(dir)) {
            RawBlock last = null;
            for (Optional<BlkChainReader.Ordered> b = blocks.nextBlock(); b.isPresent(); b = blocks.nextBlock()) {
                last = b.get().block();
            }
            for (RawTransaction t : last.transactions()) {
                UtxoTransaction stored = graph.store().utxo().transaction(Chain.BITCOIN, t.txid()).orElseThrow();
                assertThat(stored.resolved()).isTrue();
                assertThat(stored.fee().getAsLong()).as("fee of %s", t.txid()).isNotNegative();
            }
        }
    }

    /** The 32 bytes after {@code aa21a9ed} in the coinbase's commitment output, display order reversed back. */
    private static String commitment(RawBlock block) {
        for (RawTransaction.Output o : block.transactions().get(0).outputs()) {
            byte[] s = o.scriptPubKey();
            if (s.length == 38 && s[0] == 0x6a && s[1] == 0x24 && HEX.formatHex(s, 2, 6).equals("aa21a9ed")) {
                return HEX.formatHex(s, 6, 38);
            }
        }
        throw new AssertionError("block " + block.hash() + " has no witness commitment");
    }

    /** BIP141: SHA256d(Merkle root of the wtxids, the coinbase's as zeros || 32 zero bytes of reserved value). */
    private static String expectedCommitment(RawBlockParser parser, RawBlock block) throws NoSuchAlgorithmException {
        List<String> wtxids = new ArrayList<>();
        wtxids.add(BlockHeader.NO_PARENT);
        block.transactions().stream().skip(1).forEach(t -> wtxids.add(t.wtxid()));
        byte[] root = reversed(HEX.parseHex(parser.merkleRoot(wtxids)));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(root);
        sha.update(new byte[32]);
        return HEX.formatHex(sha.digest(sha.digest()));
    }

    private static byte[] reversed(byte[] bytes) {
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte b = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = b;
        }
        return bytes;
    }
}
