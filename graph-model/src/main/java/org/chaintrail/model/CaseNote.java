package org.chaintrail.model;

import java.util.Objects;

/**
 * A note in a case: never edited, never deleted; a correction is a later note.
 *
 * @param text  the note
 * @param added who wrote it, and when
 */
public record CaseNote(String text, Authored added) {
    public CaseNote {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a note needs text");
        }
        Objects.requireNonNull(added, "added");
    }
}
