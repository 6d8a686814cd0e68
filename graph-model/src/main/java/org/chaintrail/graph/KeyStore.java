package org.chaintrail.graph;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.model.ApiKey;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;

/**
 * The API keys: {@code (:ApiKey {name, role, hash, createdAt, createdBy, rateLimit, revokedAt})},
 * unique on {@code name}, looked up by {@code hash}. Only the SHA-256 of a key is stored; a revoked
 * key stays, so its name is never given to another key and the audit log's names stay unambiguous.
 */
public final class KeyStore {
    private static final String CREATE = """
            CREATE (k:ApiKey {name: $name, role: $role, hash: $hash, createdAt: $createdAt, createdBy: $createdBy,
                              rateLimit: $rateLimit})""";

    private static final String BY_HASH = "MATCH (k:ApiKey {hash: $hash}) RETURN k";

    private static final String ALL = "MATCH (k:ApiKey) RETURN k ORDER BY k.name";

    private static final String ANY = "MATCH (k:ApiKey) RETURN count(k) > 0 AS any";

    private static final String REVOKE = """
            MATCH (k:ApiKey {name: $name}) WHERE k.revokedAt IS NULL
            SET k.revokedAt = $at
            RETURN k""";

    private static final String CONSTRAINT_VIOLATION = "Neo.ClientError.Schema.ConstraintValidationFailed";

    private final Driver driver;

    KeyStore(Driver driver) {
        this.driver = driver;
    }

    /**
     * Stores a new key.
     *
     * @throws IllegalArgumentException if a key of that name exists, revoked or not
     */
    public void create(ApiKey key) {
        if (!key.isActive()) {
            throw new IllegalArgumentException("key '" + key.name() + "' is revoked already; create an active key");
        }
        Map<String, Object> params = new HashMap<>();
        params.put("name", key.name());
        params.put("role", key.role());
        params.put("hash", key.hash());
        params.put("createdAt", LabelStore.stamp(key.createdAt()));
        params.put("createdBy", key.createdBy());
        params.put("rateLimit", key.rateLimit().orElse(null));
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run(CREATE, params).consume());
        } catch (ClientException e) {
            if (CONSTRAINT_VIOLATION.equals(e.code())) {
                throw new IllegalArgumentException("a key named '" + key.name() + "' exists already (a revoked key "
                        + "keeps its name); choose another name", e);
            }
            throw e;
        }
    }

    /** The key whose SHA-256 this is, revoked or not. */
    public Optional<ApiKey> byHash(String hash) {
        return GraphStore.read(driver, BY_HASH, Map.of("hash", hash), r -> key(r.get("k"))).stream().findFirst();
    }

    /** Every key, revoked ones included, by name. */
    public List<ApiKey> all() {
        return GraphStore.read(driver, ALL, Map.of(), r -> key(r.get("k")));
    }

    /** Whether any key was ever created; a revoked key counts, so revoking the last key opens nothing. */
    public boolean any() {
        return GraphStore.read(driver, ANY, Map.of(), r -> r.get("any").asBoolean()).get(0);
    }

    /**
     * Revokes a key: it admits nobody from now on (servers that cached it: within their cache time).
     *
     * @return the key as revoked, or empty if no active key has that name
     */
    public Optional<ApiKey> revoke(String name, Instant at) {
        try (var session = driver.session()) {
            return session.executeWrite(tx -> tx.run(REVOKE, Map.of("name", name, "at", LabelStore.stamp(at)))
                    .list(r -> key(r.get("k")))).stream().findFirst();
        }
    }

    private static ApiKey key(Value k) {
        return new ApiKey(k.get("name").asString(), k.get("role").asString(), k.get("hash").asString(),
                Instant.parse(k.get("createdAt").asString()), k.get("createdBy").asString(),
                k.get("rateLimit").isNull() ? Optional.empty() : Optional.of(k.get("rateLimit").asInt()),
                k.get("revokedAt").isNull() ? Optional.empty() : Optional.of(Instant.parse(k.get("revokedAt").asString())));
    }
}
