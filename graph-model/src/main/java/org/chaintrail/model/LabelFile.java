package org.chaintrail.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A file labels were imported from, identified by the SHA-256 of its bytes, with the header a
 * TagPack gives it (other formats have none).
 *
 * @param sha256      the SHA-256 of the file's bytes, 64 lower-case hex digits
 * @param name        the file name as imported
 * @param format      {@code tagpack}, {@code ofac}, {@code ofac-xml} or {@code csv}
 * @param title       TagPack {@code title}
 * @param creator     TagPack {@code creator}
 * @param description TagPack {@code description}
 * @param owner       TagPack {@code owner}
 * @param isPublic    TagPack {@code is_public} as written
 * @param lastmod     TagPack header {@code lastmod}, or the list's publication date
 */
public record LabelFile(String sha256, String name, String format, Optional<String> title,
                        Optional<String> creator, Optional<String> description, Optional<String> owner,
                        Optional<String> isPublic, Optional<String> lastmod) {
    public LabelFile {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, was " + sha256);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(isPublic, "isPublic");
        Objects.requireNonNull(lastmod, "lastmod");
    }

    /** A file without a header. */
    public static LabelFile of(String sha256, String name, String format) {
        return new LabelFile(sha256, name, format, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
