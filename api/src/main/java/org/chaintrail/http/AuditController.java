package org.chaintrail.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chaintrail.graph.AuditStore;
import org.chaintrail.model.AuditEntry;
import org.chaintrail.query.InvalidFieldException;

/**
 * {@code GET /api/v1/audit?from=SEQ&limit=N}: the audit log from an entry on, oldest first, with
 * the head (the last entry's seq and hash) and the seq to ask for next.
 */
final class AuditController {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1_000;

    private final AuditStore audit;

    AuditController(AuditStore audit) {
        this.audit = audit;
    }

    void list(Context ctx) {
        long from = number(ctx, "from", 1, Long.MAX_VALUE, 1);
        int limit = (int) number(ctx, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        List<AuditEntry> entries = audit.entries(from, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("head", audit.head().orElse(null));
        body.put("entries", entries);
        body.put("next", entries.size() < limit ? null : entries.get(entries.size() - 1).seq() + 1);
        ApiServer.json(ctx, 200, body);
    }

    private static long number(Context ctx, String field, long min, long max, long byDefault) {
        Long value = QueryParams.longInteger(ctx, field);
        if (value == null) {
            return byDefault;
        }
        if (value < min || value > max) {
            throw new InvalidFieldException(field, "must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
