package org.chaintrail.ingest.bitcoin;

import org.chaintrail.ingest.IngestException;

/**
 * Bytes that are not a well-formed Bitcoin block or {@code blk*.dat} record: truncated, a wrong
 * magic, a count larger than the bytes left. Not retryable: the message names where (the file
 * when known, and the byte offset) and what was expected there.
 */
public class BitcoinParseException extends IngestException {
    private final long offset;

    /**
     * @param offset  the byte offset where the problem was found
     * @param message what was expected there and what was found
     */
    public BitcoinParseException(long offset, String message) {
        super("offset " + offset + ": " + message);
        this.offset = offset;
    }

    /**
     * @param message the whole message, already naming the place
     * @param offset  the byte offset where the problem was found
     * @param cause   the problem found inside the block
     */
    public BitcoinParseException(String message, long offset, Throwable cause) {
        super(message, cause);
        this.offset = offset;
    }

    /** The byte offset of the problem, within the bytes or the file being read. */
    public long offset() {
        return offset;
    }
}
