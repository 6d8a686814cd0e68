package org.chaintrail.export;

import java.util.List;
import org.chaintrail.analytics.tracing.TraceResult;

/**
 * Everything a case holds, as its exports (STIX bundle, printable report) read it. Times are
 * ISO-8601 UTC text, so the same case gives the same bytes.
 *
 * @param id          the case id
 * @param title       short title
 * @param description what the case is about, or null
 * @param createdBy   the key name that opened it
 * @param createdAt   when
 * @param addresses   addresses added to the case, in the order added
 * @param notes       notes, in the order added
 * @param traces      saved traces, in the order saved
 */
public record CaseDossier(String id, String title, String description, String createdBy, String createdAt,
                          List<Address> addresses, List<Note> notes, List<SavedTrace> traces) {
    public CaseDossier {
        addresses = List.copyOf(addresses);
        notes = List.copyOf(notes);
        traces = List.copyOf(traces);
    }

    /**
     * @param chain   chain id
     * @param address canonical address
     * @param note    why it is in the case, or null
     * @param addedBy key name
     * @param addedAt when
     * @param tags    its labels (not retracted) at export time
     * @param entity  the entity it belongs to, or null
     */
    public record Address(String chain, String address, String note, String addedBy, String addedAt, List<Tag> tags,
                          TraceResult.EntityRef entity) {
        public Address {
            tags = List.copyOf(tags);
        }
    }

    /**
     * @param label    the label text
     * @param category its category (exchange, mixing_service, ...), or null
     * @param source   where it came from (TagPack, OFAC list, ...), or null
     */
    public record Tag(String label, String category, String source) {
    }

    /**
     * @param text    the note
     * @param addedBy key name
     * @param addedAt when
     */
    public record Note(String text, String addedBy, String addedAt) {
    }

    /**
     * @param id      the trace's id within the case
     * @param savedBy key name
     * @param savedAt when
     * @param result  the trace as saved: its parameters and data snapshot are in it
     */
    public record SavedTrace(String id, String savedBy, String savedAt, TraceResult result) {
    }
}
