package org.chaintrail.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.query.Json;

/**
 * Each route of {@link ApiServer#routes} with the inputs {@code openapi.json} documents for it: what
 * the bad-input properties feed. OpenApiDocumentTest makes sure every route is documented, so a
 * new route is fuzzed as soon as it exists.
 */
final class ApiDescription {
    /** An address text checked against the chain ({@code format} of the address-bearing strings). */
    static final String ADDRESS_FORMAT = "chain-address";

    /**
     * One documented input.
     *
     * @param name     parameter or body field name
     * @param in       {@code path}, {@code query} or {@code body}
     * @param types    its JSON types ({@code string}, {@code integer}, {@code array}, ...)
     * @param itemType for an array, its items' type, else null
     * @param format   its (or its items') format, or null
     * @param minimum  documented minimum, or null
     * @param maximum  documented maximum, or null
     * @param example  a valid value, or null
     */
    record Input(String name, String in, Set<String> types, String itemType, String format, Long minimum,
                 Long maximum, JsonNode example) {
        boolean isAddress() {
            return ADDRESS_FORMAT.equals(format);
        }

        boolean isInteger() {
            return types.contains("integer");
        }
    }

    /**
     * @param route    the route as the server declares it
     * @param readOnly whether it only reads (a GET, or a POST marked {@code x-chaintrail-read-only})
     * @param inputs   its parameters and body fields
     * @param body     the body example for a read-only route with a body (valid input), {@code {}} for a
     *                 writing one (it must only ever see invalid input), null without a body
     */
    record Operation(Route route, boolean readOnly, List<Input> inputs, ObjectNode body) {
        boolean hasBody() {
            return body != null;
        }

        List<Input> inputs(String in) {
            return inputs.stream().filter(i -> i.in().equals(in)).toList();
        }

        @Override
        public String toString() {
            return route.method() + " " + route.path();
        }
    }

    private final JsonNode root;

    ApiDescription() {
        try (InputStream in = ApiDescription.class.getResourceAsStream(OpenApiController.RESOURCE)) {
            root = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws IllegalStateException naming a route that openapi.json does not document
     */
    List<Operation> operations(GraphConnection graph) {
        List<Operation> result = new ArrayList<>();
        for (Route r : ApiServer.routes(graph)) {
            String method = r.method().name().toLowerCase(Locale.ROOT);
            JsonNode op = root.path("paths").path(r.path().replace('<', '{').replace('>', '}')).path(method);
            if (op.isMissingNode()) {
                throw new IllegalStateException(r.method() + " " + r.path() + " is not in openapi.json");
            }
            List<Input> inputs = new ArrayList<>();
            for (JsonNode p : op.path("parameters")) {
                JsonNode param = resolve(p);
                inputs.add(input(param.get("name").asText(), param.get("in").asText(), resolve(param.path("schema")),
                        param.get("example")));
            }
            JsonNode schema = resolve(op.path("requestBody").path("content").path("application/json").path("schema"));
            ObjectNode body = null;
            boolean readOnly = method.equals("get") || op.path("x-chaintrail-read-only").asBoolean(false);
            if (!schema.isMissingNode()) {
                schema.path("properties").fields().forEachRemaining(f -> inputs.add(input(f.getKey(), "body",
                        resolve(f.getValue()), null)));
                body = readOnly && schema.has("example") ? (ObjectNode) schema.get("example").deepCopy()
                        : Json.MAPPER.createObjectNode();
            }
            result.add(new Operation(r, readOnly, inputs, body));
        }
        return result;
    }

    private Input input(String name, String in, JsonNode schema, JsonNode example) {
        JsonNode items = resolve(schema.path("items"));
        JsonNode formatted = items.isMissingNode() ? schema : items;
        return new Input(name, in, types(schema), items.isMissingNode() ? null : items.path("type").asText(null),
                formatted.path("format").asText(null), schema.has("minimum") ? schema.get("minimum").asLong() : null,
                schema.has("maximum") ? schema.get("maximum").asLong() : null, example);
    }

    /** {@code "type": "x"} or {@code ["x","null"]}; an enum or const of strings is a string. */
    private static Set<String> types(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type.isTextual()) {
            types.add(type.asText());
        } else if (schema.has("enum") || schema.has("const")) {
            types.add("string");
        }
        return types;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = root.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }
}
