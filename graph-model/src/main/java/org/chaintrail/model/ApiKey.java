package org.chaintrail.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * An API key as the graph keeps it: its name, role and SHA-256, never the key itself. A key is
 * 32 random bytes, so a plain hash needs no salt or slow function: guessing a key is as hard as
 * guessing a preimage. A revoked key stays (its name is never reused) and admits nobody.
 *
 * @param name      unique name, e.g. {@code kestrel-screening}: what the audit log records
 * @param role      the role's id ({@code admin}, {@code analyst} or {@code screening})
 * @param hash      lower-case hex SHA-256 of the key's text, see {@link #hashOf}
 * @param createdAt when it was created, to the millisecond
 * @param createdBy who created it
 * @param rateLimit requests per second it may make, or empty for its role's default
 * @param revokedAt when it was revoked, if it was
 */
public record ApiKey(String name, String role, String hash, Instant createdAt, String createdBy,
                     Optional<Integer> rateLimit, Optional<Instant> revokedAt) {
    /** Names are short and plain so that they print and log safely. */
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";

    public ApiKey {
        if (name == null || !name.matches(NAME)) {
            throw new IllegalArgumentException("a key name is 1-64 letters, digits, '.', '_', '@' or '-', starting "
                    + "with a letter or digit, was '" + name + "'");
        }
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("key '" + name + "' needs a role");
        }
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("key hash must be 64 lower-case hex digits, was '" + hash + "'");
        }
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(rateLimit, "rateLimit");
        rateLimit.ifPresent(r -> {
            if (r < 1) {
                throw new IllegalArgumentException("a rate limit is at least 1 request per second, was " + r);
            }
        });
        revokedAt = Objects.requireNonNull(revokedAt, "revokedAt").map(at -> at.truncatedTo(ChronoUnit.MILLIS));
    }

    public boolean isActive() {
        return revokedAt.isEmpty();
    }

    /** The hash the graph stores for a key: lower-case hex SHA-256 of its UTF-8 text. */
    public static String hashOf(String key) {
        return Sha256.hex(key);
    }
}
