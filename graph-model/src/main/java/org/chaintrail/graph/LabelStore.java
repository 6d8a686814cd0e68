package org.chaintrail.graph;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.LabelAttachment;
import org.chaintrail.model.LabelFile;
import org.chaintrail.model.Provenance;
import org.chaintrail.model.Retraction;
import org.chaintrail.model.TagDetails;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * The audit trail of labels: each attachment of a label to an address is a {@code HAS_LABEL}
 * relationship that records who added it, when and from which file, and is never changed again
 * except to record its retraction (who, when, why). Nothing is deleted: a retracted attachment
 * stays, and every query that attributes, traces or builds entities skips it.
 *
 * <pre>
 * (:Address)-[:HAS_LABEL {addedBy, addedAt, file, fileSha256, context, txHash, lastmod,
 *                         clusterDefiner, currency, network, tagType, concepts,
 *                         retractedBy, retractedAt, retractReason}]->(:Label)
 * (:LabelFile {sha256, name, format, title, creator, description, owner, isPublic, lastmod})
 * </pre>
 *
 * Times are UTC text to the millisecond ({@code 2024-09-27T08:15:00.000Z}), so they sort as text
 * and read the same in any tool. An address has at most one active attachment of a label: adding
 * it again while active changes nothing.
 */
public final class LabelStore {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final String WRITE_FILES = """
            UNWIND $files AS f
            MERGE (x:LabelFile {sha256: f.sha256})
              ON CREATE SET x += f""";

    /** An attachment only where the address has no active one of the same label. */
    static final String ATTACH = """
            UNWIND $rows AS r
            MERGE (a:Address {chain: r.chain, address: r.address})
            MERGE (l:Label {key: r.key})
              ON CREATE SET l.label = r.label, l.searchText = toLower(r.label), l.category = r.category,
                            l.abuse = r.abuse, l.actor = r.actor, l.source = r.source, l.confidence = r.confidence
            WITH a, l, r
            WHERE NOT EXISTS { (a)-[h:HAS_LABEL]->(l) WHERE h.retractedAt IS NULL }
            CREATE (a)-[h:HAS_LABEL]->(l)
            SET h += r.attachment
            RETURN count(h) AS created""";

    private static final String RETRACT = """
            MATCH (:Address {chain: $chain, address: $address})-[h:HAS_LABEL]->(l:Label {label: $label})
            WHERE h.retractedAt IS NULL AND ($source IS NULL OR l.source = $source)
            SET h.retractedBy = $by, h.retractedAt = $at, h.retractReason = $reason
            RETURN l ORDER BY l.key""";

    private static final String HISTORY = """
            MATCH (a:Address {chain: $chain, address: $address})-[h:HAS_LABEL]->(l:Label)
            OPTIONAL MATCH (f:LabelFile {sha256: h.fileSha256})
            RETURN a.address AS address, l, properties(h) AS h, f
            ORDER BY h.addedAt, l.key""";

    private static final String ACTIVE = """
            MATCH (a:Address {chain: $chain})-[h:HAS_LABEL]->(l:Label)
            WHERE h.retractedAt IS NULL
            OPTIONAL MATCH (f:LabelFile {sha256: h.fileSha256})
            RETURN a.address AS address, l, properties(h) AS h, f
            ORDER BY a.address, l.key""";

    private final Driver driver;

    LabelStore(Driver driver) {
        this.driver = driver;
    }

    /** A time as the store writes it: UTC, to the millisecond, fixed width. */
    static String stamp(Instant at) {
        return STAMP.format(at);
    }

    /**
     * Attaches labels in one transaction, with the files they came from. An address that carries a
     * label already, not retracted, keeps that attachment and gets no second one; so does a label
     * named twice in the list.
     *
     * @param attachments new, active attachments
     * @return how many were attached, the rest being present already
     * @throws IllegalArgumentException if an attachment is retracted already
     */
    public int attach(List<LabelAttachment> attachments) {
        Map<List<String>, Map<String, Object>> rows = new LinkedHashMap<>();
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        for (LabelAttachment a : attachments) {
            if (!a.isActive()) {
                throw new IllegalArgumentException("only active attachments can be added, "
                        + a.target().address() + " '" + a.target().label().label() + "' is retracted");
            }
            Map<String, Object> row = GraphStore.labelRow(a.target());
            row.put("attachment", attachmentProperties(a));
            rows.putIfAbsent(List.of(a.target().chain().id(), a.target().address(), (String) row.get("key")), row);
            a.added().file().ifPresent(f -> files.putIfAbsent(f.sha256(), fileProperties(f)));
        }
        if (rows.isEmpty()) {
            return 0;
        }
        try (var session = driver.session()) {
            return session.executeWrite(tx -> {
                if (!files.isEmpty()) {
                    tx.run(WRITE_FILES, Map.of("files", List.copyOf(files.values()))).consume();
                }
                return tx.run(ATTACH, Map.of("rows", List.copyOf(rows.values()))).single().get("created").asInt();
            });
        }
    }

    /**
     * Retracts the active attachments of a label (by its text, and its source when given) on one
     * address. They stay in the graph, marked with the retraction.
     *
     * @param chain      the chain
     * @param address    the address, in any form the chain accepts
     * @param label      the label's text, exactly
     * @param source     only the label with this source, or any source
     * @param retraction who, when, why
     * @return the labels retracted, empty if the address had no such active label
     */
    public List<Label> retract(Chain chain, String address, String label, Optional<String> source,
                               Retraction retraction) {
        Map<String, Object> params = new HashMap<>();
        params.put("chain", chain.id());
        params.put("address", chain.canonicalAddress(address));
        params.put("label", label);
        params.put("source", source.orElse(null));
        params.put("by", retraction.by());
        params.put("at", stamp(retraction.at()));
        params.put("reason", retraction.reason());
        try (var session = driver.session()) {
            return session.executeWrite(tx -> tx.run(RETRACT, params).list(r -> GraphStore.label(r.get("l"))));
        }
    }

    /** Every attachment ever made to the address, retracted ones included, in the order they were added. */
    public List<LabelAttachment> history(Chain chain, String address) {
        return read(chain, HISTORY, Map.of("chain", chain.id(), "address", chain.canonicalAddress(address)));
    }

    /** The active attachments of a chain, by address, then label. */
    public List<LabelAttachment> active(Chain chain) {
        return read(chain, ACTIVE, Map.of("chain", chain.id()));
    }

    private List<LabelAttachment> read(Chain chain, String cypher, Map<String, Object> params) {
        return GraphStore.read(driver, cypher, params, r -> attachment(chain, r));
    }

    private static LabelAttachment attachment(Chain chain, Record r) {
        Value h = r.get("h");
        Label label = GraphStore.label(r.get("l"));
        TagDetails details = new TagDetails(text(h, "context"), text(h, "txHash"), text(h, "lastmod"),
                text(h, "clusterDefiner"), text(h, "currency"), text(h, "network"), text(h, "tagType"),
                h.get("concepts").isNull() ? List.of() : h.get("concepts").asList(Value::asString));
        Optional<LabelFile> file = r.get("f").isNull() ? Optional.empty() : Optional.of(file(r.get("f")));
        // Labels written by GraphStore.write carry no person and time of their own.
        Provenance added = new Provenance(text(h, "addedBy").orElse("unknown"),
                text(h, "addedAt").map(Instant::parse).orElse(Instant.EPOCH), file);
        Optional<Retraction> retracted = text(h, "retractedAt").map(at -> new Retraction(
                text(h, "retractedBy").orElseThrow(), Instant.parse(at), text(h, "retractReason").orElseThrow()));
        return new LabelAttachment(new AddressLabel(chain, r.get("address").asString(), label), details, added,
                retracted);
    }

    private static LabelFile file(Value f) {
        return new LabelFile(f.get("sha256").asString(), f.get("name").asString(), f.get("format").asString(),
                text(f, "title"), text(f, "creator"), text(f, "description"), text(f, "owner"), text(f, "isPublic"),
                text(f, "lastmod"));
    }

    private static Map<String, Object> attachmentProperties(LabelAttachment a) {
        Map<String, Object> p = new HashMap<>();
        p.put("addedBy", a.added().by());
        p.put("addedAt", stamp(a.added().at()));
        a.added().file().ifPresent(f -> {
            p.put("file", f.name());
            p.put("fileSha256", f.sha256());
        });
        TagDetails d = a.details();
        d.context().ifPresent(v -> p.put("context", v));
        d.txHash().ifPresent(v -> p.put("txHash", v));
        d.lastmod().ifPresent(v -> p.put("lastmod", v));
        d.clusterDefiner().ifPresent(v -> p.put("clusterDefiner", v));
        d.currency().ifPresent(v -> p.put("currency", v));
        d.network().ifPresent(v -> p.put("network", v));
        d.tagType().ifPresent(v -> p.put("tagType", v));
        if (!d.concepts().isEmpty()) {
            p.put("concepts", d.concepts());
        }
        return p;
    }

    private static Map<String, Object> fileProperties(LabelFile f) {
        Map<String, Object> p = new HashMap<>();
        p.put("sha256", f.sha256());
        p.put("name", f.name());
        p.put("format", f.format());
        f.title().ifPresent(v -> p.put("title", v));
        f.creator().ifPresent(v -> p.put("creator", v));
        f.description().ifPresent(v -> p.put("description", v));
        f.owner().ifPresent(v -> p.put("owner", v));
        f.isPublic().ifPresent(v -> p.put("isPublic", v));
        f.lastmod().ifPresent(v -> p.put("lastmod", v));
        return p;
    }

    private static Optional<String> text(Value v, String key) {
        Value x = v.get(key);
        return x == null || x.isNull() ? Optional.empty() : Optional.of(x.asString());
    }

    static Collection<String> relationshipProperties() {
        return List.of("addedBy", "addedAt", "file", "fileSha256", "context", "txHash", "lastmod", "clusterDefiner",
                "currency", "network", "tagType", "concepts:string[]", "retractedBy", "retractedAt", "retractReason");
    }

    static List<String> fileColumns() {
        return new ArrayList<>(List.of("name", "format", "title", "creator", "description", "owner", "isPublic",
                "lastmod"));
    }
}
