package org.chaintrail.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.query.InvalidFieldException;
import org.chaintrail.query.Json;
import org.chaintrail.query.TraceQuery;

/**
 * {@code POST /api/v1/traces} with {@code {"chain","seeds":[...],"asset","direction","model","maxHops"}};
 * answers the same JSON as {@code chaintrail trace --format json}.
 */
final class TraceController {
    private static final Set<String> FIELDS = Set.of("chain", "seeds", "asset", "direction", "model", "maxHops");

    private final GraphStore store;

    TraceController(GraphStore store) {
        this.store = store;
    }

    void post(Context ctx) {
        ApiServer.json(ctx, 200, parse(ctx.body()).run(store));
    }

    static TraceQuery parse(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("body", "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFieldException("body", "must be a JSON object");
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new InvalidFieldException(name, "unknown field; expected " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        });
        JsonNode seedsNode = root.get("seeds");
        List<String> seeds = new ArrayList<>();
        if (seedsNode != null && !seedsNode.isNull()) {
            if (!seedsNode.isArray()) {
                throw new InvalidFieldException("seeds", "must be an array of addresses");
            }
            for (int i = 0; i < seedsNode.size(); i++) {
                if (!seedsNode.get(i).isTextual()) {
                    throw new InvalidFieldException("seeds[" + i + "]", "must be a string");
                }
                seeds.add(seedsNode.get(i).asText());
            }
        }
        JsonNode hops = root.get("maxHops");
        if (hops != null && !hops.isNull() && !hops.canConvertToInt()) {
            throw new InvalidFieldException("maxHops", "must be an integer");
        }
        if (hops != null && !hops.isNull() && !hops.isIntegralNumber()) {
            throw new InvalidFieldException("maxHops", "must be an integer, was " + hops);
        }
        return new TraceQuery(text(root, "chain"), seeds, text(root, "asset"), text(root, "direction"),
                text(root, "model"), hops == null || hops.isNull() ? null : hops.intValue());
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new InvalidFieldException(field, "must be a string");
        }
        return n.asText();
    }
}
