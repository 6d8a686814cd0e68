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

    static Problem badRequest(String field, String detail) {
        return new Problem("https://chaintrail.org/problems/invalid-field", "Invalid request", 400, detail, field);
    }

    static Problem notFound(String detail) {
        return new Problem("https://chaintrail.org/problems/not-found", "Not found", 404, detail, null);
    }

    static Problem internal() {
        return new Problem("https://chaintrail.org/problems/internal", "Internal error", 500,
                "the server could not answer; the cause is in its log", null);
    }
}
