package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.LegacyAddress;
import org.bitcoinj.core.Context;
import org.bitcoinj.crypto.ECKey;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.ingest.SharedData;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block files on real mainnet blocks 0–438 (shared/data MANIFEST item B1, bitcoinj's
 * first-100k-blocks.dat, in blk framing), and on files written from them out of order.
 */
class BlkChainReaderTest {
    private static final String GENESIS = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
    private static final String SATOSHI_TO_HAL = "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16";
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @BeforeAll
    static void context() {
        Context.propagate(new Context());
    }

    private Path firstBlocks() throws IOException {
        Files.copy(SharedData.path("bitcoin/bitcoinj/first-100k-blocks.dat"), dir.resolve("blk00000.dat"));
        return dir;
    }

    private static List<BlkChainReader.Ordered> readAll(BlkChainReader reader) {
        List<BlkChainReader.Ordered> blocks = new ArrayList<>();
        for (Optional<BlkChainReader.Ordered> b = reader.nextBlock(); b.isPresent(); b = reader.nextBlock()) {
            blocks.add(b.get());
        }
        return blocks;
    }

    /** The raw bytes of blocks 0..count-1 of B1, in chain order. */
    private static List<byte[]> firstRawBlocks(int count) throws IOException {
        // bitcoinj's file is not named blk*.dat, so its framing is read by hand here.
        byte[] all = Files.readAllBytes(SharedData.path("bitcoin/bitcoinj/first-100k-blocks.dat"));
        List<byte[]> blocks = new ArrayList<>();
        int at = 0;
        while (blocks.size() < count) {
            int length = (all[at + 4] & 0xff) | (all[at + 5] & 0xff) << 8 | (all[at + 6] & 0xff) << 16
                    | (all[at + 7] & 0xff) << 24;
            blocks.add(Arrays.copyOfRange(all, at + 8, at + 8 + length));
            at += 8 + length;
        }
        return blocks;
    }

    private static byte[] framed(byte[]... blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] block : blocks) {
            out.writeBytes(BlkFileReader.MAINNET_MAGIC);
            out.writeBytes(new byte[] {(byte) block.length, (byte) (block.length >> 8), (byte) (block.length >> 16),
                (byte) (block.length >> 24)});
            out.writeBytes(block);
        }
        return out.toByteArray();
    }

    private static byte[] withZeros(byte[] bytes, int zeros) {
        byte[] padded = new byte[bytes.length + zeros];
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        return padded;
    }

    @Test
    void nextBlock_first439MainnetBlocks_continuousChainFromGenesis() throws IOException {
        try (BlkChainReader reader = BlkChainReader.fromGenesis(firstBlocks())) {
            List<BlkChainReader.Ordered> blocks = readAll(reader);

            assertThat(blocks).hasSize(439);
            assertThat(blocks.get(0).block().hash()).isEqualTo(GENESIS);
            assertThat(blocks.get(0).block().header().prevHash()).isEqualTo(BlockHeader.NO_PARENT);
            assertThat(blocks.get(438).height()).isEqualTo(438);
            assertThat(blocks.get(438).block().hash()).startsWith("0000000025c6b644").endsWith("4c7a");
            for (int h = 1; h < blocks.size(); h++) {
                assertThat(blocks.get(h).height()).isEqualTo(h);
                assertThat(blocks.get(h).block().header().prevHash()).isEqualTo(blocks.get(h - 1).block().hash());
            }
            assertThat(blocks.stream().mapToInt(b -> b.block().transactions().size()).sum()).isEqualTo(446);
            assertThat(blocks.stream().allMatch(b -> new RawBlockParser().merkleRootMatches(b.block()))).isTrue();
        }
    }

    @Test
    void next_block170_satoshiPaysHalTenBitcoinAndFortyBack() throws IOException {
        try (BlkChainReader reader = BlkChainReader.fromGenesis(firstBlocks())) {
            UtxoBlock block = null;
            for (int h = 0; h <= 170; h++) {
                block = reader.next().orElseThrow();
            }

            UtxoTransaction tx = block.transactions().stream().filter(t -> t.txid().equals(SATOSHI_TO_HAL))
                    .findFirst().orElseThrow();

            assertThat(block.block().number()).isEqualTo(170);
            assertThat(tx.coinbase()).isFalse();
            // It spends the coinbase of block 9, Satoshi's.
            assertThat(tx.inputs()).singleElement().satisfies(input ->
                    assertThat(input.spent().toString())
                            .isEqualTo("0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9:0"));
            assertThat(tx.outputs()).extracting(UtxoOutput::value).containsExactly(1_000_000_000L, 4_000_000_000L);
            assertThat(tx.outputs()).extracting(UtxoOutput::type).containsOnly(ScriptType.PUBKEY);
            // Hal Finney's and Satoshi's addresses as explorers list them (e.g. blockstream.info's page
            // for this txid), here recomputed by bitcoinj from the keys in the scripts.
            assertThat(tx.outputs()).extracting(UtxoOutput::address)
                    .containsExactly("1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3", "12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S");
            assertThat(tx.outputs().get(0).address()).isEqualTo(bitcoinjP2pkh(
                    "04ae1a62fe09c5f51b13905f07f06b99a2f7159b2225f374cd378d71302fa28414e7aab37397f554a7df5f142c21c1b7"
                            + "303b8a0626f1baded5c72a704f7e6cd84c"));
            assertThat(tx.outputs().get(1).address()).isEqualTo(bitcoinjP2pkh(
                    "0411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6909a5cb2e0eaddfb84ccf9744464f82e160b"
                            + "fa9b8b64f9d4c03f999b8643f656b412a3"));
        }
    }

    @Test
    void nextBlock_shuffledAcrossTwoFilesWithZeroPadding_chainOrder() throws IOException {
        List<byte[]> b = firstRawBlocks(8);
        // File 0 holds 3, 0, 2 and Core's pre-allocated zeros; file 1 holds 1, 5, 4, 7, 6.
        Files.write(dir.resolve("blk00000.dat"), withZeros(framed(b.get(3), b.get(0), b.get(2)), 4096));
        Files.write(dir.resolve("blk00001.dat"), withZeros(framed(b.get(1), b.get(5), b.get(4), b.get(7), b.get(6)), 5));

        try (BlkChainReader reader = BlkChainReader.fromGenesis(dir)) {
            List<BlkChainReader.Ordered> blocks = readAll(reader);

            assertThat(blocks).extracting(BlkChainReader.Ordered::height).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
            RawBlockParser parser = new RawBlockParser();
            for (int h = 0; h < 8; h++) {
                assertThat(blocks.get(h).block().hash()).isEqualTo(parser.parse(b.get(h)).hash());
            }
        }
    }

    @Test
    void nextBlock_staleSiblingWrittenFirst_followsTheBranchThatContinues() throws IOException {
        List<byte[]> b = firstRawBlocks(6);
        byte[] stale4 = b.get(4).clone();
        stale4[76] ^= 1; // another nonce: another block with the same parent, 3, and no child
        Files.write(dir.resolve("blk00000.dat"), framed(b.get(0), b.get(1), b.get(2), b.get(3), stale4, b.get(4),
                b.get(5)));

        try (BlkChainReader reader = BlkChainReader.fromGenesis(dir)) {
            List<BlkChainReader.Ordered> blocks = readAll(reader);

            assertThat(blocks).hasSize(6);
            RawBlockParser parser = new RawBlockParser();
            assertThat(blocks.get(4).block().hash()).isEqualTo(parser.parse(b.get(4)).hash())
                    .isNotEqualTo(parser.parse(stale4).hash());
        }
    }

    @Test
    void nextBlock_resumeAfterBlock100_yieldsFrom101WithoutEarlierBlocks() throws IOException {
        String hash100;
        try (BlkChainReader reader = BlkChainReader.fromGenesis(firstBlocks())) {
            hash100 = readAll(reader).get(100).block().hash();
        }

        try (BlkChainReader reader = BlkChainReader.resumeAfter(dir, hash100, 100)) {
            List<BlkChainReader.Ordered> blocks = readAll(reader);

            assertThat(blocks).hasSize(338);
            assertThat(blocks.get(0).height()).isEqualTo(101);
            assertThat(blocks.get(0).block().header().prevHash()).isEqualTo(hash100);
        }
    }

    @Test
    void nextBlock_resumeAfterUnknownBlock_throwsNamingIt() throws IOException {
        String unknown = "ab".repeat(32);
        try (BlkChainReader reader = BlkChainReader.resumeAfter(firstBlocks(), unknown, 5)) {
            IngestException e = assertThrows(IngestException.class, reader::nextBlock);

            assertThat(e).hasMessageContaining("no block follows " + unknown);
        }
    }

    @Test
    void nextBlock_furtherOutOfOrderThanTheBound_throws() throws IOException {
        List<byte[]> b = firstRawBlocks(6);
        Files.write(dir.resolve("blk00000.dat"), framed(b.get(0), b.get(5), b.get(4), b.get(3), b.get(2), b.get(1)));

        try (BlkChainReader reader = new BlkChainReader(new BlkFileReader(dir), BlockHeader.NO_PARENT, 0, 3)) {
            IngestException e = assertThrows(IngestException.class, () -> readAll(reader));

            // Genesis itself waits for a child before it is followed, with 5, 4 and 3.
            assertThat(e).hasMessageContaining("more than 3 blocks wait for their parent");
        }
    }

    @Test
    void next_wrongMagicInSecondRecord_throwsNamingFileAndOffset() throws IOException {
        List<byte[]> b = firstRawBlocks(2);
        byte[] bytes = framed(b.get(0), b.get(1));
        int second = 8 + b.get(0).length;
        bytes[second] = 0x0b; // testnet3's magic begins 0b
        Path file = dir.resolve("blk00000.dat");
        Files.write(file, bytes);

        try (BlkFileReader files = new BlkFileReader(dir)) {
            assertThat(files.next()).isPresent();
            BitcoinParseException e = assertThrows(BitcoinParseException.class, files::next);

            assertThat(e).hasMessage(file + " offset " + second + ": expected the mainnet magic f9beb4d9, found 0bbeb4d9");
            assertThat(e.offset()).isEqualTo(second);
        }
    }

    @Test
    void next_lengthBeyondFile_throwsNamingFileAndOffset() throws IOException {
        List<byte[]> b = firstRawBlocks(1);
        byte[] bytes = framed(b.get(0));
        Path file = dir.resolve("blk00003.dat");
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));

        try (BlkFileReader files = new BlkFileReader(dir)) {
            BitcoinParseException e = assertThrows(BitcoinParseException.class, files::next);

            assertThat(e).hasMessage(file + " offset 4: the record's length " + b.get(0).length
                    + " runs past the end of the file (" + (bytes.length - 10) + " bytes)");
        }
    }

    @Test
    void next_filesInNumberOrder_notNameOrder() throws IOException {
        List<byte[]> b = firstRawBlocks(2);
        Files.write(dir.resolve("blk100000.dat"), framed(b.get(1)));
        Files.write(dir.resolve("blk99999.dat"), framed(b.get(0)));

        try (BlkFileReader files = new BlkFileReader(dir)) {
            assertThat(files.files()).extracting(p -> p.getFileName().toString())
                    .containsExactly("blk99999.dat", "blk100000.dat");
            assertThat(files.next().orElseThrow().header().hash()).isEqualTo(GENESIS);
        }
    }

    private static String bitcoinjP2pkh(String keyHex) {
        return LegacyAddress.fromPubKeyHash(BitcoinNetwork.MAINNET, ECKey.fromPublicOnly(HEX.parseHex(keyHex))
                .getPubKeyHash()).toString();
    }
}
