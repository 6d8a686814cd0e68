package org.chaintrail.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attachment of a label to an address: what was attached, by whom, when and from where, and,
 * once retracted, the retraction. Attachments are never changed or deleted; a retracted one stays
 * and no longer counts.
 *
 * @param target    the address and the label
 * @param details   the tag's own fields
 * @param added     who added it, when, from which file
 * @param retracted the retraction, if there was one
 */
public record LabelAttachment(AddressLabel target, TagDetails details, Provenance added,
                              Optional<Retraction> retracted) {
    public LabelAttachment {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(added, "added");
        Objects.requireNonNull(retracted, "retracted");
    }

    /** A new, active attachment. */
    public LabelAttachment(AddressLabel target, TagDetails details, Provenance added) {
        this(target, details, added, Optional.empty());
    }

    public boolean isActive() {
        return retracted.isEmpty();
    }

    /**
     * What happened to a label on an address.
     *
     * @param at     when
     * @param action {@code added} or {@code retracted}
     * @param by     who did it
     * @param label  the label
     * @param note   the file it came from (added) or the reason (retracted)
     */
    public record Event(java.time.Instant at, String action, String by, Label label, String note) {
    }

    /** The additions and retractions of these attachments, in time order (additions first at a tie). */
    public static List<Event> timeline(List<LabelAttachment> attachments) {
        List<Event> events = new ArrayList<>();
        for (LabelAttachment a : attachments) {
            events.add(new Event(a.added().at(), "added", a.added().by(), a.target().label(),
                    a.added().file().map(LabelFile::name).orElse("")));
            a.retracted().ifPresent(r -> events.add(new Event(r.at(), "retracted", r.by(), a.target().label(),
                    r.reason())));
        }
        events.sort(Comparator.comparing(Event::at).thenComparing(e -> e.action().equals("added") ? 0 : 1));
        return events;
    }
}
