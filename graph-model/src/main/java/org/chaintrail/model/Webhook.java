package org.chaintrail.model;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Where alerts are POSTed, and the secret their signature is made with. Kept in the graph, so the
 * ingest (a CLI process) and the API server see the same one.
 *
 * @param url    an {@code http} or {@code https} URL with a host
 * @param secret the HMAC-SHA256 key of the {@code X-Chaintrail-Signature} header, {@value #MIN_SECRET}+ characters
 * @param setBy  who configured it
 * @param setAt  when, kept to the millisecond
 */
public record Webhook(URI url, String secret, String setBy, Instant setAt) {
    public static final int MIN_SECRET = 16;

    public Webhook {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("the webhook must be an http:// or https:// URL with a host, was '"
                    + url + "'");
        }
        if (secret == null || secret.length() < MIN_SECRET) {
            throw new IllegalArgumentException("the webhook secret must be at least " + MIN_SECRET + " characters, was "
                    + (secret == null ? 0 : secret.length()));
        }
        Watch.requireText(setBy, "who set the webhook");
        setAt = Objects.requireNonNull(setAt, "setAt").truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new secret for a webhook set without one: 32 random bytes, in hex. */
    public static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "Webhook[url=" + url + ", setBy=" + setBy + ", setAt=" + setAt + "]";
    }
}
