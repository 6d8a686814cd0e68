package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.export.CaseDossier;
import org.chaintrail.graph.CaseStore;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Authored;
import org.chaintrail.model.CaseAddress;
import org.chaintrail.model.CaseFile;
import org.chaintrail.model.CaseHeader;
import org.chaintrail.model.CaseMember;
import org.chaintrail.model.CaseNote;
import org.chaintrail.model.Chain;
import org.chaintrail.model.SavedTrace;
import org.chaintrail.model.StoredTrace;
import org.chaintrail.model.TraceRerun;

/**
 * Investigators' cases, as the API and the CLI use them: input checked field by field, every item
 * signed with the requester's name, and a case that the requester may not see answered exactly
 * like one that does not exist (an empty {@code Optional}).
 */
public final class Cases {
    public static final int MAX_TITLE = 200;
    public static final int MAX_TEXT = 20_000;

    private final GraphStore store;
    private final CaseStore cases;
    private final TraceRerunner rerunner;

    public Cases(GraphStore store) {
        this.store = store;
        this.cases = store.cases();
        this.rerunner = new TraceRerunner(store);
    }

    /** What the API says of a case it does not show: the same whether it exists or not. */
    public static String notFound(String id) {
        return "no case '" + id + "'";
    }

    public static String notFound(String id, String traceId) {
        return "no trace '" + traceId + "' in case '" + id + "'";
    }

    /**
     * Opens a case.
     *
     * @throws InvalidFieldException {@code title} or {@code description}
     */
    public CaseView.Listing create(Requester who, String title, String description) {
        String t = text("title", title, MAX_TITLE, true);
        String d = text("description", description, MAX_TEXT, false);
        return CaseView.Listing.of(cases.create(t, Optional.ofNullable(d), signed(who)));
    }

    /** The cases the requester may see, in the order they were opened. */
    public List<CaseView.Listing> list(Requester who) {
        return cases.visibleTo(who.name(), who.admin()).stream().map(CaseView.Listing::of).toList();
    }

    /** The whole case, if the requester may see it. */
    public Optional<CaseView> get(Requester who, String id) {
        return visibleFile(who, id).map(f -> {
            CaseHeader h = f.header();
            List<CaseView.Trace> traces = f.traces().stream().map(Cases::listed).toList();
            return new CaseView(h.id(), h.title(), h.description().orElse(null), h.created().by(),
                    h.created().at().toString(), h.members().stream().map(CaseView.Member::of).toList(),
                    f.addresses().stream().map(CaseView.Address::of).toList(),
                    f.notes().stream().map(CaseView.Note::of).toList(), traces);
        });
    }

    /**
     * Adds an address under investigation.
     *
     * @throws InvalidFieldException {@code chain}, {@code address} (malformed, or in the case already) or {@code note}
     */
    public Optional<CaseView.Address> addAddress(Requester who, String id, String chain, String address, String note) {
        Chain c = check("chain", () -> Chain.of(text("chain", chain, 40, true)));
        String canonical = check("address", () -> c.canonicalAddress(text("address", address, 200, true)));
        String n = text("note", note, MAX_TEXT, false);
        if (visible(who, id).isEmpty()) {
            return Optional.empty();
        }
        CaseAddress entry = new CaseAddress(c, canonical, Optional.ofNullable(n), signed(who));
        if (!cases.addAddress(id, entry)) {
            CaseAddress first = cases.find(id).orElseThrow().addresses().stream()
                    .filter(a -> a.chain() == c && a.address().equals(canonical)).findFirst().orElseThrow();
            throw new InvalidFieldException("address", canonical + " is in " + id + " already, added by "
                    + first.added().by() + " at " + first.added().at() + "; add a note instead");
        }
        return Optional.of(CaseView.Address.of(entry));
    }

    /**
     * Adds a note.
     *
     * @throws InvalidFieldException {@code text}
     */
    public Optional<CaseView.Note> addNote(Requester who, String id, String text) {
        String t = text("text", text, MAX_TEXT, true);
        if (visible(who, id).isEmpty()) {
            return Optional.empty();
        }
        CaseNote note = new CaseNote(t, signed(who));
        cases.addNote(id, note);
        return Optional.of(CaseView.Note.of(note));
    }

    /**
     * Lets another key see the case. Adding a member twice changes nothing.
     *
     * @return the members after the change
     * @throws InvalidFieldException   {@code name}
     * @throws CaseForbiddenException if the requester is neither the case's creator nor an admin
     */
    public Optional<List<CaseView.Member>> addMember(Requester who, String id, String name) {
        String n = text("name", name, 200, true);
        Optional<CaseHeader> header = visible(who, id);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        if (!header.get().managedBy(who.name(), who.admin())) {
            throw new CaseForbiddenException("only " + header.get().created().by() + ", who opened " + id
                    + ", or an admin may add members");
        }
        cases.addMember(id, new CaseMember(n, signed(who)));
        return cases.header(id).map(h -> h.members().stream().map(CaseView.Member::of).toList());
    }

    /**
     * Runs a trace and saves it in the case with its result, block hashes and attribution.
     *
     * @throws InvalidFieldException naming the query's field at fault; nothing is saved then
     */
    public Optional<SavedTraceView> saveTrace(Requester who, String id, TraceQuery query) {
        return saveTrace(who, id, query, QueryLimits.COMMAND_LINE);
    }

    /**
     * Runs a trace within a server's seed and hop limits and saves it. It runs to the end, whatever
     * the server's time budget: a saved trace is evidence, and a re-run must compare like with like.
     *
     * @throws InvalidFieldException naming the query's field at fault; nothing is saved then
     */
    public Optional<SavedTraceView> saveTrace(Requester who, String id, TraceQuery query, QueryLimits limits) {
        if (visible(who, id).isEmpty()) {
            return Optional.empty();
        }
        TraceResult result = TraceQuery.run(store, query.toRequest(store, limits));
        String json = Json.write(result);
        SavedTrace saved = cases.saveTrace(id, signed(who), Chain.of(result.parameters().chain()), Json.write(query),
                Json.write(CaseView.Headline.of(result)), rerunner.evidence(result, json));
        return Optional.of(new SavedTraceView(id, saved.id(), saved.saved().by(), saved.saved().at().toString(), query,
                saved.resultSha256(), true, List.of(), result));
    }

    /** A saved trace with its result as saved and its re-runs. */
    public Optional<SavedTraceView> trace(Requester who, String id, String traceId) {
        return stored(who, id, traceId).map(s -> new SavedTraceView(id, s.trace().id(), s.trace().saved().by(),
                s.trace().saved().at().toString(), TraceRerunner.query(s.trace().query()), s.trace().resultSha256(),
                s.intact(), s.reruns().stream().map(r -> new SavedTraceView.Rerun(r.by().by(), r.by().at().toString(),
                        r.verdict(), r.causes())).toList(), TraceRerunner.result(s.evidence().result())));
    }

    /**
     * A saved trace's result for export: its JSON byte for byte as saved, and read.
     *
     * @param json   the JSON as saved; its SHA-256 is the trace's {@code resultSha256}
     * @param result the same, read
     */
    public record SavedResult(String json, TraceResult result) {
    }

    public Optional<SavedResult> savedResult(Requester who, String id, String traceId) {
        return stored(who, id, traceId).map(s -> new SavedResult(s.evidence().result(),
                TraceRerunner.result(s.evidence().result())));
    }

    /** Runs a saved trace again and compares ({@link RerunReport}); the saved trace stays as it is. */
    public Optional<RerunReport> rerun(Requester who, String id, String traceId) {
        return stored(who, id, traceId).map(s -> {
            Authored by = signed(who);
            RerunReport report = rerunner.rerun(id, s, by);
            cases.recordRerun(id, traceId, new TraceRerun(by, report.verdict(), report.causes()));
            return report;
        });
    }

    /**
     * Everything the case holds, as its exports read it: each address with its labels (not
     * retracted) and entity as they are now, and every saved trace with its result as saved.
     */
    public Optional<CaseDossier> dossier(Requester who, String id) {
        return visibleFile(who, id).map(f -> {
            Map<Chain, List<String>> byChain = new LinkedHashMap<>();
            f.addresses().forEach(a -> byChain.computeIfAbsent(a.chain(), c -> new ArrayList<>()).add(a.address()));
            Map<Chain, Map<String, Attribution>> attributions = new LinkedHashMap<>();
            byChain.forEach((chain, addresses) -> attributions.put(chain, store.attributions(chain, addresses)));
            List<CaseDossier.Address> addresses = f.addresses().stream().map(a -> {
                Attribution known = attributions.get(a.chain()).getOrDefault(a.address(), Attribution.NONE);
                return new CaseDossier.Address(a.chain().id(), a.address(), a.note().orElse(null), a.added().by(),
                        a.added().at().toString(), known.labels().stream().map(l -> new CaseDossier.Tag(l.label(),
                                // A sanction label has no category: its abuse says what it is.
                                l.category().or(l::abuse).orElse(null), l.source())).toList(),
                        known.entity().map(e -> new TraceResult.EntityRef(e.id(), e.name(), e.category())).orElse(null));
            }).toList();
            List<CaseDossier.SavedTrace> traces = f.traces().stream().map(t -> {
                StoredTrace s = cases.trace(id, t.id()).orElseThrow();
                return new CaseDossier.SavedTrace(t.id(), t.saved().by(), t.saved().at().toString(),
                        TraceRerunner.result(s.evidence().result()));
            }).toList();
            CaseHeader h = f.header();
            return new CaseDossier(h.id(), h.title(), h.description().orElse(null), h.created().by(),
                    h.created().at().toString(), addresses, f.notes().stream().map(n -> new CaseDossier.Note(n.text(),
                    n.added().by(), n.added().at().toString())).toList(), traces);
        });
    }

    /** Whether the requester may see the case: false too when there is none. */
    public boolean canSee(Requester who, String id) {
        return visible(who, id).isPresent();
    }

    /** The ids of the cases the requester may see. */
    public java.util.Set<String> visibleIds(Requester who) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        cases.visibleTo(who.name(), who.admin()).forEach(h -> ids.add(h.id()));
        return ids;
    }

    private Optional<CaseHeader> visible(Requester who, String id) {
        return cases.header(id).filter(h -> h.visibleTo(who.name(), who.admin()));
    }

    private Optional<CaseFile> visibleFile(Requester who, String id) {
        return cases.find(id).filter(f -> f.header().visibleTo(who.name(), who.admin()));
    }

    private Optional<StoredTrace> stored(Requester who, String id, String traceId) {
        return visible(who, id).flatMap(h -> cases.trace(id, traceId));
    }

    private static CaseView.Trace listed(SavedTrace t) {
        CaseView.Headline h = TraceRerunner.read(t.headline(), CaseView.Headline.class);
        return new CaseView.Trace(t.id(), t.saved().by(), t.saved().at().toString(), t.resultSha256(), h.parameters(),
                h.snapshot(), h.summary());
    }

    private Authored signed(Requester who) {
        return new Authored(who.name(), Instant.now());
    }

    /** Text a person typed: trimmed, required or absent (null), and not longer than {@code max}. */
    private static String text(String field, String value, int max, boolean required) {
        String t = value == null ? "" : value.strip();
        if (t.isEmpty()) {
            if (required) {
                throw new InvalidFieldException(field, "is required");
            }
            return null;
        }
        if (t.length() > max) {
            throw new InvalidFieldException(field, "at most " + max + " characters, was " + t.length());
        }
        return t;
    }
}
