package org.chaintrail.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.chaintrail.export.TraceCsv;
import org.chaintrail.export.TraceGraphMl;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.query.InvalidFieldException;
import org.chaintrail.query.Json;
import org.chaintrail.query.TraceQuery;

/**
 * {@code POST /api/v1/traces} with {@code {"chain","seeds":[...],"asset","direction","model","maxHops"}};
 * answers the same JSON as {@code chaintrail trace --format json}.
 */
final class TraceController {
    private static final Set<String> FIELDS = Set.of("chain", "seeds", "asset", "direction", "model", "maxHops",
            "since", "until", "minAmount", "stopAt");

    private final GraphStore store;

    TraceController(GraphStore store) {
        this.store = store;
    }

    /** {@code ?format=json} (default), {@code csv} (the flows) or {@code graphml} (the traced subgraph). */
    void post(Context ctx) {
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        if (!Set.of("json", "csv", "graphml").contains(format)) {
            throw new InvalidFieldException("format", "must be json, csv or graphml, was '" + format + "'");
        }
        var result = parse(ctx.body()).run(store);
        switch (format) {
            case "csv" -> ctx.status(200).contentType("text/csv; charset=utf-8").result(TraceCsv.render(result));
            case "graphml" -> ctx.status(200).contentType("application/graphml+xml; charset=utf-8")
                    .result(TraceGraphMl.render(result));
            default -> ApiServer.json(ctx, 200, result);
        }
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
        List<String> seeds = textArray(root, "seeds");
        JsonNode hops = root.get("maxHops");
        if (hops != null && !hops.isNull() && !hops.canConvertToInt()) {
            throw new InvalidFieldException("maxHops", "must be an integer");
        }
        if (hops != null && !hops.isNull() && !hops.isIntegralNumber()) {
            throw new InvalidFieldException("maxHops", "must be an integer, was " + hops);
        }
        return new TraceQuery(text(root, "chain"), seeds, text(root, "asset"), text(root, "direction"),
                text(root, "model"), hops == null || hops.isNull() ? null : hops.intValue(), scalar(root, "since"),
                scalar(root, "until"), scalar(root, "minAmount"), root.has("stopAt") ? textArray(root, "stopAt") : null);
    }

    /** An array of strings; absent or null is empty. */
    private static List<String> textArray(JsonNode root, String field) {
        JsonNode node = root.get(field);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw new InvalidFieldException(field, "must be an array of strings");
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new InvalidFieldException(field + "[" + i + "]", "must be a string");
            }
            values.add(node.get(i).asText());
        }
        return values;
    }

    /** A string or a number (a block, an amount), as text; never a float's rounding of it. */
    private static String scalar(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() && !n.isIntegralNumber()) {
            throw new InvalidFieldException(field, "must be a string or an integer (give decimals as a string)");
        }
        return n.asText();
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
