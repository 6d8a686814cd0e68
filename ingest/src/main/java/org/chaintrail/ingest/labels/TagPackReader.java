package org.chaintrail.ingest.labels;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chaintrail.ingest.IngestException;

/**
 * Reads a TagPack YAML file, keeping each tag's line so that errors can point at it. Scalars are
 * kept as written: an unquoted {@code 0xAbC...} address, which YAML 1.1 would take for a hex
 * integer, stays the address text. List and mapping values other than {@code tags} (such as
 * {@code concepts}) are not labels and are passed over.
 */
final class TagPackReader {
    private static final YAMLFactory YAML = new YAMLFactory();

    private TagPackReader() {
    }

    /**
     * @throws IngestException naming the file (and line) if it cannot be read or is not a TagPack
     */
    static TagPack read(Path file) {
        String source = file.getFileName().toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser parser = YAML.createParser(reader)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IngestException(source + ": not a TagPack (the document is not a mapping)");
            }
            Map<String, String> header = new HashMap<>();
            List<TagPack.Tag> tags = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("tags")) {
                    if (value != JsonToken.START_ARRAY) {
                        throw IngestException.atField(source, line(parser), "tags", "not a list");
                    }
                    tags = readTags(parser, source);
                } else {
                    readScalar(parser, value, field, header);
                }
            }
            if (tags == null) {
                throw new IngestException(source + ": field tags: missing");
            }
            return new TagPack(source, header, tags);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? source : source + " line " + e.getLocation().getLineNr();
            throw new IngestException(where + ": malformed YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IngestException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<TagPack.Tag> readTags(JsonParser parser, String source) throws IOException {
        List<TagPack.Tag> tags = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            long line = line(parser);
            if (token != JsonToken.START_OBJECT) {
                throw new IngestException(source + " tags[" + tags.size() + "] line " + line + ": not a mapping");
            }
            Map<String, String> fields = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                readScalar(parser, parser.nextToken(), field, fields);
            }
            tags.add(new TagPack.Tag(tags.size(), line, fields));
        }
        return tags;
    }

    private static void readScalar(JsonParser parser, JsonToken value, String field, Map<String, String> into)
            throws IOException {
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            parser.skipChildren();
        } else if (value != JsonToken.VALUE_NULL) {
            String text = parser.getText().trim();
            if (!text.isEmpty()) {
                into.put(field, text);
            }
        }
    }

    private static long line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }
}
