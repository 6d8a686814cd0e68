package org.chaintrail.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.chaintrail.model.Authored;
import org.chaintrail.model.CaseAddress;
import org.chaintrail.model.CaseFile;
import org.chaintrail.model.CaseHeader;
import org.chaintrail.model.CaseMember;
import org.chaintrail.model.CaseNote;
import org.chaintrail.model.Chain;
import org.chaintrail.model.SavedTrace;
import org.chaintrail.model.StoredTrace;
import org.chaintrail.model.TraceEvidence;
import org.chaintrail.model.TraceRerun;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.MapAccessor;

/**
 * Investigators' cases: the addresses, notes and saved traces they gather over weeks, kept as a
 * forensic record. Items are only ever added, each signed with who added it and when; nothing is
 * edited or deleted, and a saved trace keeps its result byte for byte with its SHA-256.
 *
 * <pre>
 * (:Case {id, seq, title, description, createdBy, createdAt, items, traces})
 *   -[:HAS_MEMBER]->(:CaseMember {caseId, seq, name, addedBy, addedAt})
 *   -[:HAS_ADDRESS]->(:CaseAddress {caseId, seq, chain, address, note, addedBy, addedAt})
 *   -[:HAS_NOTE]->(:CaseNote {caseId, seq, text, addedBy, addedAt})
 *   -[:HAS_TRACE]->(:SavedTrace {caseId, id, seq, savedBy, savedAt, chain, query, headline, result,
 *                                resultSha256, blockNumbers, blockHashes, attributions, reruns})
 *                    -[:RERUN]->(:TraceRerun {caseId, traceId, seq, by, at, verdict, causes})
 * (:CaseCounter {name: 'case', value})
 * </pre>
 *
 * Case ids are {@code case-<n>} from the counter, trace ids {@code trace-<n>} within their case;
 * {@code seq} orders every list in the order added (the case's {@code items} counter, taken under
 * the case's write lock, so two writers never share one). Times are UTC text to the millisecond,
 * like label attachments'.
 */
public final class CaseStore {
    private static final String CREATE = """
            MERGE (n:CaseCounter {name: 'case'})
            SET n.value = coalesce(n.value, 0) + 1
            CREATE (c:Case {id: 'case-' + toString(n.value), seq: n.value, title: $title, description: $description,
                            createdBy: $by, createdAt: $at, items: 0, traces: 0})
            RETURN c.id AS id""";

    /** The columns {@link #header} reads; {@code c} bound to the case. */
    private static final String HEADER_COLUMNS = """
            CALL (c) {
              OPTIONAL MATCH (c)-[:HAS_MEMBER]->(m:CaseMember)
              WITH m ORDER BY m.seq
              RETURN collect(m) AS members
            }
            RETURN c, members""";

    private static final String HEADER = "MATCH (c:Case {id: $id})\n" + HEADER_COLUMNS;

    private static final String VISIBLE = """
            MATCH (c:Case)
            WHERE $admin OR c.createdBy = $name OR EXISTS { (c)-[:HAS_MEMBER]->(:CaseMember {name: $name}) }
            """ + HEADER_COLUMNS + " ORDER BY c.seq";

    private static final String ADDRESSES = """
            MATCH (:Case {id: $id})-[:HAS_ADDRESS]->(a:CaseAddress) RETURN a ORDER BY a.seq""";

    private static final String NOTES = """
            MATCH (:Case {id: $id})-[:HAS_NOTE]->(n:CaseNote) RETURN n ORDER BY n.seq""";

    private static final String TRACES = """
            MATCH (:Case {id: $id})-[:HAS_TRACE]->(t:SavedTrace)
            RETURN t.id AS id, t.savedBy AS savedBy, t.savedAt AS savedAt, t.chain AS chain, t.query AS query,
                   t.headline AS headline, t.resultSha256 AS resultSha256
            ORDER BY t.seq""";

    // Each add first takes the case's write lock (SET items), so a second add of the same item
    // waits for the first to commit and then finds it.
    private static final String ADD_ADDRESS = """
            MATCH (c:Case {id: $id})
            SET c.items = c.items + 1
            WITH c
            WHERE NOT EXISTS { (c)-[:HAS_ADDRESS]->(:CaseAddress {chain: $chain, address: $address}) }
            CREATE (c)-[:HAS_ADDRESS]->(:CaseAddress {caseId: c.id, seq: c.items, chain: $chain, address: $address,
                                                       note: $note, addedBy: $by, addedAt: $at})
            RETURN count(*) AS added""";

    private static final String ADD_MEMBER = """
            MATCH (c:Case {id: $id})
            SET c.items = c.items + 1
            WITH c
            WHERE NOT EXISTS { (c)-[:HAS_MEMBER]->(:CaseMember {name: $name}) }
            CREATE (c)-[:HAS_MEMBER]->(:CaseMember {caseId: c.id, seq: c.items, name: $name, addedBy: $by, addedAt: $at})
            RETURN count(*) AS added""";

    private static final String ADD_NOTE = """
            MATCH (c:Case {id: $id})
            SET c.items = c.items + 1
            CREATE (c)-[:HAS_NOTE]->(:CaseNote {caseId: c.id, seq: c.items, text: $text, addedBy: $by, addedAt: $at})
            RETURN count(*) AS added""";

    private static final String SAVE_TRACE = """
            MATCH (c:Case {id: $id})
            SET c.items = c.items + 1, c.traces = c.traces + 1
            CREATE (c)-[:HAS_TRACE]->(t:SavedTrace {caseId: c.id, id: 'trace-' + toString(c.traces), seq: c.items})
            SET t += $trace
            RETURN t.id AS id""";

    private static final String TRACE = """
            MATCH (:Case {id: $id})-[:HAS_TRACE]->(t:SavedTrace {id: $trace})
            CALL (t) {
              OPTIONAL MATCH (t)-[:RERUN]->(r:TraceRerun)
              WITH r ORDER BY r.seq
              RETURN collect(r) AS reruns
            }
            RETURN t, reruns""";

    private static final String RECORD_RERUN = """
            MATCH (:Case {id: $id})-[:HAS_TRACE]->(t:SavedTrace {id: $trace})
            SET t.reruns = coalesce(t.reruns, 0) + 1
            CREATE (t)-[:RERUN]->(:TraceRerun {caseId: $id, traceId: t.id, seq: t.reruns, by: $by, at: $at,
                                                verdict: $verdict, causes: $causes})
            RETURN count(*) AS recorded""";

    private static final String BLOCK_HASHES = """
            MATCH (b:Block) WHERE b.chain = $chain AND b.number IN $numbers
            RETURN b.number AS number, b.hash AS hash""";

    private final Driver driver;

    CaseStore(Driver driver) {
        this.driver = driver;
    }

    /**
     * Opens a case.
     *
     * @param title       short title
     * @param description what it is about
     * @param created     who opens it, and when
     * @return the case, with its new id
     */
    public CaseHeader create(String title, Optional<String> description, Authored created) {
        Map<String, Object> params = new HashMap<>();
        params.put("title", title);
        params.put("description", description.orElse(null));
        params.put("by", created.by());
        params.put("at", LabelStore.stamp(created.at()));
        String id = write(tx -> tx.run(CREATE, params).single().get("id").asString());
        return new CaseHeader(id, title, description, created, List.of());
    }

    /** The case, if there is one with this id. Visibility is the caller's to check ({@link CaseHeader#visibleTo}). */
    public Optional<CaseHeader> header(String id) {
        return GraphStore.read(driver, HEADER, Map.of("id", id), CaseStore::header).stream().findFirst();
    }

    /**
     * The cases a key may see, in the order they were opened.
     *
     * @param name  the key's name
     * @param admin whether it is an admin's, who sees every case
     */
    public List<CaseHeader> visibleTo(String name, boolean admin) {
        return GraphStore.read(driver, VISIBLE, Map.of("name", name, "admin", admin), CaseStore::header);
    }

    /** The whole case, read in one transaction: its addresses, notes and saved traces (without results). */
    public Optional<CaseFile> find(String id) {
        Map<String, Object> params = Map.of("id", id);
        try (var session = driver.session()) {
            return session.executeRead(tx -> {
                List<CaseHeader> header = tx.run(HEADER, params).list(CaseStore::header);
                if (header.isEmpty()) {
                    return Optional.empty();
                }
                List<CaseAddress> addresses = tx.run(ADDRESSES, params).list(r -> address(r.get("a")));
                List<CaseNote> notes = tx.run(NOTES, params).list(r -> new CaseNote(r.get("n").get("text").asString(),
                        authored(r.get("n"), "addedBy", "addedAt")));
                List<SavedTrace> traces = tx.run(TRACES, params).list(CaseStore::savedTrace);
                return Optional.of(new CaseFile(header.get(0), addresses, notes, traces));
            });
        }
    }

    /**
     * Adds an address to a case, unless it is in the case already.
     *
     * @return whether it was added; false leaves the case as it was
     * @throws IllegalArgumentException if there is no such case
     */
    public boolean addAddress(String caseId, CaseAddress address) {
        Map<String, Object> params = signed(caseId, address.added());
        params.put("chain", address.chain().id());
        params.put("address", address.address());
        params.put("note", address.note().orElse(null));
        return add(caseId, ADD_ADDRESS, params);
    }

    /**
     * Lets one more key name see a case.
     *
     * @return whether it was added; false if it was a member already
     * @throws IllegalArgumentException if there is no such case
     */
    public boolean addMember(String caseId, CaseMember member) {
        Map<String, Object> params = signed(caseId, member.added());
        params.put("name", member.name());
        return add(caseId, ADD_MEMBER, params);
    }

    /**
     * Adds a note to a case.
     *
     * @throws IllegalArgumentException if there is no such case
     */
    public void addNote(String caseId, CaseNote note) {
        Map<String, Object> params = signed(caseId, note.added());
        params.put("text", note.text());
        add(caseId, ADD_NOTE, params);
    }

    private boolean add(String caseId, String cypher, Map<String, Object> params) {
        requireCase(caseId);
        return write(tx -> tx.run(cypher, params).single().get("added").asLong()) > 0;
    }

    /**
     * Saves a trace in a case, with its result and what it rests on.
     *
     * @param chain    the chain traced
     * @param query    the request as JSON
     * @param headline the result's parameters, snapshot and summary as JSON
     * @return the saved trace, with its new id and the result's SHA-256
     * @throws IllegalArgumentException if there is no such case
     */
    public SavedTrace saveTrace(String caseId, Authored saved, Chain chain, String query, String headline,
                                TraceEvidence evidence) {
        requireCase(caseId);
        Map<String, Object> trace = new HashMap<>();
        trace.put("savedBy", saved.by());
        trace.put("savedAt", LabelStore.stamp(saved.at()));
        trace.put("chain", chain.id());
        trace.put("query", query);
        trace.put("headline", headline);
        trace.put("result", evidence.result());
        trace.put("resultSha256", evidence.resultSha256());
        trace.put("blockNumbers", List.copyOf(evidence.blockHashes().keySet()));
        trace.put("blockHashes", List.copyOf(evidence.blockHashes().values()));
        trace.put("attributions", evidence.attributions());
        String id = write(tx -> tx.run(SAVE_TRACE, Map.of("id", caseId, "trace", trace)).single().get("id").asString());
        return new SavedTrace(id, saved, chain, query, headline, evidence.resultSha256());
    }

    /** A saved trace with its result, evidence and re-runs. */
    public Optional<StoredTrace> trace(String caseId, String traceId) {
        return GraphStore.read(driver, TRACE, Map.of("id", caseId, "trace", traceId), r -> {
            Value t = r.get("t");
            SortedMap<Long, String> blocks = new TreeMap<>();
            List<Long> numbers = t.get("blockNumbers").asList(Value::asLong);
            List<String> hashes = t.get("blockHashes").asList(Value::asString);
            for (int i = 0; i < numbers.size(); i++) {
                blocks.put(numbers.get(i), hashes.get(i));
            }
            TraceEvidence evidence = new TraceEvidence(t.get("result").asString(), blocks,
                    t.get("attributions").asString());
            List<TraceRerun> reruns = r.get("reruns").asList(v -> new TraceRerun(authored(v, "by", "at"),
                    v.get("verdict").asString(), v.get("causes").asList(Value::asString)));
            return new StoredTrace(savedTrace(t), evidence, reruns);
        }).stream().findFirst();
    }

    /**
     * Records that a saved trace was run again; the trace itself stays as saved.
     *
     * @throws IllegalArgumentException if there is no such saved trace
     */
    public void recordRerun(String caseId, String traceId, TraceRerun rerun) {
        Map<String, Object> params = signed(caseId, rerun.by());
        params.put("trace", traceId);
        params.put("verdict", rerun.verdict());
        params.put("causes", rerun.causes());
        if (write(tx -> tx.run(RECORD_RERUN, params).single().get("recorded").asLong()) == 0) {
            throw new IllegalArgumentException("no trace '" + traceId + "' in case '" + caseId + "'");
        }
    }

    /**
     * The hashes of blocks of a chain as stored now: what a saved trace's block hashes are checked
     * against. Blocks not stored (rolled back) are left out.
     */
    public SortedMap<Long, String> blockHashes(Chain chain, Collection<Long> numbers) {
        SortedMap<Long, String> result = new TreeMap<>();
        if (!numbers.isEmpty()) {
            GraphStore.read(driver, BLOCK_HASHES, Map.of("chain", chain.id(), "numbers", List.copyOf(numbers)), r -> r)
                    .forEach(r -> result.put(r.get("number").asLong(), r.get("hash").asString()));
        }
        return result;
    }

    private void requireCase(String caseId) {
        if (header(caseId).isEmpty()) {
            throw new IllegalArgumentException("no case '" + caseId + "'");
        }
    }

    private <T> T write(TransactionCallback<T> work) {
        try (var session = driver.session()) {
            return session.executeWrite(work);
        }
    }

    private static Map<String, Object> signed(String caseId, Authored added) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", caseId);
        params.put("by", added.by());
        params.put("at", LabelStore.stamp(added.at()));
        return params;
    }

    private static CaseHeader header(Record r) {
        Value c = r.get("c");
        List<CaseMember> members = new ArrayList<>();
        for (Value m : r.get("members").values()) {
            members.add(new CaseMember(m.get("name").asString(), authored(m, "addedBy", "addedAt")));
        }
        return new CaseHeader(c.get("id").asString(), c.get("title").asString(), GraphStore.optional(c, "description"),
                authored(c, "createdBy", "createdAt"), members);
    }

    private static CaseAddress address(Value a) {
        return new CaseAddress(Chain.of(a.get("chain").asString()), a.get("address").asString(), GraphStore.optional(a, "note"),
                authored(a, "addedBy", "addedAt"));
    }

    /** A saved trace's listing, from its node or from the columns of {@link #TRACES}. */
    private static SavedTrace savedTrace(MapAccessor t) {
        return new SavedTrace(t.get("id").asString(), new Authored(t.get("savedBy").asString(),
                Instant.parse(t.get("savedAt").asString())), Chain.of(t.get("chain").asString()),
                t.get("query").asString(), t.get("headline").asString(), t.get("resultSha256").asString());
    }

    private static Authored authored(Value v, String by, String at) {
        return new Authored(v.get(by).asString(), Instant.parse(v.get(at).asString()));
    }
}
