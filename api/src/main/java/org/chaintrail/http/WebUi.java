package org.chaintrail.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.chaintrail.model.Sha256;

/**
 * The web UI's static shell: the files the build bundles from {@code api/src/main/web} into the jar
 * under {@code web/} ({@code index.html}, {@code app.js}, {@code app.css}). They hold no data, so
 * they load without a key; every figure the UI shows comes from the API's keyed routes.
 */
final class WebUi {
    static final String RESOURCE_DIR = "/web/";
    /** One file name of the bundle: no path, no leading dot; anything else is not a file of ours. */
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "txt", "text/plain; charset=utf-8");
    /**
     * Scripts and styles from this server only, and requests to it only: nothing reaches a CDN or a third
     * party (FIU networks are often offline, and a case's addresses must not leak). Styles may be inline
     * because the graph and Sankey libraries style their elements.
     */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'";

    /** Files found so far; only files that exist are kept, so hostile names cannot grow it. */
    private final Map<String, File> files = new ConcurrentHashMap<>();

    private record File(byte[] bytes, String etag) {
    }

    /** {@code GET /}: the UI's page. */
    void index(Context ctx) {
        serve(ctx, "index.html");
    }

    /** {@code GET /ui/{file}}: its scripts and styles. */
    void file(Context ctx) {
        serve(ctx, ctx.pathParam("file"));
    }

    private void serve(Context ctx, String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        Optional<File> file = FILE.matcher(name).matches() && TYPES.containsKey(extension)
                ? find(name) : Optional.empty();
        if (file.isEmpty()) {
            throw new ProblemException(Problem.notFound(name.equals("index.html")
                    ? "the web UI is not in this build: build the api module with Maven, which bundles it "
                            + "with Node.js and npm"
                    : "the web UI has no file '" + name + "'"));
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", file.get().etag());
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", CSP);
        if (file.get().etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType(TYPES.get(extension)).result(file.get().bytes());
    }

    private Optional<File> find(String name) {
        File known = files.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        try (InputStream in = WebUi.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            File read = new File(bytes, "\"" + Sha256.hex(bytes) + "\"");
            files.put(name, read);
            return Optional.of(read);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE_DIR + name, e);
        }
    }
}
