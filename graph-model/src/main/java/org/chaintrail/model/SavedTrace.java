package org.chaintrail.model;

import java.util.Objects;

/**
 * A trace saved in a case, as the case lists it; its result and what it rests on are a
 * {@link TraceEvidence}.
 *
 * @param id           {@code trace-<n>}, numbered within the case in the order saved
 * @param saved        who saved it, and when
 * @param chain        the chain traced
 * @param query        the request as JSON, as the API takes it, to run it again
 * @param headline     the result's parameters, snapshot and summary as JSON: what a case lists of it
 * @param resultSha256 hex SHA-256 of the result's JSON (UTF-8) as saved
 */
public record SavedTrace(String id, Authored saved, Chain chain, String query, String headline, String resultSha256) {
    public SavedTrace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(saved, "saved");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(resultSha256, "resultSha256");
    }
}
