package org.chaintrail.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.chaintrail.query.InvalidFieldException;
import org.chaintrail.query.Json;

/** A request body that must be a JSON object of known fields; each accessor names the field it blames. */
final class JsonBody {
    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /**
     * @throws InvalidFieldException {@code body} if it is not a JSON object, or the unknown field's name
     */
    static JsonBody parse(String body, Set<String> fields) {
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
            if (!fields.contains(name)) {
                throw new InvalidFieldException(name, "unknown field; expected " + String.join(", ", new TreeSet<>(fields)));
            }
        });
        return new JsonBody(root);
    }

    boolean has(String field) {
        return root.has(field);
    }

    /** A string, or null when absent. */
    String text(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new InvalidFieldException(field, "must be a string");
        }
        return n.asText();
    }

    /** A string or an integer (a block, an amount) as text, never a float's rounding of it; null when absent. */
    String scalar(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() && !n.isIntegralNumber()) {
            throw new InvalidFieldException(field, "must be a string or an integer (give decimals as a string)");
        }
        return n.asText();
    }

    /** An integer that fits an int, or null when absent. */
    Integer integer(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new InvalidFieldException(field, "must be an integer, was " + n);
        }
        return n.intValue();
    }

    /** An array of strings; absent or null is empty. */
    List<String> texts(String field) {
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
}
