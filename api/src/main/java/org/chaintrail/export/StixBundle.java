package org.chaintrail.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chaintrail.analytics.tracing.TraceRequest;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.model.ServiceCategory;

/**
 * A case's indicators as a STIX 2.1 bundle (OASIS STIX Version 2.1, 2021) for partner agencies: a
 * {@code grouping} of the case (context {@code suspicious-activity}; the spec's object for an ongoing
 * investigation, where a {@code report} is a finished intelligence product), a {@code campaign} for the
 * operation under investigation, and for every case address, trace seed and trace endpoint a
 * {@code cryptocurrency-wallet} observable, an {@code indicator} whose pattern matches the address,
 * and a {@code relationship} from the indicator to the campaign whose description and external
 * references carry the evidence: every transfer with its hash, block, time and exact amounts.
 *
 * <p>STIX 2.1 has no cryptocurrency observable. The wallet is the {@code cryptocurrency-wallet} type
 * with a {@code value} property that OpenCTI and other producers already exchange, declared here as
 * a new SCO through an {@code extension-definition} (spec section 7.3) rather than as a deprecated
 * custom object. Its id is UUIDv5 in the STIX SCO namespace over {@code {"value": address}}, so
 * every producer that follows that convention names the same address with the same id.
 *
 * <p>Only seeds {@code indicate} the campaign: they are the addresses under investigation. Every
 * other address is {@code related-to} it, typed by what is known of it: an exchange deposit address
 * {@code attribution} (the exchange knows the account holder), a mixer {@code anonymization}, another
 * service {@code benign} (innocent in itself, telling only with the evidence), a sanctioned party
 * {@code malicious-activity}, anything else {@code unknown}. Case notes stay out: they are the
 * analysts' working text, not intelligence for sharing.
 *
 * <p>The same dossier gives the same bytes. Ids are UUIDv5 over each object's natural key in
 * Chaintrail's own namespace (spec 2.9 allows this for SDOs; UUIDv4 would change on every export),
 * and every time comes from the dossier: an object is created when its address entered the case and
 * modified at the case's latest change. The producer's identity and the wallet extension are the
 * same objects in every bundle, so they carry the fixed time the extension was defined.
 */
public final class StixBundle {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final ObjectMapper COMPACT = JsonMapper.builder().build();
    /** The SCO namespace of spec section 2.9, for the wallets' deterministic ids. */
    static final UUID SCO_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");
    /** Chaintrail's namespace for the ids of the objects it creates; never the SCO namespace (spec 2.9). */
    static final UUID NAMESPACE = UUID.fromString("2d32cea2-e884-43d3-bb86-d7b13642500a");
    static final String WALLET = "cryptocurrency-wallet";
    /** When version 1.0 of the wallet extension was defined. */
    static final String DEFINED = "2026-11-24T00:00:00.000Z";
    static final String TOOL = "Chaintrail";
    /** The producer named when the sharing organisation gives none. */
    public static final String DEFAULT_PRODUCER = "Chaintrail user";
    /** The media type STIX 2.1 registers for a bundle. */
    public static final String CONTENT_TYPE = "application/stix+json;version=2.1";
    static final String EXTENSION_ID = "extension-definition--" + uuid5(NAMESPACE, key("extension-definition", WALLET, "1.0"));
    private static final String EXTENSION_SCHEMA = "A cryptocurrency-wallet is a STIX Cyber-observable Object with the"
            + " SCO common properties (type, id, spec_version, object_marking_refs, granular_markings, defanged,"
            + " extensions) and one more, value (string, required): an address in its chain's canonical text form"
            + " (lower-case 0x hex on EVM chains, Base58Check T... on Tron, the standard address encoding on"
            + " Bitcoin). ID contributing property: value; the id is UUIDv5 in the namespace"
            + " 00abedb4-aa42-466c-9c01-fed23315a9b7 over the RFC 8785 serialisation of {\"value\": ...}."
            + " Patterns match it as [cryptocurrency-wallet:value = '...']. The extensions property holds this"
            + " definition's id with extension_type new-sco.";

    private StixBundle() {
    }

    /**
     * Renders the bundle.
     *
     * @param dossier  the case as its store exports it
     * @param producer the name of the organisation sharing it, as partners know it (an FIU, a police unit)
     * @return the bundle as JSON text with a final newline
     * @throws IllegalArgumentException when the producer is blank or a time in the dossier is not ISO-8601
     */
    public static String render(CaseDossier dossier, String producer) {
        Objects.requireNonNull(dossier, "dossier");
        if (producer == null || producer.isBlank()) {
            throw new IllegalArgumentException("the producer's name must not be blank");
        }
        return new Builder(dossier, producer.trim()).build();
    }

    /** One address of the case, with everything the case knows of it. */
    private static final class Subject {
        final String chain;
        final String address;
        final String entered;
        CaseDossier.Address caseAddress;
        TraceResult.EntityRef entity;
        String via;
        final Set<String> categories = new LinkedHashSet<>();
        boolean seed;
        final List<String> roles = new ArrayList<>();
        final List<Evidence> evidence = new ArrayList<>();

        Subject(String chain, String address, String entered) {
            this.chain = chain;
            this.address = address;
            this.entered = entered;
        }
    }

    /** A transfer that shows where an address stands in a saved trace. */
    private record Evidence(String trace, TraceResult.Flow flow) {
    }

    private static final class Builder {
        private final CaseDossier d;
        private final String producerId;
        private final String producer;
        private final String created;
        private final String modified;
        private final Map<String, Subject> subjects = new LinkedHashMap<>();
        private final List<Map<String, Object>> objects = new ArrayList<>();

        Builder(CaseDossier d, String producer) {
            this.d = d;
            this.producer = producer;
            this.producerId = "identity--" + uuid5(NAMESPACE, key("identity", producer));
            this.created = stamp(d.createdAt(), "the case's createdAt");
            this.modified = stamp(CaseTimes.latest(d), "the latest change");
        }

        String build() {
            collectSubjects();
            String campaignId = "campaign--" + uuid5(NAMESPACE, key("campaign", d.id()));
            identity(producerId, producer, "organization", "The organisation that shares this case.");
            String toolId = "identity--" + uuid5(NAMESPACE, key("identity", TOOL));
            if (!toolId.equals(producerId)) {
                identity(toolId, TOOL, "system", "The open-source tracing engine that defined the wallet extension.");
            }
            Map<String, Object> ext = sdo("extension-definition", EXTENSION_ID, toolId, DEFINED, DEFINED);
            ext.put("name", "Cryptocurrency wallet");
            ext.put("description", "A new SCO for a cryptocurrency address, the observable an indicator of a"
                    + " financial investigation matches.");
            ext.put("schema", EXTENSION_SCHEMA);
            ext.put("version", "1.0");
            ext.put("extension_types", List.of("new-sco"));
            objects.add(ext);

            Map<String, Object> grouping = sdo("grouping", "grouping--" + uuid5(NAMESPACE, key("grouping", d.id())),
                    producerId, created, modified);
            objects.add(grouping);
            objects.add(campaign(campaignId));

            Set<String> wallets = new LinkedHashSet<>();
            for (Subject s : subjects.values()) {
                if (wallets.add(s.address)) {
                    objects.add(wallet(s.address));
                }
                String indicatorId = "indicator--" + uuid5(NAMESPACE, key("indicator", d.id(), s.chain, s.address));
                objects.add(indicator(indicatorId, s));
                objects.add(relationship(indicatorId, campaignId, s));
            }

            grouping.put("name", "Case " + d.id() + ": " + d.title());
            grouping.put("description", caseDescription());
            grouping.put("context", "suspicious-activity");
            grouping.put("object_refs", objects.stream().map(o -> (String) o.get("id"))
                    .filter(id -> !id.equals(grouping.get("id"))).toList());
            grouping.put("external_references", List.of(reference(TOOL.toLowerCase(Locale.ROOT), d.id(), "case id")));

            Map<String, Object> bundle = new LinkedHashMap<>();
            bundle.put("type", "bundle");
            bundle.put("id", "bundle--" + uuid5(NAMESPACE, key("bundle", d.id(), modified)));
            bundle.put("objects", objects);
            try {
                return JSON.writeValueAsString(bundle) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the STIX bundle of case " + d.id(), e);
            }
        }

        /** Case addresses in the order added, then each trace's seeds and endpoints; one subject per address. */
        private void collectSubjects() {
            for (CaseDossier.Address a : d.addresses()) {
                Subject s = subject(a.chain(), a.address(), a.addedAt());
                s.caseAddress = a;
                if (a.entity() != null) {
                    s.entity = a.entity();
                    add(s.categories, a.entity().category());
                }
                a.tags().forEach(t -> add(s.categories, t.category()));
            }
            for (CaseDossier.SavedTrace t : d.traces()) {
                TraceResult r = t.result();
                TraceResult.Parameters p = r.parameters();
                String unit = TraceMethod.unit(p);
                boolean forward = p.direction().equals("forward");
                String trace = "trace " + t.id() + " (" + p.direction() + ", " + p.model() + ", " + unit + ")";
                for (String seed : p.seeds()) {
                    Subject s = subject(p.chain(), seed, t.savedAt());
                    s.seed = true;
                    // A seed's own transfers are the trace's first hop: what it sent (forward) or received (backward).
                    List<TraceResult.Flow> own = r.flows().stream().filter(f -> f.hop() == 1
                            && (forward ? f.from() : f.to()).equals(seed)).toList();
                    BigDecimal total = own.stream().map(f -> new BigDecimal(f.amount())).reduce(BigDecimal.ZERO,
                            BigDecimal::add);
                    s.roles.add("Seed of " + trace + ", an address under investigation: it " + (forward ? "sent "
                            : "received ") + total.toPlainString() + " " + unit + " in " + own.size() + " transfer(s).");
                }
                for (TraceResult.Endpoint e : r.endpoints()) {
                    Subject s = subject(p.chain(), e.address(), t.savedAt());
                    if (e.entity() != null && s.entity == null) {
                        s.entity = e.entity();
                    }
                    if (e.via() != null && s.via == null) {
                        s.via = e.via();
                    }
                    add(s.categories, e.category());
                    s.roles.add("Endpoint of " + trace + ": " + e.taintedAmount() + " " + unit
                            + (forward ? " of the seeds' funds arrived here" : " of the seeds' funds came from here")
                            + " (" + e.shareOfSeedFlow() + " of what the seeds " + (forward ? "sent" : "received")
                            + ") in " + e.txHashes().size() + " transaction(s), " + e.firstTime() + " to "
                            + e.lastTime() + ".");
                }
                for (TraceResult.Holder h : r.holders()) {
                    Subject s = subjects.get(subjectKey(p.chain(), h.address()));
                    if (s != null) {
                        s.roles.add((forward ? "In " + trace + " it still holds " + h.taintedAmount() + " " + unit
                                + " of the seeds' funds at the end of the data"
                                : "In " + trace + " the trail ends here with " + h.taintedAmount() + " " + unit
                                + " and no earlier source in the data") + " (hop " + h.hop() + ").");
                    }
                }
            }
            for (CaseDossier.SavedTrace t : d.traces()) {
                String chain = t.result().parameters().chain();
                for (TraceResult.Flow f : t.result().flows()) {
                    for (String side : f.from().equals(f.to()) ? List.of(f.from()) : List.of(f.from(), f.to())) {
                        Subject s = subjects.get(subjectKey(chain, side));
                        if (s != null) {
                            s.evidence.add(new Evidence(t.id(), f));
                        }
                    }
                }
            }
        }

        private Subject subject(String chain, String address, String entered) {
            return subjects.computeIfAbsent(subjectKey(chain, address), k -> new Subject(chain, address, entered));
        }

        private void identity(String id, String name, String identityClass, String description) {
            Map<String, Object> o = sdo("identity", id, null, DEFINED, DEFINED);
            o.put("name", name);
            o.put("description", description);
            o.put("identity_class", identityClass);
            objects.add(o);
        }

        private Map<String, Object> campaign(String id) {
            Map<String, Object> o = sdo("campaign", id, producerId, created, modified);
            o.put("name", d.title());
            o.put("description", "The activity investigated in case " + d.id() + "."
                    + (d.description() == null || d.description().isBlank() ? "" : " " + d.description()));
            // The seeds' own transfers (hop 1) are the operation's activity; later hops may be anyone's.
            List<String> seen = d.traces().stream().flatMap(t -> t.result().flows().stream())
                    .filter(f -> f.hop() == 1).map(f -> stamp(f.timestamp(), "a flow's timestamp")).sorted().toList();
            if (!seen.isEmpty()) {
                o.put("first_seen", seen.get(0));
                o.put("last_seen", seen.get(seen.size() - 1));
            }
            o.put("external_references", List.of(reference(TOOL.toLowerCase(Locale.ROOT), d.id(), "case id")));
            return o;
        }

        private Map<String, Object> wallet(String address) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("type", WALLET);
            o.put("spec_version", "2.1");
            o.put("id", WALLET + "--" + uuid5(SCO_NAMESPACE, "{\"value\":" + jcsString(address) + "}"));
            o.put("value", address);
            o.put("extensions", Map.of(EXTENSION_ID, Map.of("extension_type", "new-sco")));
            return o;
        }

        private Map<String, Object> indicator(String id, Subject s) {
            String when = stamp(s.entered, "the time an address entered the case");
            Map<String, Object> o = sdo("indicator", id, producerId, when, modified);
            o.put("name", s.chain + " address " + s.address + attribution(s).map(a -> " (" + a + ")").orElse(""));
            o.put("description", indicatorDescription(s));
            o.put("indicator_types", List.of(indicatorType(s)));
            o.put("pattern", pattern(s.address));
            o.put("pattern_type", "stix");
            o.put("pattern_version", "2.1");
            o.put("valid_from", s.evidence.stream().map(e -> stamp(e.flow().timestamp(), "a flow's timestamp")).sorted()
                    .findFirst().orElse(when));
            Set<String> labels = new LinkedHashSet<>();
            if (s.caseAddress != null) {
                s.caseAddress.tags().forEach(t -> {
                    add(labels, t.label());
                    add(labels, t.category());
                });
            }
            if (s.entity != null) {
                add(labels, s.entity.name());
            }
            s.categories.forEach(c -> add(labels, c));
            if (!labels.isEmpty()) {
                o.put("labels", List.copyOf(labels));
            }
            return o;
        }

        private Map<String, Object> relationship(String indicatorId, String campaignId, Subject s) {
            String type = s.seed ? "indicates" : "related-to";
            Map<String, Object> o = sdo("relationship", "relationship--" + uuid5(NAMESPACE,
                    key("relationship", d.id(), s.chain, s.address, type)), producerId,
                    stamp(s.entered, "the time an address entered the case"), modified);
            o.put("relationship_type", type);
            o.put("description", evidenceDescription(s));
            o.put("source_ref", indicatorId);
            o.put("target_ref", campaignId);
            Set<String> txs = new LinkedHashSet<>();
            List<Map<String, Object>> refs = new ArrayList<>();
            for (Evidence e : s.evidence) {
                TraceResult.Flow f = e.flow();
                if (txs.add(f.txHash())) {
                    refs.add(reference(s.chain, f.txHash(), "transaction in block " + f.blockNumber() + " at "
                            + f.timestamp()));
                }
            }
            if (!refs.isEmpty()) {
                o.put("external_references", refs);
            }
            return o;
        }

        private String caseDescription() {
            StringBuilder b = new StringBuilder();
            if (d.description() != null && !d.description().isBlank()) {
                b.append(d.description().strip()).append("\n\n");
            }
            b.append("Opened by ").append(d.createdBy()).append(" at ").append(d.createdAt()).append("; ")
                    .append(d.addresses().size()).append(" address(es), ").append(d.traces().size())
                    .append(" saved trace(s). Amounts are in token units, rounded half-even to the asset's base unit.");
            for (CaseDossier.SavedTrace t : d.traces()) {
                TraceResult r = t.result();
                TraceResult.Parameters p = r.parameters();
                String unit = TraceMethod.unit(p);
                boolean forward = p.direction().equals("forward");
                b.append("\n\nTrace ").append(t.id()).append(", saved by ").append(t.savedBy()).append(" at ")
                        .append(t.savedAt()).append(": ").append(TraceMethod.sentence(p)).append(". Seeds: ")
                        .append(String.join(", ", p.seeds())).append(". Data up to ").append(TraceMethod.snapshotText(r))
                        .append(". The seeds ").append(forward ? "sent " : "received ").append(r.summary().seedFlow())
                        .append(' ').append(unit).append("; ").append(r.summary().taintedToEndpoints()).append(' ')
                        .append(unit).append(forward ? " reached " : " came from ").append(r.endpoints().size())
                        .append(" endpoint(s) over ").append(r.summary().flowCount()).append(" transfer(s).");
            }
            return b.toString();
        }

        private String indicatorDescription(Subject s) {
            StringBuilder b = new StringBuilder();
            b.append("Address on ").append(s.chain).append(" in case ").append(d.id()).append(" (").append(d.title())
                    .append("). The pattern matches the address in its canonical form.");
            attribution(s).ifPresent(a -> b.append(" Attributed to ").append(a).append('.'));
            if (s.caseAddress != null) {
                CaseDossier.Address a = s.caseAddress;
                for (CaseDossier.Tag t : a.tags()) {
                    b.append(" Label: ").append(t.label());
                    if (t.category() != null) {
                        b.append(" [").append(t.category()).append(']');
                    }
                    if (t.source() != null) {
                        b.append(" from ").append(t.source());
                    }
                    b.append('.');
                }
                b.append(" Added to the case by ").append(a.addedBy()).append(" at ").append(a.addedAt());
                b.append(a.note() == null || a.note().isBlank() ? "." : " with the note \"" + a.note().strip() + "\".");
            }
            s.roles.forEach(r -> b.append(' ').append(r));
            return b.toString();
        }

        private String evidenceDescription(Subject s) {
            if (s.evidence.isEmpty()) {
                return "Added to the case; no saved trace moved tainted funds through this address.";
            }
            StringBuilder b = new StringBuilder("Evidence: ").append(s.evidence.size())
                    .append(" tainted transfer(s) to or from the address in the case's saved traces, as on chain:");
            for (Evidence e : s.evidence) {
                TraceResult.Flow f = e.flow();
                b.append("\n").append(f.txHash()).append(", block ").append(f.blockNumber()).append(", ")
                        .append(f.timestamp()).append(": ").append(f.from()).append(" to ").append(f.to()).append(", ")
                        .append(f.amount()).append(' ').append(f.asset()).append(" of which ").append(f.taintedAmount())
                        .append(" tainted (trace ").append(e.trace()).append(", hop ").append(f.hop()).append(')');
            }
            return b.toString();
        }

        private Optional<String> attribution(Subject s) {
            if (s.entity == null) {
                return s.categories.stream().findFirst();
            }
            String category = s.entity.category() == null ? "" : ", " + s.entity.category();
            String via = s.via == null ? "" : ", via " + s.via;
            return Optional.of(s.entity.name() + category + via);
        }

        private String indicatorType(Subject s) {
            if (s.seed || s.categories.contains(TraceRequest.SANCTION)) {
                return "malicious-activity";
            }
            if ("deposit-address".equals(s.via)) {
                return "attribution";
            }
            if (s.categories.contains(ServiceCategory.MIXING_SERVICE.concept())
                    || s.categories.contains(ServiceCategory.COINJOIN.concept())) {
                return "anonymization";
            }
            return s.categories.stream().anyMatch(c -> ServiceCategory.of(c).isPresent()) ? "benign" : "unknown";
        }
    }

    /** {@code [cryptocurrency-wallet:value = '...']} with the literal quoted as the pattern grammar's StringLiteral. */
    static String pattern(String address) {
        return "[" + WALLET + ":value = '" + address.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** A time as STIX wants it on created and modified: UTC, exactly milliseconds, Z. */
    static String stamp(String iso, String what) {
        String t = CaseTimes.parse(iso, what).truncatedTo(ChronoUnit.MILLIS).toString();
        // Instant prints no fraction for whole seconds and 3, 6 or 9 digits otherwise; keep 3.
        int dot = t.indexOf('.');
        return dot < 0 ? t.substring(0, t.length() - 1) + ".000Z" : t.substring(0, dot + 4) + "Z";
    }

    private static Map<String, Object> sdo(String type, String id, String createdBy, String created, String modified) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", id);
        if (createdBy != null) {
            o.put("created_by_ref", createdBy);
        }
        o.put("created", created);
        o.put("modified", modified);
        return o;
    }

    private static Map<String, Object> reference(String source, String externalId, String description) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("source_name", source);
        r.put("external_id", externalId);
        r.put("description", description);
        return r;
    }

    private static void add(Set<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(value);
        }
    }

    private static String subjectKey(String chain, String address) {
        return chain + "\n" + address;
    }

    /** A natural key as a compact JSON array, so that no two lists of parts give the same text. */
    static String key(String... parts) {
        try {
            return COMPACT.writeValueAsString(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a key", e);
        }
    }

    /** A JSON string as RFC 8785 serialises it (the escapes of ECMAScript's JSON.stringify). */
    static String jcsString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }

    /** A name-based UUID, version 5 (RFC 4122 section 4.3: SHA-1 over the namespace and the name). */
    static UUID uuid5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                    .putLong(namespace.getLeastSignificantBits()).array());
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer bits = ByteBuffer.wrap(h, 0, 16);
            return new UUID(bits.getLong(), bits.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JRE", e);
        }
    }
}
