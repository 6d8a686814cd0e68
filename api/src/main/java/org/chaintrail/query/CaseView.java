package org.chaintrail.query;

import java.util.List;
import java.util.Map;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.model.CaseAddress;
import org.chaintrail.model.CaseHeader;
import org.chaintrail.model.CaseMember;
import org.chaintrail.model.CaseNote;

/**
 * A case as {@code GET /api/v1/cases/{id}} answers it: every list in the order its items were
 * added. Times are ISO-8601 UTC.
 *
 * @param id          {@code case-<n>}
 * @param title       short title
 * @param description what it is about, or null
 * @param createdBy   the key that opened it
 * @param createdAt   when
 * @param members     the other keys that may see it
 * @param addresses   the addresses under investigation
 * @param notes       the notes
 * @param traces      the saved traces, each by its headline figures
 */
public record CaseView(String id, String title, String description, String createdBy, String createdAt,
                       List<Member> members, List<Address> addresses, List<Note> notes, List<Trace> traces) {

    /** A case as {@code GET /api/v1/cases} lists it. */
    public record Listing(String id, String title, String description, String createdBy, String createdAt,
                          List<Member> members) {
        static Listing of(CaseHeader h) {
            return new Listing(h.id(), h.title(), h.description().orElse(null), h.created().by(),
                    h.created().at().toString(), h.members().stream().map(Member::of).toList());
        }
    }

    public record Member(String name, String addedBy, String addedAt) {
        static Member of(CaseMember m) {
            return new Member(m.name(), m.added().by(), m.added().at().toString());
        }
    }

    public record Address(String chain, String address, String note, String addedBy, String addedAt) {
        static Address of(CaseAddress a) {
            return new Address(a.chain().id(), a.address(), a.note().orElse(null), a.added().by(),
                    a.added().at().toString());
        }
    }

    public record Note(String text, String addedBy, String addedAt) {
        static Note of(CaseNote n) {
            return new Note(n.text(), n.added().by(), n.added().at().toString());
        }
    }

    /**
     * A saved trace as a case lists it.
     *
     * @param id           {@code trace-<n>}
     * @param savedBy      who saved it
     * @param savedAt      when
     * @param resultSha256 hex SHA-256 of its result's JSON as saved (its JSON export)
     * @param parameters   what was asked
     * @param snapshot     the last block per chain it was computed on
     * @param summary      its totals
     */
    public record Trace(String id, String savedBy, String savedAt, String resultSha256,
                        TraceResult.Parameters parameters, Map<String, Long> snapshot, TraceResult.Summary summary) {
    }

    /** What a case keeps of a result to list it without reading the result: its headline figures. */
    record Headline(TraceResult.Parameters parameters, Map<String, Long> snapshot, TraceResult.Summary summary) {
        static Headline of(TraceResult r) {
            return new Headline(r.parameters(), r.snapshot(), r.summary());
        }
    }
}
