package org.chaintrail.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.query.ExposureQuery;
import org.chaintrail.query.InvalidFieldException;
import org.chaintrail.query.Json;
import org.chaintrail.query.ScreenQuery;

/**
 * {@code GET /api/v1/addresses/{chain}/{address}/exposure?asset=&maxHops=} and
 * {@code POST /api/v1/screen} with {@code {"chain","addresses":[...],"asset","maxHops"}}.
 */
final class ExposureController {
    private static final Set<String> SCREEN_FIELDS = Set.of("chain", "addresses", "asset", "maxHops");

    private final GraphStore store;

    ExposureController(GraphStore store) {
        this.store = store;
    }

    void get(Context ctx) {
        String chain = ctx.pathParam("chain");
        String address = ctx.pathParam("address");
        var exposure = new ExposureQuery(chain, address, ctx.queryParam("asset"), intParam(ctx.queryParam("maxHops")))
                .run(store).orElseThrow(() -> new ProblemException(Problem.notFound(
                        "no transfers or labels for " + address + " on " + chain)));
        ApiServer.json(ctx, 200, exposure);
    }

    void screen(Context ctx) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("body", "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFieldException("body", "must be a JSON object");
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!SCREEN_FIELDS.contains(name)) {
                throw new InvalidFieldException(name, "unknown field; expected addresses, asset, chain, maxHops");
            }
        });
        JsonNode list = root.get("addresses");
        List<String> addresses = new ArrayList<>();
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new InvalidFieldException("addresses", "must be an array of addresses");
            }
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual()) {
                    throw new InvalidFieldException("addresses[" + i + "]", "must be a string");
                }
                addresses.add(list.get(i).asText());
            }
        }
        JsonNode hops = root.get("maxHops");
        if (hops != null && !hops.isNull() && !hops.isIntegralNumber()) {
            throw new InvalidFieldException("maxHops", "must be an integer");
        }
        ApiServer.json(ctx, 200, new ScreenQuery(text(root, "chain"), addresses, text(root, "asset"),
                hops == null || hops.isNull() ? null : hops.intValue()).run(store));
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n != null && !n.isNull() && !n.isTextual()) {
            throw new InvalidFieldException(field, "must be a string");
        }
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Integer intParam(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("maxHops", "must be an integer, was '" + text + "'");
        }
    }
}
