package org.chaintrail.http;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.chaintrail.graph.KeyStore;
import org.chaintrail.model.ApiKey;

/**
 * API keys: issuing them, and finding the key a request presents. A key is {@code ct_} and 32
 * random bytes in base64url; the graph keeps its SHA-256 only, so the key is shown once, at
 * creation. Lookups are cached for {@link #CACHE_TIME}: a server answering thousands of requests a
 * second asks the graph about each key once per period, and a revocation takes effect within it.
 */
public final class ApiKeys {
    /** How long a server trusts what it read about a key (or about there being none), in seconds. */
    public static final int CACHE_SECONDS = 5;
    public static final Duration CACHE_TIME = Duration.ofSeconds(CACHE_SECONDS);
    private static final String PREFIX = "ct_";
    private static final int KEY_BYTES = 32;
    /** Unknown keys are cached too, so guessing costs the graph nothing; past this many, the cache starts over. */
    private static final int MAX_CACHED = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyStore store;
    private final long cacheNanos;
    private final Map<String, Cached> byHash = new ConcurrentHashMap<>();
    private volatile boolean anyExist;
    private volatile boolean anyChecked;
    private volatile long anyCheckedAt;

    private record Cached(Optional<ApiKey> key, long readAt) {
    }

    /**
     * A key just created: the key itself, to be shown once, and what the graph keeps of it.
     *
     * @param key    the text to send as {@code Authorization: Bearer KEY}
     * @param stored the stored record, with the key's hash
     */
    public record Issued(String key, ApiKey stored) {
    }

    ApiKeys(KeyStore store) {
        this.store = store;
        this.cacheNanos = CACHE_TIME.toNanos();
    }

    /**
     * Creates a key and stores its hash.
     *
     * @param rateLimit requests per second, or empty for the server's default for the role
     * @throws IllegalArgumentException if the name is malformed or taken, or is the keyless demo's
     */
    public static Issued issue(KeyStore store, String name, Role role, String createdBy, Optional<Integer> rateLimit,
                               Clock clock) {
        if (Caller.LOCAL.name().equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("the name '" + name + "' is the keyless demo's in the audit log; "
                    + "choose another");
        }
        byte[] secret = new byte[KEY_BYTES];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey stored = new ApiKey(name, role.id(), ApiKey.hashOf(key), clock.instant(), createdBy, rateLimit,
                Optional.empty());
        store.create(stored);
        return new Issued(key, stored);
    }

    /** The active key with this text, if any; revoked and unknown keys give empty. */
    Optional<ApiKey> active(String key) {
        String hash = ApiKey.hashOf(key);
        long now = System.nanoTime();
        Cached cached = byHash.get(hash);
        if (cached == null || now - cached.readAt() > cacheNanos) {
            if (byHash.size() >= MAX_CACHED) {
                byHash.clear();
            }
            cached = new Cached(store.byHash(hash), now);
            byHash.put(hash, cached);
        }
        return cached.key().filter(ApiKey::isActive);
    }

    /**
     * Whether any key was ever created. Once one exists this stays true (keys are revoked, never
     * deleted); until then the graph is asked again after each cache period.
     */
    boolean anyExist() {
        if (anyExist) {
            return true;
        }
        long now = System.nanoTime();
        if (!anyChecked || now - anyCheckedAt > cacheNanos) {
            anyExist = store.any();
            anyCheckedAt = now;
            anyChecked = true;
        }
        return anyExist;
    }
}
