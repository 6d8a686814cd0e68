package org.chaintrail.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * JSON in the canonical form of RFC 8785 (JCS) for the values an audit entry holds: objects with
 * their keys sorted, no whitespace, strings escaped as ECMAScript's {@code JSON.stringify} does,
 * integers in decimal, and null. What an auditor's tool produces from the same entry, byte for
 * byte (Python: {@code json.dumps(e, sort_keys=True, separators=(',', ':'), ensure_ascii=False)}).
 */
final class CanonicalJson {
    private CanonicalJson() {
    }

    /**
     * @param object values are strings, integers ({@code Long} or {@code Integer}), null, or maps of the same
     * @throws IllegalArgumentException for any other kind of value
     */
    static String object(Map<String, ?> object) {
        StringBuilder out = new StringBuilder();
        write(out, object);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            // String order is UTF-16 code unit order, which is JCS's.
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, (String) e.getKey());
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("no canonical JSON for a " + value.getClass().getSimpleName());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || lone) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
