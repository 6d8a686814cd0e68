package org.chaintrail.ingest.etl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.ingest.IngestException;

/**
 * RFC 4180 CSV with a header line: quoted cells may hold commas, doubled quotes and line breaks
 * (ethereum-etl's block {@code withdrawals} cell is quoted JSON). A row's line is the line it
 * starts on, the header being line 1.
 */
final class CsvRowReader implements RowReader {
    private static final CsvMapper MAPPER = new CsvMapper();

    private final String source;
    private final JsonParser parser;

    CsvRowReader(Path file, String source) throws IOException {
        this.source = source;
        CsvParser csv = MAPPER.getFactory().createParser(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        csv.setSchema(CsvSchema.emptySchema().withHeader());
        csv.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        this.parser = csv;
    }

    @Override
    public Optional<Row> next() {
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return Optional.empty();
            }
            if (token != JsonToken.START_OBJECT) {
                throw new IngestException(source + " line " + line() + ": malformed CSV row");
            }
            Map<String, String> values = new HashMap<>();
            // The row's own line: the parser reports START_OBJECT at the end of the previous row.
            long line = -1;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                if (line < 0) {
                    line = line();
                }
                String field = parser.currentName();
                parser.nextToken();
                String value = parser.getText();
                if (value != null && !value.isEmpty()) {
                    values.put(field, value);
                }
            }
            return Optional.of(new Row(source, line < 0 ? line() : line, values));
        } catch (JsonProcessingException e) {
            throw new IngestException(source + " line " + line() + ": malformed CSV: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IngestException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private long line() {
        return parser.currentTokenLocation().getLineNr();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
