package org.chaintrail.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One request to the API and its answer, as the audit log keeps it: who asked (the key's name and
 * role), what (method, route, path, parameters, the body's size, SHA-256 and first
 * {@value #BODY_HEAD_BYTES} bytes), what was answered (status and size) and how long it took.
 * Entries form a hash chain: each carries the hash of the one before, so changing or removing an
 * entry breaks every hash after it.
 *
 * <p>{@code hash} is the lower-case hex SHA-256 of the UTF-8 bytes of {@link #canonical()}: the
 * entry's every field except {@code hash} itself ({@code prevHash} included), as an RFC 8785 JSON
 * object (keys sorted, no whitespace, absent values as {@code null}). The first entry's
 * {@code prevHash} is {@link #GENESIS}.
 *
 * <p>An entry is what the graph holds, unchecked: {@link #expectedHash()} is how it is judged.
 *
 * @param seq            position in the log, 1, 2, 3, … without gaps
 * @param time           when the request arrived, UTC to the millisecond ({@code 2024-09-30T08:00:00.123Z})
 * @param keyName        the API key's name, or null if the request named no known key
 * @param role           that key's role, or null
 * @param remote         the client's IP address
 * @param method         HTTP method
 * @param route          the route's template ({@code /api/v1/addresses/{chain}/{address}}), or null if none matched
 * @param path           the path as requested
 * @param pathParams     the route's path parameters, as canonical JSON text ({@code {"chain":"ethereum"}})
 * @param query          the query string as received, or null
 * @param bodyBytes      the request body's length
 * @param bodySha256     the body's SHA-256, or null if it was not read (too large)
 * @param bodyHead       the body's first {@value #BODY_HEAD_BYTES} bytes as UTF-8 text, or null if not read
 * @param status         the HTTP status answered
 * @param responseBytes  the answer body's length
 * @param durationMicros from arrival to the answer being ready, microseconds
 * @param prevHash       the previous entry's hash
 * @param hash           this entry's hash
 */
public record AuditEntry(long seq, String time, String keyName, String role, String remote, String method, String route,
                         String path, String pathParams, String query, long bodyBytes, String bodySha256,
                         String bodyHead, int status, long responseBytes, long durationMicros, String prevHash,
                         String hash) {
    /** The {@code prevHash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    /** How much of a request body the log keeps as text. */
    public static final int BODY_HEAD_BYTES = 2048;

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * What happened, before it takes its place in the chain.
     *
     * @param at             when the request arrived
     * @param keyName        the key's name, or null
     * @param role           its role, or null
     * @param remote         the client's IP address
     * @param method         HTTP method
     * @param route          the matched route's template, or null
     * @param path           the path as requested
     * @param pathParams     the path parameters
     * @param query          the query string as received, or null
     * @param bodyBytes      the body's length
     * @param bodySha256     its SHA-256, or null if not read
     * @param bodyHead       its first bytes as text, or null if not read
     * @param status         the status answered
     * @param responseBytes  the answer's length
     * @param durationMicros how long it took
     */
    public record Event(Instant at, String keyName, String role, String remote, String method, String route, String path,
                        Map<String, String> pathParams, String query, long bodyBytes, String bodySha256,
                        String bodyHead, int status, long responseBytes, long durationMicros) {
        public Event {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            pathParams = Map.copyOf(pathParams);
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("HTTP status must be 100..599, was " + status);
            }
            if (bodyBytes < 0 || responseBytes < 0 || durationMicros < 0) {
                throw new IllegalArgumentException("sizes and durations are not negative: body " + bodyBytes
                        + ", response " + responseBytes + ", duration " + durationMicros);
            }
        }
    }

    /** The entry recording {@code event} at {@code seq}, after the entry whose hash is {@code prevHash}. */
    public static AuditEntry chain(long seq, String prevHash, Event e) {
        AuditEntry unsigned = new AuditEntry(seq, STAMP.format(e.at()), e.keyName(), e.role(), e.remote(), e.method(),
                e.route(), e.path(), CanonicalJson.object(e.pathParams()), e.query(), e.bodyBytes(), e.bodySha256(),
                e.bodyHead(), e.status(), e.responseBytes(), e.durationMicros(), prevHash, "");
        return unsigned.withHash(unsigned.expectedHash());
    }

    /** The text the hash is taken over: every field but {@code hash}, as canonical JSON. */
    public String canonical() {
        Map<String, Object> fields = new TreeMap<>(properties());
        fields.remove("hash");
        return CanonicalJson.object(fields);
    }

    /** What {@code hash} must be: the SHA-256 of {@link #canonical()}. */
    public String expectedHash() {
        return Sha256.hex(canonical());
    }

    /** Every field by name, nulls included: what the graph stores (where a null is an absent property). */
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("seq", seq);
        p.put("time", time);
        p.put("keyName", keyName);
        p.put("role", role);
        p.put("remote", remote);
        p.put("method", method);
        p.put("route", route);
        p.put("path", path);
        p.put("pathParams", pathParams);
        p.put("query", query);
        p.put("bodyBytes", bodyBytes);
        p.put("bodySha256", bodySha256);
        p.put("bodyHead", bodyHead);
        p.put("status", (long) status);
        p.put("responseBytes", responseBytes);
        p.put("durationMicros", durationMicros);
        p.put("prevHash", prevHash);
        p.put("hash", hash);
        return p;
    }

    private AuditEntry withHash(String h) {
        return new AuditEntry(seq, time, keyName, role, remote, method, route, path, pathParams, query, bodyBytes,
                bodySha256, bodyHead, status, responseBytes, durationMicros, prevHash, h);
    }
}
