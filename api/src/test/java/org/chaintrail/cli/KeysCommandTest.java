package org.chaintrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.KeyStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.ApiKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chaintrail keys} through {@code --neo4j-uri} to the test JVM's embedded server, and once on a store of its own. */
class KeysCommandTest {
    private static final Pattern KEY = Pattern.compile("ct_[A-Za-z0-9_-]{43}");

    @TempDir
    Path temp;

    private KeyStore keys;
    private String uri;

    @BeforeEach
    void setUp() {
        GraphConnection graph = TestGraph.fresh();
        keys = graph.store().keys();
        uri = graph.embeddedBoltUri().orElseThrow().toString();
    }

    private CliRun run(String... args) {
        return CliRun.on(uri, args);
    }

    private static List<String> keysIn(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = KEY.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void create_analyst_printsTheKeyOnceAndStoresOnlyItsHash() {
        CliRun r = run("keys", "create", "--role", "analyst", "--name", "fiu-analyst", "--by", "A. Analyst",
                "--rate-limit", "20");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> printed = keysIn(r.out());
        assertThat(printed).hasSize(1);
        ApiKey stored = keys.byHash(ApiKey.hashOf(printed.get(0))).orElseThrow();
        assertThat(stored.name()).isEqualTo("fiu-analyst");
        assertThat(stored.role()).isEqualTo("analyst");
        assertThat(stored.createdBy()).isEqualTo("A. Analyst");
        assertThat(stored.rateLimit()).contains(20);
        assertThat(r.out()).contains("Created key 'fiu-analyst' (role analyst, rate limit 20 per second)")
                .contains("shown this once");
    }

    @Test
    void list_twoKeysOneRevoked_namesAndRolesNeverTheKeysOrHashes() {
        String screening = keysIn(run("keys", "create", "--role", "screening", "--name", "kestrel-deposits").out()).get(0);
        String admin = keysIn(run("keys", "create", "--role", "ADMIN", "--name", "ops").out()).get(0);
        assertThat(run("keys", "revoke", "ops").out()).startsWith("revoked key 'ops' (admin) at ");

        CliRun r = run("keys", "list");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("2 key(s) in ");
        List<String> lines = r.out().lines().map(String::strip).toList();
        assertThat(lines.get(1)).startsWith("name").contains("role").contains("revoked (UTC)");
        assertThat(lines.get(2)).startsWith("kestrel-deposits").contains("screening").endsWith("-");
        assertThat(lines.get(3)).startsWith("ops").contains("admin").doesNotEndWith("-");
        assertThat(r.out()).doesNotContain(screening, admin, ApiKey.hashOf(screening), ApiKey.hashOf(admin));
        assertThat(keys.byHash(ApiKey.hashOf(admin)).orElseThrow().isActive()).isFalse();
    }

    @Test
    void createOrRevoke_badInput_clearErrorAndExitCode() {
        run("keys", "create", "--role", "analyst", "--name", "fiu-analyst");

        CliRun taken = run("keys", "create", "--role", "admin", "--name", "fiu-analyst");
        CliRun badRole = run("keys", "create", "--role", "auditor", "--name", "someone");
        CliRun routeRole = run("keys", "create", "--role", "anyone", "--name", "someone");
        CliRun unknown = run("keys", "revoke", "nobody");
        CliRun local = run("keys", "create", "--role", "admin", "--name", "local");

        assertThat(taken.exit()).isEqualTo(2);
        assertThat(taken.err()).contains("a key named 'fiu-analyst' exists already");
        assertThat(badRole.exit()).isEqualTo(2);
        assertThat(badRole.err()).contains("no role 'auditor'; roles are admin, analyst and screening");
        assertThat(routeRole.exit()).isEqualTo(2);
        assertThat(routeRole.err()).contains("no role 'anyone'; roles are admin, analyst and screening");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no active key named 'nobody'");
        assertThat(local.exit()).isEqualTo(2);
        assertThat(local.err()).contains("the name 'local' is the keyless demo's");
        assertThat(keys.all()).extracting(ApiKey::name).containsExactly("fiu-analyst");
    }

    /** The key never reaches Neo4j: no file of the store, transaction logs included, holds its text. */
    @Test
    void create_onAStoreOfItsOwn_noStoreFileHoldsTheKey() throws IOException {
        Path store = temp.resolve("graph");

        CliRun r = CliRun.of("keys", "create", "--role", "admin", "--name", "ops", "--store", store.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        String key = keysIn(r.out()).get(0);
        assertThat(filesHolding(store, key)).isEmpty();
        assertThat(filesHolding(store, ApiKey.hashOf(key))).isNotEmpty(); // the search does find stored text
    }

    private static List<Path> filesHolding(Path dir, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(f), needle) >= 0) {
                    found.add(f);
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
