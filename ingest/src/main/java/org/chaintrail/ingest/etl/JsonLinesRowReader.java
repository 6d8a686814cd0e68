package org.chaintrail.ingest.etl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.ingest.IngestException;

/**
 * JSON lines: one object per line, blank lines skipped. Scalars are taken as the text the file
 * holds, so a bare integer such as {@code 150188698577042438264952193024} is kept digit for digit
 * and never passes through {@code double}. Nested values (arrays, objects) are kept as JSON text.
 */
final class JsonLinesRowReader implements RowReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private final String source;
    private final BufferedReader reader;
    private long lineNumber;

    JsonLinesRowReader(Path file, String source) throws IOException {
        this.source = source;
        this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    @Override
    public Optional<Row> next() {
        try {
            String text;
            do {
                text = reader.readLine();
                if (text == null) {
                    return Optional.empty();
                }
                lineNumber++;
            } while (text.isBlank());
            return Optional.of(new Row(source, lineNumber, parse(text)));
        } catch (JsonProcessingException e) {
            throw new IngestException(source + " line " + lineNumber + ": malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IngestException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private Map<String, String> parse(String text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IngestException(source + " line " + lineNumber + ": not a JSON object");
            }
            Map<String, String> values = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    values.put(field, MAPPER.readTree(parser).toString());
                } else if (value != JsonToken.VALUE_NULL) {
                    String scalar = parser.getText();
                    if (!scalar.isEmpty()) {
                        values.put(field, scalar);
                    }
                }
            }
            if (parser.nextToken() != null) {
                throw new IngestException(source + " line " + lineNumber + ": more than one JSON value on the line");
            }
            return values;
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
