package org.chaintrail.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the hand-written OpenAPI 3.1 description, served as it is in the jar.
 * OpenApiDocumentTest holds it to the route table, so it cannot drift from what the server answers.
 */
final class OpenApiController {
    static final String RESOURCE = "/openapi.json";

    private final byte[] document;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    void get(Context ctx) {
        ctx.status(200).contentType("application/json").result(document);
    }
}
