package org.chaintrail.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.chaintrail.model.ApiKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyStoreTest {
    private static final Instant CREATED = Instant.parse("2025-01-15T09:00:00.123456Z");

    private KeyStore keys;

    @BeforeEach
    void setUp() {
        keys = TestGraph.fresh().store().keys();
    }

    private static ApiKey key(String name, String role, String secret, Integer rateLimit) {
        return new ApiKey(name, role, ApiKey.hashOf(secret), CREATED, "ops", Optional.ofNullable(rateLimit),
                Optional.empty());
    }

    @Test
    void create_thenByHash_findsTheKeyWithItsFields() {
        assertThat(keys.any()).isFalse();

        keys.create(key("kestrel-screening", "screening", "ct_secret-one", 25));

        assertThat(keys.any()).isTrue();
        ApiKey found = keys.byHash(ApiKey.hashOf("ct_secret-one")).orElseThrow();
        assertThat(found.name()).isEqualTo("kestrel-screening");
        assertThat(found.role()).isEqualTo("screening");
        assertThat(found.createdAt()).isEqualTo(Instant.parse("2025-01-15T09:00:00.123Z"));
        assertThat(found.createdBy()).isEqualTo("ops");
        assertThat(found.rateLimit()).contains(25);
        assertThat(found.isActive()).isTrue();
        assertThat(keys.byHash(ApiKey.hashOf("ct_secret-two"))).isEmpty();
    }

    @Test
    void create_nameTaken_refusedNamingIt() {
        keys.create(key("fiu-analyst", "analyst", "ct_a", null));

        var e = assertThrows(IllegalArgumentException.class, () -> keys.create(key("fiu-analyst", "admin", "ct_b", null)));

        assertThat(e.getMessage()).contains("'fiu-analyst' exists already");
        assertThat(keys.all()).extracting(ApiKey::role).containsExactly("analyst");
    }

    @Test
    void revoke_activeKey_staysListedRevokedAndStillCountsAsAKey() {
        keys.create(key("b-admin", "admin", "ct_b", null));
        keys.create(key("a-analyst", "analyst", "ct_a", null));

        Optional<ApiKey> revoked = keys.revoke("b-admin", Instant.parse("2025-02-01T00:00:00Z"));

        assertThat(revoked).hasValueSatisfying(k -> assertThat(k.revokedAt()).contains(Instant.parse("2025-02-01T00:00:00Z")));
        assertThat(keys.byHash(ApiKey.hashOf("ct_b")).orElseThrow().isActive()).isFalse();
        assertThat(keys.all()).extracting(ApiKey::name).containsExactly("a-analyst", "b-admin");
        assertThat(keys.revoke("b-admin", Instant.now())).isEmpty();
        assertThat(keys.revoke("nobody", Instant.now())).isEmpty();
        assertThat(keys.any()).isTrue();
    }

    @Test
    void apiKey_badNameOrRate_refused() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> key("has space", "admin", "x", null)).getMessage())
                .contains("'has space'");
        assertThat(assertThrows(IllegalArgumentException.class, () -> key("ok", "admin", "x", 0)).getMessage())
                .contains("was 0");
    }
}
