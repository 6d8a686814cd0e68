package org.chaintrail.ingest.labels;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GraphSense TagPack as read from its YAML file: header fields, which every tag inherits unless
 * it sets them itself, and the tags.
 *
 * @param source the file name, for messages
 * @param header the header's scalar fields ({@code label}, {@code category}, {@code currency}, ...)
 * @param tags   the tags, in file order
 */
record TagPack(String source, Map<String, String> header, List<Tag> tags) {

    /**
     * One tag.
     *
     * @param index  its position in the {@code tags} list, from 0
     * @param line   the 1-based line it starts on
     * @param fields its own scalar fields
     */
    record Tag(int index, long line, Map<String, String> fields) {
        Tag {
            fields = Map.copyOf(fields);
        }
    }

    TagPack {
        header = Map.copyOf(header);
        tags = List.copyOf(tags);
    }

    /** A tag's value for a field: its own, else the header's. */
    Optional<String> valueOf(Tag tag, String field) {
        return Optional.ofNullable(tag.fields().get(field)).or(() -> Optional.ofNullable(header.get(field)));
    }
}
