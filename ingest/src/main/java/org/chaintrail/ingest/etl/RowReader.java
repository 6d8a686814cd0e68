package org.chaintrail.ingest.etl;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.chaintrail.ingest.IngestException;

/**
 * Reads the rows of one ethereum-etl export file, one at a time, so that a file of millions of
 * rows never sits in memory. The format follows the extension: {@code .csv} is RFC 4180 with a
 * header line, {@code .json} is JSON lines (one object per line), as ethereum-etl writes them.
 */
sealed interface RowReader extends Closeable permits CsvRowReader, JsonLinesRowReader {

    /**
     * The next row, or empty at the end of the file.
     *
     * @throws IngestException naming file and line if the file is not well-formed
     */
    Optional<Row> next();

    /**
     * Opens a file by its extension.
     *
     * @param file   the file
     * @param source the name errors use for it
     * @throws IngestException if the extension is neither {@code .csv} nor {@code .json}, or the
     *                         file cannot be opened
     */
    static RowReader open(Path file, String source) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".csv")) {
                return new CsvRowReader(file, source);
            }
            if (name.endsWith(".json")) {
                return new JsonLinesRowReader(file, source);
            }
        } catch (IOException e) {
            throw new IngestException(source + ": cannot read: " + e.getMessage(), e);
        }
        throw new IngestException(source + ": unknown format, expected .csv or .json");
    }
}
