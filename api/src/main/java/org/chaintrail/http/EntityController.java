package org.chaintrail.http;

import io.javalin.http.Context;
import java.util.List;
import org.chaintrail.graph.ClusterStore;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Chain;
import org.chaintrail.query.EntityQuery;
import org.chaintrail.query.ExplainQuery;
import org.chaintrail.query.InvalidFieldException;

/** {@code GET /api/v1/entities/{id}} and {@code GET /api/v1/entities/{id}/evidence?a=…&b=…[&chain=…][&paths=…]}. */
final class EntityController {
    private final GraphStore store;

    EntityController(GraphStore store) {
        this.store = store;
    }

    void get(Context ctx) {
        String id = ctx.pathParam("id");
        var view = new EntityQuery(id).run(store)
                .orElseThrow(() -> new ProblemException(Problem.notFound(EntityQuery.notFound(id))));
        ApiServer.json(ctx, 200, view);
    }

    void evidence(Context ctx) {
        String id = ctx.pathParam("id");
        String a = required(ctx, "a");
        String b = required(ctx, "b");
        Integer paths = QueryParams.integer(ctx, "paths");
        String chain = ctx.queryParam("chain") != null ? ctx.queryParam("chain") : chainOf(id, a);
        ApiServer.json(ctx, 200, new ExplainQuery(chain, a, b, paths == null ? 3 : paths).run(store));
    }

    private static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(name, "required: the address to explain");
        }
        return value;
    }

    /** A cluster's id names its chain; for an entity made from labels, the chain where {@code a} is a member. */
    private String chainOf(String id, String a) {
        if (id.startsWith(ClusterStore.ENTITY_PREFIX)) {
            String rest = id.substring(ClusterStore.ENTITY_PREFIX.length());
            int colon = rest.indexOf(':');
            if (colon > 0) {
                return rest.substring(0, colon);
            }
        }
        for (Chain c : Chain.values()) {
            String canonical;
            try {
                canonical = c.canonicalAddress(a);
            } catch (IllegalArgumentException e) {
                continue;
            }
            boolean member = store.memberships(c, List.of(canonical)).getOrDefault(canonical, List.of()).stream()
                    .anyMatch(m -> m.entityId().equals(id));
            if (member) {
                return c.id();
            }
        }
        throw new InvalidFieldException("chain", a + " is not a member of " + id + " on any chain; give chain=");
    }
}
