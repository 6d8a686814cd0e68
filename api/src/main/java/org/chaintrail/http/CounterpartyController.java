package org.chaintrail.http;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.BiFunction;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.query.AddressQuery;
import org.chaintrail.query.CounterpartyQuery;
import org.chaintrail.query.TransferQuery;

/**
 * {@code GET /api/v1/addresses/{chain}/{address}/counterparties?asset=&direction=&limit=} and
 * {@code GET /api/v1/addresses/{chain}/{address}/transfers?counterparty=&asset=&direction=&limit=&after=}.
 */
final class CounterpartyController {
    private final GraphStore store;

    CounterpartyController(GraphStore store) {
        this.store = store;
    }

    void counterparties(Context ctx) {
        answer(ctx, (chain, address) -> new CounterpartyQuery(chain, address, ctx.queryParam("asset"),
                ctx.queryParam("direction"), QueryParams.integer(ctx, "limit")).run(store));
    }

    void transfers(Context ctx) {
        answer(ctx, (chain, address) -> new TransferQuery(chain, address, ctx.queryParam("counterparty"),
                ctx.queryParam("asset"), ctx.queryParam("direction"), QueryParams.integer(ctx, "limit"),
                ctx.queryParam("after")).run(store));
    }

    /** The query's answer for the address of the path, or 404 when the graph has never seen it. */
    private static void answer(Context ctx, BiFunction<String, String, Optional<?>> query) {
        String chain = ctx.pathParam("chain");
        String address = ctx.pathParam("address");
        ApiServer.json(ctx, 200, query.apply(chain, address).orElseThrow(() -> new ProblemException(
                Problem.notFound(AddressQuery.notFound(chain, address)))));
    }
}
