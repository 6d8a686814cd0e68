package org.chaintrail.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chaintrail.model.AuditEntry;
import org.chaintrail.model.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

class AuditStoreTest {
    private static final Instant AT = Instant.parse("2025-01-15T09:00:00.123Z");

    private GraphConnection graph;
    private AuditStore audit;

    @BeforeEach
    void setUp() {
        graph = TestGraph.fresh();
        audit = graph.store().audit();
    }

    private static AuditEntry.Event event(String path, int status) {
        return new AuditEntry.Event(AT, "fiu-analyst", "analyst", "127.0.0.1", "GET",
                "/api/v1/addresses/{chain}/{address}", path, Map.of("chain", "ethereum", "address", "0xabc"),
                "asset=USDT", 0, Sha256.hex(new byte[0]), "", status, 512, 1_250);
    }

    /** Runs Cypher as someone with direct access to the database would. */
    private void tamper(String cypher) {
        Driver driver = graph.driver();
        try (var session = driver.session()) {
            session.run(cypher).consume();
        }
    }

    @Test
    void append_twoBatches_oneChainFromGenesis() {
        List<AuditEntry> first = audit.append(List.of(event("/a", 200), event("/b", 404)));
        List<AuditEntry> second = audit.append(List.of(event("/c", 401)));

        assertThat(first).extracting(AuditEntry::seq).containsExactly(1L, 2L);
        assertThat(first.get(0).prevHash()).isEqualTo(AuditEntry.GENESIS);
        assertThat(first.get(1).prevHash()).isEqualTo(first.get(0).hash());
        assertThat(second.get(0).seq()).isEqualTo(3);
        assertThat(second.get(0).prevHash()).isEqualTo(first.get(1).hash());
        assertThat(audit.head()).contains(new AuditStore.Head(3, second.get(0).hash()));
        assertThat(audit.entries(2, 10)).extracting(AuditEntry::path).containsExactly("/b", "/c");
        assertThat(audit.entries(1, 10)).containsExactly(first.get(0), first.get(1), second.get(0));
        var v = audit.verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.checked()).isEqualTo(3);
    }

    @Test
    void hash_isTheSha256OfTheDocumentedCanonicalJson() {
        AuditEntry e = audit.append(List.of(event("/api/v1/addresses/ethereum/0xabc", 200))).get(0);

        String canonical = "{\"bodyBytes\":0,\"bodyHead\":\"\",\"bodySha256\":\"" + Sha256.hex(new byte[0]) + "\","
                + "\"durationMicros\":1250,\"keyName\":\"fiu-analyst\",\"method\":\"GET\","
                + "\"path\":\"/api/v1/addresses/ethereum/0xabc\","
                + "\"pathParams\":\"{\\\"address\\\":\\\"0xabc\\\",\\\"chain\\\":\\\"ethereum\\\"}\","
                + "\"prevHash\":\"" + AuditEntry.GENESIS + "\",\"query\":\"asset=USDT\",\"remote\":\"127.0.0.1\","
                + "\"responseBytes\":512,\"role\":\"analyst\",\"route\":\"/api/v1/addresses/{chain}/{address}\","
                + "\"seq\":1,\"status\":200,\"time\":\"2025-01-15T09:00:00.123Z\"}";
        assertThat(e.canonical()).isEqualTo(canonical);
        assertThat(e.hash()).isEqualTo(Sha256.hex(canonical));
    }

    @Test
    void append_concurrentWriters_chainStaysLinear() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<AuditEntry>>> batches = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                batches.add(pool.submit(() -> audit.append(List.of(event("/w" + n, 200), event("/x" + n, 200)))));
            }
            for (Future<List<AuditEntry>> f : batches) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        var v = audit.verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.checked()).isEqualTo(80);
    }

    /** Each store guesses the head from its own last write; the other's writes prove the guess wrong every time. */
    @Test
    void append_twoProcessesTakingTurns_eachChainsFromTheOthersHead() {
        AuditStore other = new AuditStore(graph.driver());

        for (int i = 0; i < 5; i++) {
            audit.append(List.of(event("/mine" + i, 200)));
            other.append(List.of(event("/theirs" + i, 200), event("/theirs" + i, 204)));
        }

        var v = audit.verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.checked()).isEqualTo(15);
        assertThat(audit.entries(1, 3)).extracting(AuditEntry::path).containsExactly("/mine0", "/theirs0", "/theirs0");
    }

    @Test
    void verify_propertyEdited_brokenAtThatEntry() {
        audit.append(List.of(event("/a", 200), event("/b", 200), event("/c", 200)));

        tamper("MATCH (e:AuditEntry {seq: 2}) SET e.status = 404");

        var v = audit.verify();
        assertThat(v.brokenAt()).hasValue(2);
        assertThat(v.checked()).isEqualTo(1);
        assertThat(v.problem()).contains("hash does not match");
    }

    @Test
    void verify_editedAndRehashed_brokenAtTheNextEntry() {
        audit.append(List.of(event("/a", 200), event("/b", 200), event("/c", 200)));
        AuditEntry second = audit.entries(2, 1).get(0);
        AuditEntry forged = new AuditEntry(2, second.time(), "someone-else", second.role(), second.remote(),
                second.method(), second.route(), second.path(), second.pathParams(), second.query(), second.bodyBytes(),
                second.bodySha256(), second.bodyHead(), second.status(), second.responseBytes(),
                second.durationMicros(), second.prevHash(), "");

        tamper("MATCH (e:AuditEntry {seq: 2}) SET e.keyName = 'someone-else', e.hash = '" + forged.expectedHash() + "'");

        var v = audit.verify();
        assertThat(v.brokenAt()).hasValue(3);
        assertThat(v.problem()).contains("prevHash");
    }

    @Test
    void verify_entryDeleted_brokenAtTheGap() {
        audit.append(List.of(event("/a", 200), event("/b", 200), event("/c", 200)));

        tamper("MATCH (e:AuditEntry {seq: 2}) DELETE e");

        var v = audit.verify();
        assertThat(v.brokenAt()).hasValue(2);
        assertThat(v.problem()).isEqualTo("entry 2 is missing (the next stored is 3)");
    }

    @Test
    void verify_lastEntryDeleted_theHeadStillNamesIt() {
        audit.append(List.of(event("/a", 200), event("/b", 200)));

        tamper("MATCH (e:AuditEntry {seq: 2}) DELETE e");

        var v = audit.verify();
        assertThat(v.brokenAt()).hasValue(2);
        assertThat(v.problem()).isEqualTo("entry 2 is missing (the head names 2 entries)");
    }

    @Test
    void verify_propertyRemoved_brokenAtThatEntry() {
        audit.append(List.of(event("/a", 200), event("/b", 200)));

        tamper("MATCH (e:AuditEntry {seq: 1}) REMOVE e.time");

        assertThat(audit.verify().brokenAt()).hasValue(1);
    }

    @Test
    void verify_emptyLog_intactWithNothingChecked() {
        var v = audit.verify();

        assertThat(v.intact()).isTrue();
        assertThat(v.checked()).isZero();
        assertThat(v.head()).isEmpty();
    }
}
