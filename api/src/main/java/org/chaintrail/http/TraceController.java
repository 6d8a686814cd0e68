package org.chaintrail.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Supplier;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.export.TraceCsv;
import org.chaintrail.export.TraceGraphMl;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.query.InvalidFieldException;
import org.chaintrail.query.Json;
import org.chaintrail.query.QueryLimits;
import org.chaintrail.query.TraceQuery;

/**
 * {@code POST /api/v1/traces} with {@code {"chain","seeds":[...],"asset","direction","model","maxHops"}};
 * answers the same JSON as {@code chaintrail trace --format json}.
 */
final class TraceController {
    private static final Set<String> FIELDS = Set.of("chain", "seeds", "asset", "direction", "model", "maxHops",
            "since", "until", "minAmount", "stopAt");

    private final GraphStore store;
    private final QueryLimits limits;

    TraceController(GraphStore store, QueryLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    /** {@code ?format=json} (default), {@code csv} (the flows) or {@code graphml} (the traced subgraph). */
    void post(Context ctx) {
        String format = format(ctx);
        var result = parse(ctx.body()).run(store, limits);
        answer(ctx, format, result, () -> Json.write(result));
    }

    /** The {@code format} query parameter: json (default), csv or graphml. */
    static String format(Context ctx) {
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        if (!Set.of("json", "csv", "graphml").contains(format)) {
            throw new InvalidFieldException("format", "must be json, csv or graphml, was '" + format + "'");
        }
        return format;
    }

    /** Answers 200 with a result in a format; {@code json} gives the JSON text to send. */
    static void answer(Context ctx, String format, TraceResult result, Supplier<String> json) {
        switch (format) {
            case "csv" -> ctx.status(200).contentType("text/csv; charset=utf-8").result(TraceCsv.render(result));
            case "graphml" -> ctx.status(200).contentType("application/graphml+xml; charset=utf-8")
                    .result(TraceGraphMl.render(result));
            default -> ctx.status(200).contentType("application/json")
                    .result(json.get().getBytes(StandardCharsets.UTF_8));
        }
    }

    static TraceQuery parse(String text) {
        JsonBody body = JsonBody.parse(text, FIELDS);
        return new TraceQuery(body.text("chain"), body.texts("seeds"), body.text("asset"), body.text("direction"),
                body.text("model"), body.integer("maxHops"), body.scalar("since"), body.scalar("until"),
                body.scalar("minAmount"), body.has("stopAt") ? body.texts("stopAt") : null);
    }
}
