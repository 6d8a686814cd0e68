package org.chaintrail.ingest.labels;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GraphSense TagPack as read from its YAML file: header fields, which every tag inherits unless
 * it sets them itself, and the tags.
 *
 * @param source      the file name, for messages
 * @param header      the header's scalar fields ({@code label}, {@code category}, {@code currency}, ...)
 * @param headerLists the header's lists of scalars ({@code concepts})
 * @param tags        the tags, in file order
 */
record TagPack(String source, Map<String, String> header, Map<String, List<String>> headerLists, List<Tag> tags) {

    /**
     * One tag.
     *
     * @param index  its position in the {@code tags} list, from 0
     * @param line   the 1-based line it starts on
     * @param fields its own scalar fields
     * @param lists  its own lists of scalars ({@code concepts})
     */
    record Tag(int index, long line, Map<String, String> fields, Map<String, List<String>> lists) {
        Tag {
            fields = Map.copyOf(fields);
            lists = Map.copyOf(lists);
        }
    }

    TagPack {
        header = Map.copyOf(header);
        headerLists = Map.copyOf(headerLists);
        tags = List.copyOf(tags);
    }

    /** A tag's list for a field: its own, else the header's, else empty. */
    List<String> listOf(Tag tag, String field) {
        return Optional.ofNullable(tag.lists().get(field)).or(() -> Optional.ofNullable(headerLists.get(field)))
                .orElse(List.of());
    }

    /** A tag's value for a field: its own, else the header's. */
    Optional<String> valueOf(Tag tag, String field) {
        return Optional.ofNullable(tag.fields().get(field)).or(() -> Optional.ofNullable(header.get(field)));
    }
}
