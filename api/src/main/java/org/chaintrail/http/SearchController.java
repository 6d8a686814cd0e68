package org.chaintrail.http;

import io.javalin.http.Context;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.query.SearchQuery;

/** {@code GET /api/v1/search?q=TEXT[&chain=ID][&limit=N]}. */
final class SearchController {
    private final GraphStore store;

    SearchController(GraphStore store) {
        this.store = store;
    }

    void get(Context ctx) {
        ApiServer.json(ctx, 200, new SearchQuery(ctx.queryParam("q"), ctx.queryParam("chain"),
                QueryParams.integer(ctx, "limit")).run(store));
    }
}
