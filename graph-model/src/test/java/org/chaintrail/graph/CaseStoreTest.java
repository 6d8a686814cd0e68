package org.chaintrail.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.chaintrail.model.Authored;
import org.chaintrail.model.Block;
import org.chaintrail.model.CaseAddress;
import org.chaintrail.model.CaseFile;
import org.chaintrail.model.CaseHeader;
import org.chaintrail.model.CaseMember;
import org.chaintrail.model.CaseNote;
import org.chaintrail.model.Chain;
import org.chaintrail.model.SavedTrace;
import org.chaintrail.model.StoredTrace;
import org.chaintrail.model.TraceEvidence;
import org.chaintrail.model.TraceRerun;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CaseStoreTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final String WALLET = "0x00000000000000000000000000000000000000aa";
    private static final Instant MONDAY = Instant.parse("2024-09-30T08:00:00.123456Z");
    private static final Instant TUESDAY = Instant.parse("2024-10-01T09:30:00Z");

    private GraphConnection graph;
    private CaseStore cases;

    @BeforeEach
    void setUp() {
        graph = TestGraph.fresh();
        cases = graph.store().cases();
    }

    private CaseHeader open(String title, String by) {
        return cases.create(title, Optional.empty(), new Authored(by, MONDAY));
    }

    @Test
    void create_twoCases_numberedInOrderAndListedToWhoMaySee() {
        CaseHeader first = cases.create("Harbor pig-butchering ring", Optional.of("victims in three countries"),
                new Authored("alice", MONDAY));
        CaseHeader second = open("Kestrel mule wallets", "bob");

        assertThat(first.id()).isEqualTo("case-1");
        assertThat(second.id()).isEqualTo("case-2");
        assertThat(cases.header("case-1")).contains(first);
        assertThat(cases.header("case-1").orElseThrow().created().at()).isEqualTo(Instant.parse("2024-09-30T08:00:00.123Z"));
        assertThat(cases.visibleTo("alice", false)).extracting(CaseHeader::id).containsExactly("case-1");
        assertThat(cases.visibleTo("carol", false)).isEmpty();
        assertThat(cases.visibleTo("carol", true)).extracting(CaseHeader::id).containsExactly("case-1", "case-2");
        assertThat(cases.header("case-3")).isEmpty();
    }

    @Test
    void addMember_once_memberSeesTheCaseAndASecondAddChangesNothing() {
        open("Harbor", "alice");

        assertThat(cases.addMember("case-1", new CaseMember("carol", new Authored("alice", TUESDAY)))).isTrue();
        assertThat(cases.addMember("case-1", new CaseMember("carol", new Authored("bob", TUESDAY)))).isFalse();

        assertThat(cases.visibleTo("carol", false)).extracting(CaseHeader::id).containsExactly("case-1");
        CaseHeader header = cases.header("case-1").orElseThrow();
        assertThat(header.members()).containsExactly(new CaseMember("carol", new Authored("alice", TUESDAY)));
        assertThat(header.visibleTo("carol", false)).isTrue();
        assertThat(header.managedBy("carol", false)).isFalse();
    }

    @Test
    void addAddressAndNotes_appendOnly_readBackInTheOrderAdded() {
        open("Harbor", "alice");

        assertThat(cases.addAddress("case-1", new CaseAddress(ETH, WALLET, Optional.of("first scam wallet"),
                new Authored("alice", MONDAY)))).isTrue();
        cases.addNote("case-1", new CaseNote("victim A paid on 27 October", new Authored("alice", TUESDAY)));
        cases.addNote("case-1", new CaseNote("correction: 28 October", new Authored("bob", TUESDAY)));
        // The same address again, in upper case: refused, the first entry stays.
        assertThat(cases.addAddress("case-1", new CaseAddress(ETH, WALLET.toUpperCase().replace("0X", "0x"),
                Optional.of("again"), new Authored("bob", TUESDAY)))).isFalse();

        CaseFile file = cases.find("case-1").orElseThrow();
        assertThat(file.addresses()).containsExactly(new CaseAddress(ETH, WALLET,
                Optional.of("first scam wallet"), new Authored("alice", MONDAY)));
        assertThat(file.notes()).extracting(CaseNote::text)
                .containsExactly("victim A paid on 27 October", "correction: 28 October");
        assertThat(file.notes().get(1).added().by()).isEqualTo("bob");
        assertThat(cases.find("case-9")).isEmpty();
    }

    @Test
    void addNote_noSuchCase_refusedNamingIt() {
        assertThatThrownBy(() -> cases.addNote("case-9", new CaseNote("x", new Authored("alice", MONDAY))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("case-9");
    }

    @Test
    void saveTrace_resultAndEvidence_readBackByteForByteWithItsHash() {
        open("Harbor", "alice");
        var blocks = new TreeMap<Long, String>();
        blocks.put(21_000_007L, "0x" + "ab".repeat(32));
        blocks.put(21_000_003L, "0x" + "cd".repeat(32));
        String result = "{\n  \"summary\" : { \"seedFlow\" : \"12.5\" }\n}\n";
        var evidence = new TraceEvidence(result, blocks, "{ }");

        SavedTrace saved = cases.saveTrace("case-1", new Authored("alice", TUESDAY), ETH, "{\"chain\":\"ethereum\"}",
                "{\"summary\":{}}", evidence);
        SavedTrace second = cases.saveTrace("case-1", new Authored("bob", TUESDAY), ETH, "{}", "{}", evidence);

        assertThat(saved.id()).isEqualTo("trace-1");
        assertThat(second.id()).isEqualTo("trace-2");
        // printf '{\n  "summary" : { "seedFlow" : "12.5" }\n}\n' | sha256sum
        assertThat(saved.resultSha256()).isEqualTo("382bdd2aab816e0b098ca957a75204ee0d4be79e99c0dbfb762164bb70fa4010");
        StoredTrace stored = cases.trace("case-1", "trace-1").orElseThrow();
        assertThat(stored.trace()).isEqualTo(saved);
        assertThat(stored.evidence().result()).isEqualTo(result);
        assertThat(stored.evidence().blockHashes()).containsExactly(
                entry(21_000_003L, "0x" + "cd".repeat(32)),
                entry(21_000_007L, "0x" + "ab".repeat(32)));
        assertThat(stored.intact()).isTrue();
        assertThat(cases.find("case-1").orElseThrow().traces()).extracting(SavedTrace::id)
                .containsExactly("trace-1", "trace-2");
        assertThat(cases.trace("case-1", "trace-3")).isEmpty();
        assertThat(cases.trace("case-2", "trace-1")).isEmpty();
    }

    @Test
    void trace_resultAlteredInTheDatabase_notIntact() {
        open("Harbor", "alice");
        cases.saveTrace("case-1", new Authored("alice", MONDAY), ETH, "{}", "{}",
                new TraceEvidence("{\"seedFlow\":\"12.5\"}", new TreeMap<>(), "{}"));

        // Someone with database access lowers the figure behind the store's back.
        try (var session = graph.driver().session()) {
            session.run("MATCH (t:SavedTrace {caseId: 'case-1', id: 'trace-1'}) SET t.result = $altered",
                    java.util.Map.of("altered", "{\"seedFlow\":\"1.5\"}")).consume();
        }

        StoredTrace stored = cases.trace("case-1", "trace-1").orElseThrow();
        assertThat(stored.evidence().result()).isEqualTo("{\"seedFlow\":\"1.5\"}");
        assertThat(stored.intact()).isFalse();
    }

    @Test
    void recordRerun_twice_keptInOrderBesideTheUnchangedTrace() {
        open("Harbor", "alice");
        SavedTrace saved = cases.saveTrace("case-1", new Authored("alice", MONDAY), ETH, "{}", "{}",
                new TraceEvidence("{}", new TreeMap<>(), "{}"));

        cases.recordRerun("case-1", saved.id(), new TraceRerun(new Authored("bob", TUESDAY), "unchanged", List.of()));
        cases.recordRerun("case-1", saved.id(), new TraceRerun(new Authored("carol", TUESDAY), "changed",
                List.of("history", "new-blocks")));

        StoredTrace stored = cases.trace("case-1", saved.id()).orElseThrow();
        assertThat(stored.reruns()).extracting(r -> r.by().by(), TraceRerun::verdict)
                .containsExactly(tuple("bob", "unchanged"),
                        tuple("carol", "changed"));
        assertThat(stored.reruns().get(1).causes()).containsExactly("history", "new-blocks");
        assertThat(stored.trace()).isEqualTo(saved);
        assertThatThrownBy(() -> cases.recordRerun("case-1", "trace-9",
                new TraceRerun(new Authored("bob", TUESDAY), "unchanged", List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trace-9");
    }

    @Test
    void blockHashes_storedAndMissingBlocks_onlyTheStoredOnes() {
        GraphStore store = TestGraph.fresh().store();
        store.write(new WriteBatch(List.of(new Block(ETH, 5, "0x" + "05".repeat(32), 1_700_000_000L),
                new Block(ETH, 6, "0x" + "06".repeat(32), 1_700_000_012L)), List.of(), List.of(), List.of()));

        assertThat(store.cases().blockHashes(ETH, List.of(6L, 7L, 5L)))
                .containsExactly(entry(5L, "0x" + "05".repeat(32)),
                        entry(6L, "0x" + "06".repeat(32)));
        assertThat(store.cases().blockHashes(Chain.BITCOIN, List.of(5L))).isEmpty();
    }
}
