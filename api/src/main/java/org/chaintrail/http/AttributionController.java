package org.chaintrail.http;

import io.javalin.http.Context;
import java.util.Set;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.query.AttributionQuery;
import org.chaintrail.query.QueryLimits;

/** {@code POST /api/v1/attributions} with {@code {"chain","addresses":[...]}}. */
final class AttributionController {
    private static final Set<String> FIELDS = Set.of("chain", "addresses");

    private final GraphStore store;
    private final QueryLimits limits;

    AttributionController(GraphStore store, QueryLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    void post(Context ctx) {
        JsonBody body = JsonBody.parse(ctx.body(), FIELDS);
        ApiServer.json(ctx, 200, new AttributionQuery(body.text("chain"),
                body.has("addresses") ? body.texts("addresses") : null).run(store, limits));
    }
}
