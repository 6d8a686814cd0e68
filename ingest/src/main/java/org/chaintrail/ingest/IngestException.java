package org.chaintrail.ingest;

/**
 * An input could not be imported: a malformed row, a missing field, an unreadable file. Not
 * retryable: the same input fails the same way, so the message names the file, the line and the
 * field to fix.
 */
public class IngestException extends RuntimeException {

    /**
     * @param message what is wrong and where
     */
    public IngestException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and where
     * @param cause   the underlying failure (a parser's, an I/O error)
     */
    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A problem with one field of one row, worded as {@code "token_transfers.csv line 7, field
     * value: not an integer: '12x'"}.
     *
     * @param source  the file as the user knows it (its path relative to the import directory)
     * @param line    the 1-based line the row starts on
     * @param field   the field's name in the input
     * @param problem what is wrong with it
     * @return the exception, to be thrown by the caller
     */
    public static IngestException atField(String source, long line, String field, String problem) {
        return new IngestException(source + " line " + line + ", field " + field + ": " + problem);
    }
}
