package org.chaintrail.ingest.labels;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to import.
 *
 * @param files  the label files, imported in this order
 * @param format their format, or empty to guess each from its name and content
 * @param strict if any row of any file is bad, store nothing at all
 * @param by     who is importing: recorded on every label attached
 * @param clock  the time recorded on every label attached (one instant per import)
 */
public record LabelImportRequest(List<Path> files, Optional<LabelFormat> format, boolean strict, String by,
                                 Clock clock) {
    public LabelImportRequest {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("at least one label file is needed");
        }
        Objects.requireNonNull(format, "format");
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("who imports must be named (--by), was '" + by + "'");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** Files in a guessed format, non-strict, now. */
    public static LabelImportRequest of(List<Path> files, String by) {
        return new LabelImportRequest(files, Optional.empty(), false, by, Clock.systemUTC());
    }
}
