package org.chaintrail.ingest.labels;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chaintrail.ingest.IngestException;

/**
 * Reads a TagPack YAML file, keeping each tag's line so that errors can point at it. Scalars are
 * kept as written: an unquoted {@code 0xAbC...} address, which YAML 1.1 would take for a hex
 * integer, stays the address text. Lists of scalars ({@code concepts}) are kept; mappings and
 * lists of anything else are not TagPack fields and are passed over.
 */
final class TagPackReader {
    private static final YAMLFactory YAML = new YAMLFactory();

    private TagPackReader() {
    }

    /**
     * @throws IngestException naming the file (and line) if it cannot be read or is not a TagPack
     */
    static TagPack read(String source, byte[] bytes) {
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
             JsonParser parser = YAML.createParser(reader)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IngestException(source + ": not a TagPack (the document is not a mapping)");
            }
            Map<String, String> header = new HashMap<>();
            Map<String, List<String>> headerLists = new HashMap<>();
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
                    readValue(parser, value, field, header, headerLists);
                }
            }
            if (tags == null) {
                throw new IngestException(source + ": field tags: missing");
            }
            return new TagPack(source, header, headerLists, tags);
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
            Map<String, List<String>> lists = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                readValue(parser, parser.nextToken(), field, fields, lists);
            }
            tags.add(new TagPack.Tag(tags.size(), line, fields, lists));
        }
        return tags;
    }

    private static void readValue(JsonParser parser, JsonToken value, String field, Map<String, String> into,
                                  Map<String, List<String>> lists) throws IOException {
        if (value == JsonToken.START_ARRAY) {
            List<String> items = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    items = null;
                } else if (items != null && t != JsonToken.VALUE_NULL) {
                    items.add(parser.getText().trim());
                }
            }
            if (items != null) {
                lists.put(field, List.copyOf(items));
            }
        } else if (value == JsonToken.START_OBJECT) {
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
