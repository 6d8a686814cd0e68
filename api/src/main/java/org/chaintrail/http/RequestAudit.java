package org.chaintrail.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.chaintrail.model.AuditEntry;
import org.chaintrail.model.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every request on record, admitted or refused: when it arrived, which route it matched,
 * who it named, what it sent and what it was answered. The answer is held back until its entry is
 * committed, so nothing is answered that is not on record; if the log cannot be written, the
 * request is answered 503 instead.
 */
final class RequestAudit {
    private static final Logger LOG = LoggerFactory.getLogger(RequestAudit.class);
    private static final String ARRIVED = "chaintrail.audit.arrived";
    private static final String STARTED = "chaintrail.audit.started";
    private static final String ROUTE = "chaintrail.audit.route";

    private final AuditWriter writer;
    private final long maxBodyBytes;

    RequestAudit(AuditWriter writer, long maxBodyBytes) {
        this.writer = writer;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The matched route's template and path parameters, which later handlers no longer see. */
    private record MatchedRoute(String template, Map<String, String> params) {
    }

    /** Before every request. */
    void arrive(Context ctx) {
        ctx.attribute(ARRIVED, Instant.now());
        ctx.attribute(STARTED, System.nanoTime());
    }

    /** Before every matched request, ahead of access control. */
    void match(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        ctx.attribute(ROUTE, new MatchedRoute(matched == null ? null : matched.path, ctx.pathParamMap()));
    }

    /** After every request, once its answer is final. */
    void answer(Context ctx) {
        Long started = ctx.attribute(STARTED);
        long micros = (System.nanoTime() - started) / 1_000;
        MatchedRoute route = ctx.attribute(ROUTE);
        Caller who = ctx.attribute(AccessControl.IDENTIFIED);
        Body body = body(ctx);
        var event = new AuditEntry.Event(ctx.attribute(ARRIVED), who == null ? null : who.name(),
                who == null ? null : who.role().id(), ctx.req().getRemoteAddr(), ctx.method().name(),
                route == null ? null : route.template(), ctx.path(), route == null ? Map.of() : route.params(),
                ctx.queryString(), body.length(), body.sha256(), body.head(), ctx.statusCode(), answerBytes(ctx),
                micros);
        if (ctx.statusCode() == 503) {
            // The graph is down: the refusal reveals nothing, so it is not held back for an entry that
            // cannot be written either; the entry is still queued, and stored if the graph is back in time.
            writer.submit(event);
            return;
        }
        try {
            writer.record(event);
        } catch (AuditWriter.AuditFailure e) {
            LOG.error("{} {} answered {} but not recorded; answering 503 instead", ctx.method(), ctx.path(),
                    ctx.statusCode(), e);
            ApiServer.unavailable(ctx, Problem.auditUnavailable());
        }
    }

    /**
     * @param length its length
     * @param sha256 its SHA-256, or null if it was not read
     * @param head   its first bytes as text, or null if it was not read
     */
    private record Body(long length, String sha256, String head) {
    }

    /** The request body, unless it is larger than the server accepts (then only its declared length). */
    private Body body(Context ctx) {
        long declared = Math.max(0, ctx.req().getContentLengthLong());
        if (declared > maxBodyBytes) {
            return new Body(declared, null, null);
        }
        byte[] bytes;
        try {
            bytes = ctx.bodyAsBytes();
        } catch (HttpResponseException | UncheckedIOException e) {
            return new Body(declared, null, null);
        }
        byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, AuditEntry.BODY_HEAD_BYTES));
        return new Body(bytes.length, Sha256.hex(bytes), text(head));
    }

    /** UTF-8, with a character cut at the end (or any malformed one) replaced, so the text is always valid. */
    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not fail", e);
        }
    }

    /** The answer's length in bytes; reading the result consumes it, so it is put back. */
    private static long answerBytes(Context ctx) {
        InputStream result = ctx.resultInputStream();
        if (result == null) {
            return 0;
        }
        try {
            byte[] bytes = result.readAllBytes();
            ctx.result(bytes);
            return bytes.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
