package org.chaintrail.http;

import io.javalin.http.Context;
import java.util.Set;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.query.AddressQuery;
import org.chaintrail.query.ExposureQuery;
import org.chaintrail.query.QueryLimits;
import org.chaintrail.query.ScreenQuery;

/**
 * {@code GET /api/v1/addresses/{chain}/{address}/exposure?asset=&maxHops=} and
 * {@code POST /api/v1/screen} with {@code {"chain","addresses":[...],"asset","maxHops"}}.
 */
final class ExposureController {
    private static final Set<String> SCREEN_FIELDS = Set.of("chain", "addresses", "asset", "maxHops");

    private final GraphStore store;
    private final QueryLimits limits;

    ExposureController(GraphStore store, QueryLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    void get(Context ctx) {
        String chain = ctx.pathParam("chain");
        String address = ctx.pathParam("address");
        var exposure = new ExposureQuery(chain, address, ctx.queryParam("asset"), QueryParams.integer(ctx, "maxHops"))
                .run(store, limits).orElseThrow(() -> new ProblemException(Problem.notFound(
                        AddressQuery.notFound(chain, address))));
        ApiServer.json(ctx, 200, exposure);
    }

    void screen(Context ctx) {
        JsonBody body = JsonBody.parse(ctx.body(), SCREEN_FIELDS);
        ApiServer.json(ctx, 200, new ScreenQuery(body.text("chain"), body.texts("addresses"), body.text("asset"),
                body.integer("maxHops")).run(store, limits));
    }
}
