package org.chaintrail.export;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.stream.Stream;

/** The times in a case dossier, which its exports use instead of the clock so the same case gives the same bytes. */
final class CaseTimes {
    private CaseTimes() {
    }

    /**
     * @param iso  an ISO-8601 UTC time from the dossier
     * @param what what the time is, for the message
     * @throws IllegalArgumentException naming the value when it is not such a time
     */
    static Instant parse(String iso, String what) {
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(what + " must be an ISO-8601 UTC time such as 2024-10-27T12:00:00Z, was '"
                    + iso + "'");
        }
    }

    /** The case's latest change: its opening, or the last address, note or trace added to it, as written in the dossier. */
    static String latest(CaseDossier d) {
        parse(d.createdAt(), "the case's createdAt");
        return Stream.of(Stream.of(d.createdAt()),
                        d.addresses().stream().map(a -> check(a.addedAt(), "address " + a.address() + "'s addedAt")),
                        d.notes().stream().map(n -> check(n.addedAt(), "a note's addedAt")),
                        d.traces().stream().map(t -> check(t.savedAt(), "trace " + t.id() + "'s savedAt")))
                .flatMap(s -> s).max(Comparator.comparing(Instant::parse)).orElseThrow();
    }

    private static String check(String iso, String what) {
        parse(iso, what);
        return iso;
    }
}
