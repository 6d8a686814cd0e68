package org.chaintrail.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.chaintrail.query.Json;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any route runs (a NUL or broken UTF-8 in the path, a body over
 * the limit, a malformed request line), as problem+json like every other error of the API instead of
 * Jetty's HTML page. A 5xx says nothing internal.
 */
final class ProblemErrorHandler extends ErrorHandler {

    /** Javalin's own refusal: a path no route serves, a body over the limit. */
    static Problem problem(Context ctx, HttpResponseException e) {
        return e.getStatus() == 404 ? Problem.notFound("no route " + ctx.method() + " " + ctx.path())
                : problem(e.getStatus(), e.getMessage());
    }

    /** The problem for a status the HTTP layer chose, with its reason as the detail. */
    static Problem problem(int status, String reason) {
        if (status >= 500) {
            return Problem.internal();
        }
        String title = HttpStatus.getMessage(status);
        String detail = status == 413 ? "the request body is larger than the server accepts"
                : reason == null || reason.isBlank() || reason.equals(title) ? "malformed request (" + title + ")" : reason;
        return new Problem("https://chaintrail.org/problems/http-" + status, title, status, detail, null);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        // Jetty drops the connection after a request it could not parse; say so, or a client reusing it fails.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(bytes(problem(code, message))), callback);
    }

    /** Jetty writes an error body for GET, POST and HEAD only; a DELETE or PUT would get a bare status. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE));
        return ByteBuffer.wrap(bytes(problem(status, reason)));
    }

    private static byte[] bytes(Problem p) {
        return Json.write(p).getBytes(StandardCharsets.UTF_8);
    }
}
