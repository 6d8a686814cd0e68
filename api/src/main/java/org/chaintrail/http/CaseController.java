package org.chaintrail.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.chaintrail.export.CaseReport;
import org.chaintrail.export.StixBundle;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.query.CaseForbiddenException;
import org.chaintrail.query.Cases;
import org.chaintrail.query.InvalidFieldException;
import org.chaintrail.query.QueryLimits;
import org.chaintrail.query.Requester;

/**
 * {@code /api/v1/cases}: open, list and read cases; add addresses, notes, members and saved
 * traces; export a saved trace and run it again. A case the caller may not see is a 404, the same
 * as one that does not exist.
 */
final class CaseController {
    private static final Set<String> CASE_FIELDS = Set.of("title", "description");
    private static final Set<String> ADDRESS_FIELDS = Set.of("chain", "address", "note");
    private static final Set<String> NOTE_FIELDS = Set.of("text");
    private static final Set<String> MEMBER_FIELDS = Set.of("name");

    private final Cases cases;
    private final QueryLimits limits;

    CaseController(GraphStore store, QueryLimits limits) {
        this.cases = new Cases(store);
        this.limits = limits;
    }

    /** {@code POST /api/v1/cases} with {@code {"title", "description"}}: 201 and the case. */
    void create(Context ctx) {
        JsonBody body = JsonBody.parse(ctx.body(), CASE_FIELDS);
        var opened = cases.create(requester(ctx), body.text("title"), body.text("description"));
        ctx.header("Location", "/api/v1/cases/" + opened.id());
        ApiServer.json(ctx, 201, opened);
    }

    /** {@code GET /api/v1/cases}: the cases the caller may see, in the order they were opened. */
    void list(Context ctx) {
        ApiServer.json(ctx, 200, cases.list(requester(ctx)));
    }

    /** {@code GET /api/v1/cases/{id}}: the case with its members, addresses, notes and saved traces. */
    void get(Context ctx) {
        String id = ctx.pathParam("id");
        ApiServer.json(ctx, 200, found(cases.get(requester(ctx), id), id));
    }

    /** {@code POST /api/v1/cases/{id}/addresses} with {@code {"chain", "address", "note"}}: 201 and the entry. */
    void addAddress(Context ctx) {
        String id = ctx.pathParam("id");
        JsonBody body = JsonBody.parse(ctx.body(), ADDRESS_FIELDS);
        ApiServer.json(ctx, 201, found(cases.addAddress(requester(ctx), id, body.text("chain"), body.text("address"),
                body.text("note")), id));
    }

    /** {@code POST /api/v1/cases/{id}/notes} with {@code {"text"}}: 201 and the note. */
    void addNote(Context ctx) {
        String id = ctx.pathParam("id");
        JsonBody body = JsonBody.parse(ctx.body(), NOTE_FIELDS);
        ApiServer.json(ctx, 201, found(cases.addNote(requester(ctx), id, body.text("text")), id));
    }

    /** {@code POST /api/v1/cases/{id}/members} with {@code {"name"}}: the members; creator or admin only (else 403). */
    void addMember(Context ctx) {
        String id = ctx.pathParam("id");
        JsonBody body = JsonBody.parse(ctx.body(), MEMBER_FIELDS);
        try {
            ApiServer.json(ctx, 200, found(cases.addMember(requester(ctx), id, body.text("name")), id));
        } catch (CaseForbiddenException e) {
            throw new ProblemException(new Problem("https://chaintrail.org/problems/forbidden", "Forbidden", 403,
                    e.getMessage(), null));
        }
    }

    /**
     * {@code POST /api/v1/cases/{id}/traces} with the body of {@code POST /api/v1/traces}: runs the
     * trace, saves it, 201 with its id and result.
     */
    void saveTrace(Context ctx) {
        String id = ctx.pathParam("id");
        var query = TraceController.parse(ctx.body());
        var saved = found(cases.saveTrace(requester(ctx), id, query, limits), id);
        ctx.header("Location", "/api/v1/cases/" + id + "/traces/" + saved.id());
        ApiServer.json(ctx, 201, saved);
    }

    /** {@code GET /api/v1/cases/{id}/traces/{tid}}: the saved trace, its query, result and re-runs. */
    void trace(Context ctx) {
        ApiServer.json(ctx, 200, foundTrace(ctx, requester -> cases.trace(requester, ctx.pathParam("id"),
                ctx.pathParam("tid"))));
    }

    /**
     * {@code GET /api/v1/cases/{id}/traces/{tid}/export?format=json|csv|graphml}: the result as saved,
     * not a re-run; the JSON is byte for byte what was saved, so its SHA-256 is the trace's.
     */
    void export(Context ctx) {
        String format = TraceController.format(ctx);
        var saved = foundTrace(ctx, requester -> cases.savedResult(requester, ctx.pathParam("id"),
                ctx.pathParam("tid")));
        TraceController.answer(ctx, format, saved.result(), saved::json);
        ctx.header("Content-Disposition", "attachment; filename=\"" + ctx.pathParam("id") + "-"
                + ctx.pathParam("tid") + "." + format + "\"");
    }

    /** {@code POST /api/v1/cases/{id}/traces/{tid}/rerun}: whether the figures changed, and why. */
    void rerun(Context ctx) {
        ApiServer.json(ctx, 200, foundTrace(ctx, requester -> cases.rerun(requester, ctx.pathParam("id"),
                ctx.pathParam("tid"))));
    }

    private static Requester requester(Context ctx) {
        return Caller.of(ctx).requester();
    }

    /**
     * {@code GET /api/v1/cases/{id}/stix[?producer=NAME]}: the case's indicators as a STIX 2.1
     * bundle for partner agencies; the producer names the sharing organisation.
     */
    void stix(Context ctx) {
        String id = ctx.pathParam("id");
        String producer = ctx.queryParam("producer") == null ? StixBundle.DEFAULT_PRODUCER : ctx.queryParam("producer");
        if (producer.isBlank() || producer.length() > Cases.MAX_TITLE) {
            throw new InvalidFieldException("producer", "must be 1.." + Cases.MAX_TITLE + " characters");
        }
        String bundle = StixBundle.render(found(cases.dossier(requester(ctx), id), id), producer);
        ctx.status(200).contentType(StixBundle.CONTENT_TYPE).result(bundle.getBytes(StandardCharsets.UTF_8));
        ctx.header("Content-Disposition", "attachment; filename=\"" + id + "-stix.json\"");
    }

    /** {@code GET /api/v1/cases/{id}/report}: the printable case report (HTML, self-contained). */
    void report(Context ctx) {
        String id = ctx.pathParam("id");
        String html = CaseReport.render(found(cases.dossier(requester(ctx), id), id));
        ctx.status(200).contentType("text/html; charset=utf-8").result(html.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T found(Optional<T> value, String id) {
        return value.orElseThrow(() -> new ProblemException(Problem.notFound(Cases.notFound(id))));
    }

    private static <T> T foundTrace(Context ctx, Function<Requester, Optional<T>> read) {
        return read.apply(requester(ctx)).orElseThrow(() -> new ProblemException(Problem.notFound(
                Cases.notFound(ctx.pathParam("id"), ctx.pathParam("tid")))));
    }
}
