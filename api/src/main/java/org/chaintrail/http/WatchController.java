package org.chaintrail.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.WatchStore;
import org.chaintrail.model.Watch;
import org.chaintrail.query.AlertView;
import org.chaintrail.query.Cases;
import org.chaintrail.query.InvalidFieldException;
import org.chaintrail.query.WatchQuery;
import org.chaintrail.query.WatchView;
import org.chaintrail.query.WebhookQuery;

/**
 * A case's watchlist and the alerts it raises: {@code POST|GET /api/v1/cases/{id}/watchlist},
 * {@code DELETE /api/v1/cases/{id}/watchlist/{wid}}, {@code GET /api/v1/cases/{id}/alerts},
 * {@code GET /api/v1/alerts?since=…} and {@code PUT /api/v1/webhook}. The checks themselves run in
 * the ingest (a CLI process) after each commit; this serves what they stored.
 */
final class WatchController {
    private static final Set<String> WATCH_FIELDS = Set.of("chain", "address", "asset", "model", "maxHops",
            "sinceBlock");
    private static final Set<String> WEBHOOK_FIELDS = Set.of("url", "secret");

    private final GraphStore store;
    private final Cases cases;

    WatchController(GraphStore store) {
        this.store = store;
        this.cases = new Cases(store);
    }

    void add(Context ctx) {
        String caseId = requireCase(ctx);
        JsonBody body = JsonBody.parse(ctx.body(), WATCH_FIELDS);
        Watch watch = new WatchQuery(body.text("chain"), body.text("address"), body.text("asset"), body.text("model"),
                body.integer("maxHops"), body.scalar("sinceBlock"))
                .toWatch(store, caseId, Caller.of(ctx).name(), Instant.now());
        WatchStore.Addition added = store.watches().add(watch);
        if (added instanceof WatchStore.AlreadyWatched a) {
            throw new ProblemException(new Problem("https://chaintrail.org/problems/already-watched",
                    "Already watched", 409, "case " + caseId + " already watches " + watch.address()
                    + " with the same asset, model and hop limit: watch " + a.existing().id(), "address"));
        }
        if (added instanceof WatchStore.NoSuchCase) {
            throw new ProblemException(Problem.notFound(noSuchCase(caseId)));
        }
        ApiServer.json(ctx, 201, view(watch));
    }

    void list(Context ctx) {
        String caseId = requireCase(ctx);
        List<WatchView> watches = new ArrayList<>();
        store.watches().ofCase(caseId).forEach(w -> watches.add(view(w)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", caseId);
        body.put("watches", watches);
        ApiServer.json(ctx, 200, body);
    }

    /** The watch stays in the graph, marked removed, and raises nothing more; its alerts stay. */
    void remove(Context ctx) {
        String caseId = requireCase(ctx);
        String watchId = ctx.pathParam("wid");
        if (store.watches().remove(caseId, watchId, Caller.of(ctx).name(), Instant.now()).isEmpty()) {
            throw new ProblemException(Problem.notFound("case " + caseId + " has no watch " + watchId));
        }
        ctx.status(204);
    }

    void caseAlerts(Context ctx) {
        String caseId = requireCase(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", caseId);
        body.put("alerts", store.watches().alertsOfCase(caseId).stream().map(AlertView.Listed::of).toList());
        ApiServer.json(ctx, 200, body);
    }

    /** {@code ?since=} an ISO-8601 time or date (UTC): alerts raised at or after it; absent, all; of the cases the caller may see. */
    void alerts(Context ctx) {
        String text = ctx.queryParam("since");
        Instant since = text == null || text.isBlank() ? Instant.EPOCH : since(text.trim());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("since", text == null || text.isBlank() ? null : since.toString());
        var visible = cases.visibleIds(Caller.of(ctx).requester());
        body.put("alerts", store.watches().alertsSince(since).stream().filter(a -> visible.contains(a.caseId()))
                .map(AlertView.Listed::of).toList());
        ApiServer.json(ctx, 200, body);
    }

    void webhook(Context ctx) {
        JsonBody body = JsonBody.parse(ctx.body(), WEBHOOK_FIELDS);
        String secret = body.text("secret");
        var webhook = new WebhookQuery(body.text("url"), secret).toWebhook(Caller.of(ctx).name(), Instant.now());
        store.watches().setWebhook(webhook);
        ApiServer.json(ctx, 200, WebhookQuery.View.of(webhook, secret == null));
    }

    private String requireCase(Context ctx) {
        String caseId = ctx.pathParam("id");
        if (!cases.canSee(Caller.of(ctx).requester(), caseId)) {
            throw new ProblemException(Problem.notFound(noSuchCase(caseId)));
        }
        return caseId;
    }

    private static String noSuchCase(String caseId) {
        return Cases.notFound(caseId);
    }

    private WatchView view(Watch w) {
        return WatchView.of(w, store.assets(w.chain(), List.of(w.asset())).get(w.asset()));
    }

    private static Instant since(String text) {
        try {
            return text.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("since", "not an ISO-8601 time or date (2024-10-27T12:00:00Z or "
                    + "2024-10-27): '" + text + "'");
        }
    }
}
