package org.chaintrail.http;

/**
 * An RFC 9457 problem detail: the body of every error answer, as {@code application/problem+json}.
 *
 * @param type   a URI naming the kind of problem
 * @param title  short and fixed per kind
 * @param status the HTTP status
 * @param detail what exactly was wrong
 * @param field  the request field at fault, or null
 */
public record Problem(String type, String title, int status, String detail, String field) {
    public static final String CONTENT_TYPE = "application/problem+json";
    /** The Retry-After of a 503: about the time the driver itself retries before giving up. */
    static final int RETRY_AFTER_SECONDS = 5;

    static Problem badRequest(String field, String detail) {
        return new Problem("https://chaintrail.org/problems/invalid-field", "Invalid request", 400, detail, field);
    }

    static Problem notFound(String detail) {
        return new Problem("https://chaintrail.org/problems/not-found", "Not found", 404, detail, null);
    }

    static Problem unauthorized(String detail) {
        return new Problem("https://chaintrail.org/problems/unauthorized", "Unauthorized", 401, detail, null);
    }

    static Problem forbidden(String detail) {
        return new Problem("https://chaintrail.org/problems/forbidden", "Forbidden", 403, detail, null);
    }

    static Problem tooLarge(String detail) {
        return new Problem("https://chaintrail.org/problems/too-large", "Request too large", 413, detail, null);
    }

    static Problem rateLimited(String detail) {
        return new Problem("https://chaintrail.org/problems/rate-limited", "Too many requests", 429, detail, null);
    }

    /** Any other status Javalin itself answers with (405, 400 of a malformed request, ...). */
    static Problem of(int status, String detail) {
        return new Problem("https://chaintrail.org/problems/http-" + status, "HTTP " + status, status, detail, null);
    }

    static Problem auditUnavailable() {
        return new Problem("https://chaintrail.org/problems/audit-unavailable", "Service unavailable", 503,
                "the request could not be recorded in the audit log, so its answer is withheld; the cause is in the "
                        + "server's log", null);
    }

    static Problem graphUnavailable() {
        return new Problem("https://chaintrail.org/problems/graph-unavailable", "Service unavailable", 503,
                "the graph database cannot be reached or cannot serve just now; retry after " + RETRY_AFTER_SECONDS
                        + " s", null);
    }

    static Problem internal() {
        return new Problem("https://chaintrail.org/problems/internal", "Internal error", 500,
                "the server could not answer; the cause is in its log", null);
    }
}
