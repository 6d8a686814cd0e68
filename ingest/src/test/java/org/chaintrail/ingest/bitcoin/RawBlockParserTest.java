package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chaintrail.ingest.SharedData;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parser on real mainnet blocks (shared/data MANIFEST items B2–B5, bitcoinj's test resources):
 * counts and hashes as the MANIFEST states them, Merkle roots recomputed against the headers.
 */
class RawBlockParserTest {
    private final RawBlockParser parser = new RawBlockParser();

    static byte[] block(int height) throws IOException {
        return Files.readAllBytes(SharedData.path("bitcoin/bitcoinj/block" + height + ".dat"));
    }

    @ParameterizedTest
    @CsvSource({
        "169482, 14, 6",
        "227835, 122, 43",
        "227836, 100, 42",
        "363703, 587, 299",
        "370661, 708, 321",
        "383616, 1731, 715",
        "481815, 2097, 532",
        "481829, 2020, 397"})
    void parse_mainnetBlock_countsAsManifestAndMerkleRootRecomputes(int height, int transactions, int multiInput)
            throws IOException {
        byte[] bytes = block(height);

        RawBlock block = parser.parse(bytes);

        assertThat(block.transactions()).hasSize(transactions);
        assertThat(block.transactions().stream().filter(tx -> tx.inputs().size() > 1).count()).isEqualTo(multiInput);
        assertThat(parser.merkleRootMatches(block)).isTrue();
        assertThat(block.size()).isEqualTo(bytes.length);
        assertThat(block.transactions().get(0).coinbase()).isTrue();
        assertThat(block.transactions().stream().skip(1).noneMatch(RawTransaction::coinbase)).isTrue();
        // Sizes add up to the block: header, transaction count, transactions.
        int txBytes = block.transactions().stream().mapToInt(RawTransaction::size).sum();
        assertThat(bytes.length - BlockHeader.SIZE - txBytes).isBetween(1, 3);
    }

    @Test
    void parse_block169482_headerFields() throws IOException {
        RawBlock block = parser.parse(block(169482));

        assertThat(block.hash()).startsWith("0000000000000756935f").endsWith("8665");
        assertThat(block.header().version()).isEqualTo(1);
        assertThat(block.header().prevHash()).startsWith("00000000").hasSize(64);
    }

    @Test
    void parse_bip34Blocks_coinbaseStatesHeightOfFileName() throws IOException {
        for (int height : new int[] {227836, 363703, 370661, 383616, 481815, 481829}) {
            byte[] scriptSig = parser.parse(block(height)).transactions().get(0).inputs().get(0).scriptSig();
            // BIP34: the coinbase script starts with a push of the height, little-endian.
            int length = scriptSig[0];
            long stated = 0;
            for (int i = 0; i < length; i++) {
                stated |= (long) (scriptSig[1 + i] & 0xff) << (8 * i);
            }
            assertThat(stated).as("block %d", height).isEqualTo(height);
        }
    }

    @Test
    void parse_block481829_onlyTheCoinbaseCarriesWitnessAndItsVsizeIsSmaller() throws IOException {
        RawBlock block = parser.parse(block(481829));

        List<RawTransaction> segwit = block.transactions().stream().filter(RawTransaction::segwit).toList();

        // The MANIFEST's one SegWit transaction is the coinbase: its witness is the 32-byte reserved
        // value that goes with the witness commitment (BIP141).
        assertThat(segwit).singleElement().satisfies(tx -> {
            assertThat(tx.coinbase()).isTrue();
            assertThat(tx.txid()).isEqualTo("9c1ab453283035800c43eb6461eb46682b81be110a0cb89ee923882a5fd9daa4");
            assertThat(tx.wtxid()).isEqualTo("2bbda73aa4e561e7f849703994cc5e563e4bcf103fb0f6fef5ae44c95c7b83a6");
            assertThat(tx.size()).isEqualTo(262);
            assertThat(tx.vsize()).isEqualTo(235);
            assertThat(tx.inputs()).singleElement().extracting(RawTransaction.Input::witness).isEqualTo(1);
        });
        // Transactions without witness weigh four times their size.
        RawTransaction legacy = block.transactions().get(1);
        assertThat(legacy.txid()).isEqualTo(legacy.wtxid());
        assertThat(legacy.vsize()).isEqualTo(legacy.size());
    }

    @Test
    void toUtxoBlock_blocks227835And227836_sixteenCrossBlockAndFourInBlockSpends() throws IOException {
        UtxoBlock first = parser.parse(block(227835)).toUtxoBlock(227835);
        UtxoBlock second = parser.parse(block(227836)).toUtxoBlock(227836);
        Set<String> firstTxids = txids(first);
        Set<String> secondTxids = txids(second);

        List<OutPoint> spent = second.transactions().stream().flatMap(tx -> tx.inputs().stream())
                .map(UtxoInput::spent).toList();

        assertThat(second.parentHash()).isEqualTo(first.block().hash());
        assertThat(spent.stream().filter(p -> firstTxids.contains(p.txid())).count()).isEqualTo(16);
        assertThat(spent.stream().filter(p -> secondTxids.contains(p.txid())).count()).isEqualTo(4);
        // Every cross-block spend names an output that 227835 really created.
        for (OutPoint p : spent.stream().filter(p -> firstTxids.contains(p.txid())).toList()) {
            UtxoTransaction creator = first.transactions().stream().filter(tx -> tx.txid().equals(p.txid()))
                    .findFirst().orElseThrow();
            assertThat(p.vout()).isLessThan(creator.outputs().size());
        }
        assertThat(second.transactions().get(0).coinbase()).isTrue();
        assertThat(second.transactions().get(0).inputs()).isEmpty();
        assertThat(second.block().number()).isEqualTo(227836);
        assertThat(second.transactions().stream().allMatch(tx -> tx.coinbase() || !tx.inputs().isEmpty())).isTrue();
    }

    @Test
    void parse_truncatedBlock_throwsNamingOffsetAndExpectation() throws IOException {
        byte[] bytes = block(169482);
        byte[] truncated = Arrays.copyOf(bytes, 1000);

        BitcoinParseException e = assertThrows(BitcoinParseException.class, () -> parser.parse(truncated));

        assertThat(e.getMessage()).startsWith("offset ").contains("expected");
        assertThat(e.offset()).isBetween(81L, 1000L);
    }

    @Test
    void parse_trailingBytes_throwsNamingWhatIsLeft() throws IOException {
        byte[] bytes = block(169482);
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 3);

        BitcoinParseException e = assertThrows(BitcoinParseException.class, () -> parser.parse(padded));

        assertThat(e).hasMessage("offset " + bytes.length + ": expected the block to end after 14 transactions,"
                + " 3 bytes are left");
    }

    @Test
    void parse_shortHeader_throws() {
        BitcoinParseException e = assertThrows(BitcoinParseException.class, () -> parser.parse(new byte[79]));

        assertThat(e).hasMessage("offset 0: expected an 80-byte block header, 79 bytes are there");
    }

    @Test
    void merkleRoot_oddCount_lastHashPairedWithItself() {
        String a = "11".repeat(32);
        String b = "22".repeat(32);
        String c = "33".repeat(32);

        assertThat(parser.merkleRoot(List.of(a))).isEqualTo(a);
        assertThat(parser.merkleRoot(List.of(a, b, c))).isEqualTo(parser.merkleRoot(List.of(a, b, c, c)));
    }

    private static Set<String> txids(UtxoBlock block) {
        Set<String> ids = new HashSet<>();
        block.transactions().forEach(tx -> ids.add(tx.txid()));
        return ids;
    }
}
