package org.chaintrail.http;

import io.javalin.http.Context;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.query.AddressQuery;

/** {@code GET /api/v1/addresses/{chain}/{address}}. */
final class AddressController {
    private final GraphStore store;

    AddressController(GraphStore store) {
        this.store = store;
    }

    void get(Context ctx) {
        String chain = ctx.pathParam("chain");
        String address = ctx.pathParam("address");
        var view = new AddressQuery(chain, address).run(store)
                .orElseThrow(() -> new ProblemException(Problem.notFound(
                        AddressQuery.notFound(chain, address))));
        ApiServer.json(ctx, 200, view);
    }
}
