package org.chaintrail.query;

import java.util.List;
import org.chaintrail.analytics.tracing.TraceResult;

/**
 * A trace saved in a case, as {@code POST /api/v1/cases/{id}/traces} and
 * {@code GET /api/v1/cases/{id}/traces/{tid}} answer it.
 *
 * @param caseId       the case
 * @param id           {@code trace-<n>}
 * @param savedBy      who saved it
 * @param savedAt      when, ISO-8601 UTC
 * @param query        the request as it was made
 * @param resultSha256 hex SHA-256 of the result's JSON as saved: the bytes of its JSON export
 * @param intact       whether the stored result still has that hash
 * @param reruns       each time it was run again
 * @param result       the result as saved (not a re-run)
 */
public record SavedTraceView(String caseId, String id, String savedBy, String savedAt, TraceQuery query,
                             String resultSha256, boolean intact, List<Rerun> reruns, TraceResult result) {
    public SavedTraceView {
        reruns = List.copyOf(reruns);
    }

    /**
     * @param by      who ran it again
     * @param at      when
     * @param verdict {@code unchanged} or {@code changed}
     * @param causes  {@code history}, {@code new-blocks}
     */
    public record Rerun(String by, String at, String verdict, List<String> causes) {
    }
}
