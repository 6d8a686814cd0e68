package org.chaintrail.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.chaintrail.model.AuditEntry;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * The audit log of the API: {@code (:AuditEntry {seq, time, keyName, role, …, prevHash, hash})}, unique
 * on {@code seq}, chained by hash ({@link AuditEntry}), and one {@code (:AuditHead {id, seq, hash})}
 * naming the last entry. Entries are only ever created.
 *
 * <p>An append locks the head in its transaction and writes only if the head is the one its entries
 * were chained from (the last this store wrote); if another process moved it, the entries are
 * chained anew from the head as it is, still under the lock. So the chain stays linear even when
 * several API processes share one Neo4j, and a batch usually costs one statement.
 */
public final class AuditStore {
    /*
     * One statement per batch: lock the head (writing a property takes the node's write lock, held
     * to the end of the transaction; the property is removed again before), and write the entries
     * only if the head is the one they were chained from. Else nothing is written and the head as
     * it is comes back, still locked, to chain from.
     */
    private static final String APPEND = """
            MERGE (h:AuditHead {id: 'audit'})
              ON CREATE SET h.seq = 0, h.hash = $genesis
            SET h.lock = true
            WITH h, h.seq AS seq, h.hash AS hash
            WITH h, seq, hash, seq = $fromSeq AND hash = $fromHash AS chained
            FOREACH (r IN CASE WHEN chained THEN $rows ELSE [] END | CREATE (e:AuditEntry) SET e = r)
            FOREACH (x IN CASE WHEN chained THEN [1] ELSE [] END | SET h.seq = $toSeq, h.hash = $toHash)
            REMOVE h.lock
            RETURN chained, seq, hash""";

    private static final String HEAD = "MATCH (h:AuditHead {id: 'audit'}) RETURN h.seq AS seq, h.hash AS hash";

    private static final String ENTRIES = """
            MATCH (e:AuditEntry) WHERE e.seq >= $from AND e.seq <= $to
            RETURN properties(e) AS e ORDER BY e.seq LIMIT $limit""";

    private static final int VERIFY_PAGE = 10_000;

    private final Driver driver;
    /** The head as this process last wrote it: a guess to chain the next batch from, checked under the lock. */
    private volatile Head known;

    AuditStore(Driver driver) {
        this.driver = driver;
    }

    /**
     * The last entry: how many there are and the hash that seals them.
     *
     * @param seq  the last entry's seq, 0 when there is none
     * @param hash its hash, {@link AuditEntry#GENESIS} when there is none
     */
    public record Head(long seq, String hash) {
    }

    /**
     * Appends events in one transaction, in the order given, after the stored head.
     *
     * @return the entries as stored, with their seq and hashes
     */
    public List<AuditEntry> append(List<AuditEntry.Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<AuditEntry> stored;
        try (var session = driver.session()) {
            // A retried transaction chains anew from the head it finds: nothing of a failed attempt stays.
            stored = session.executeWrite(tx -> {
                Head from = known == null ? new Head(0, AuditEntry.GENESIS) : known;
                for (int attempt = 1; attempt <= 2; attempt++) {
                    List<AuditEntry> entries = chain(from, events);
                    AuditEntry last = entries.get(entries.size() - 1);
                    Record r = tx.run(APPEND, Map.of("genesis", AuditEntry.GENESIS, "fromSeq", from.seq(),
                            "fromHash", from.hash(), "rows", entries.stream().map(AuditEntry::properties).toList(),
                            "toSeq", last.seq(), "toHash", last.hash())).single();
                    if (r.get("chained").asBoolean()) {
                        return entries;
                    }
                    // Another writer (another process) moved the head; it is locked now, so this holds.
                    from = new Head(r.get("seq").asLong(), r.get("hash").asString());
                }
                throw new IllegalStateException("the audit head moved while this transaction held its lock");
            });
        }
        AuditEntry last = stored.get(stored.size() - 1);
        known = new Head(last.seq(), last.hash());
        return stored;
    }

    private static List<AuditEntry> chain(Head from, List<AuditEntry.Event> events) {
        List<AuditEntry> entries = new ArrayList<>(events.size());
        long seq = from.seq();
        String hash = from.hash();
        for (AuditEntry.Event event : events) {
            AuditEntry entry = AuditEntry.chain(++seq, hash, event);
            hash = entry.hash();
            entries.add(entry);
        }
        return entries;
    }

    /** The head, or empty before the first append. */
    public Optional<Head> head() {
        return GraphStore.read(driver, HEAD, Map.of(), r -> new Head(r.get("seq").asLong(), r.get("hash").asString()))
                .stream().findFirst();
    }

    /**
     * Entries from a seq on, in order.
     *
     * @param from  the first seq wanted
     * @param limit how many at most
     */
    public List<AuditEntry> entries(long from, int limit) {
        return entries(from, Long.MAX_VALUE, limit);
    }

    private List<AuditEntry> entries(long from, long to, int limit) {
        return GraphStore.read(driver, ENTRIES, Map.of("from", from, "to", to, "limit", limit),
                r -> entry(r.get("e")));
    }

    /**
     * The outcome of checking the chain.
     *
     * @param checked  entries whose hashes were recomputed and found right
     * @param brokenAt the first seq at which the chain is broken, if it is
     * @param problem  what is wrong there, or null
     * @param head     the head as stored, if there is one
     */
    public record Verification(long checked, OptionalLong brokenAt, String problem, Optional<Head> head) {
        public boolean intact() {
            return brokenAt.isEmpty();
        }
    }

    /**
     * Recomputes every hash from the first entry to the head, page by page: an entry changed,
     * removed or inserted shows as the first seq where the chain no longer holds. Entries appended
     * while it runs, after the head it read first, are left for the next check.
     */
    public Verification verify() {
        Optional<Head> head = head();
        long last = head.map(Head::seq).orElse(Long.MAX_VALUE);
        long expected = 1;
        String prev = AuditEntry.GENESIS;
        while (expected <= last) {
            List<AuditEntry> page = entries(expected, last, VERIFY_PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (AuditEntry e : page) {
                if (e.seq() != expected) {
                    return broken(expected, expected - 1, "entry " + expected + " is missing (the next stored is "
                            + e.seq() + ")", head);
                }
                if (!e.prevHash().equals(prev)) {
                    return broken(e.seq(), expected - 1, "its prevHash is not the hash of entry " + (e.seq() - 1), head);
                }
                if (!e.hash().equals(e.expectedHash())) {
                    return broken(e.seq(), expected - 1, "its hash does not match its content", head);
                }
                prev = e.hash();
                expected++;
            }
        }
        long checked = expected - 1;
        if (head.isEmpty()) {
            return checked == 0 ? new Verification(0, OptionalLong.empty(), null, head)
                    : broken(checked, checked, "there is no AuditHead, though " + checked + " entries are stored", head);
        }
        if (checked < last) {
            return broken(checked + 1, checked, "entry " + (checked + 1) + " is missing (the head names " + last
                    + " entries)", head);
        }
        if (!head.get().hash().equals(prev)) {
            return broken(last, checked, "the head's hash is not the hash of entry " + last, head);
        }
        return new Verification(checked, OptionalLong.empty(), null, head);
    }

    private static Verification broken(long seq, long checked, String problem, Optional<Head> head) {
        return new Verification(checked, OptionalLong.of(seq), problem, head);
    }

    /** An entry as stored, whatever was done to it: a property removed or retyped reads so that its hash fails. */
    private static AuditEntry entry(Value e) {
        return new AuditEntry(number(e, "seq"), text(e, "time"), text(e, "keyName"), text(e, "role"),
                text(e, "remote"), text(e, "method"), text(e, "route"), text(e, "path"), text(e, "pathParams"),
                text(e, "query"), number(e, "bodyBytes"), text(e, "bodySha256"), text(e, "bodyHead"),
                (int) number(e, "status"), number(e, "responseBytes"), number(e, "durationMicros"),
                text(e, "prevHash"), text(e, "hash"));
    }

    private static String text(Value v, String key) {
        Object x = v.get(key).asObject();
        return x == null ? null : x.toString();
    }

    private static long number(Value v, String key) {
        return v.get(key).asObject() instanceof Long n ? n : -1;
    }
}
