package org.chaintrail.model;

import java.util.List;
import java.util.Objects;

/**
 * A whole case, each list in the order its items were added.
 *
 * @param header    what it is and who may see it
 * @param addresses the addresses under investigation
 * @param notes     the notes
 * @param traces    the saved traces, without their results
 */
public record CaseFile(CaseHeader header, List<CaseAddress> addresses, List<CaseNote> notes, List<SavedTrace> traces) {
    public CaseFile {
        Objects.requireNonNull(header, "header");
        addresses = List.copyOf(addresses);
        notes = List.copyOf(notes);
        traces = List.copyOf(traces);
    }
}
