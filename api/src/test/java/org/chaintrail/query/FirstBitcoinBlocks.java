package org.chaintrail.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.ingest.bitcoin.BlkChainReader;
import org.chaintrail.ingest.bitcoin.UtxoIngestor;
import org.chaintrail.model.Chain;

/**
 * Real Bitcoin mainnet blocks 0–438 (shared/data item B1, bitcoin/bitcoinj/first-100k-blocks.dat,
 * read as a blk file) and the first payment between two people in them.
 */
public final class FirstBitcoinBlocks {
    /** Satoshi's key of the block 9 coinbase, whose 50 BTC paid Hal Finney 10 BTC in block 170. */
    public static final String SATOSHI = "12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S";
    public static final String HAL = "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3";
    public static final String SATOSHI_TO_HAL = "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16";

    private FirstBitcoinBlocks() {
    }

    /** Ingests blocks 0–438 into the store, from a copy of the file under {@code temp}. */
    public static void ingest(GraphStore store, Path temp) throws IOException {
        Path blocks = Files.createDirectories(temp.resolve("blocks"));
        Path data = Path.of(System.getProperty("chaintrail.sharedData", "../shared/data"))
                .resolve("bitcoin/bitcoinj/first-100k-blocks.dat");
        Files.copy(data, blocks.resolve("blk00000.dat"));
        try (BlkChainReader source = BlkChainReader.fromGenesis(blocks)) {
            new UtxoIngestor(store, Chain.BITCOIN).run(source, OptionalLong.of(438));
        }
    }
}
