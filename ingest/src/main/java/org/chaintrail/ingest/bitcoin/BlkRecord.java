package org.chaintrail.ingest.bitcoin;

import java.nio.file.Path;

/**
 * Where one block lies in Bitcoin Core's block files, with its header.
 *
 * @param file   the {@code blk*.dat} file
 * @param offset where the block's bytes start in the file (after magic and length)
 * @param length the block's size in bytes
 * @param header its header, enough to place it in the chain without reading the rest
 */
public record BlkRecord(Path file, long offset, int length, BlockHeader header) {
}
