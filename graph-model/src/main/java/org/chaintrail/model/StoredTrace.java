package org.chaintrail.model;

import java.util.List;
import java.util.Objects;

/**
 * A saved trace with everything it keeps, and its re-runs in the order they happened.
 *
 * @param trace    as the case lists it
 * @param evidence its result and what it rests on
 * @param reruns   each time it was run again
 */
public record StoredTrace(SavedTrace trace, TraceEvidence evidence, List<TraceRerun> reruns) {
    public StoredTrace {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(evidence, "evidence");
        reruns = List.copyOf(reruns);
    }

    /** Whether the stored result still hashes to the SHA-256 recorded when it was saved. */
    public boolean intact() {
        return evidence.resultSha256().equals(trace.resultSha256());
    }
}
