package org.chaintrail.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.chaintrail.demo.ScamCentreScenario.address;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.demo.ScamCentreScenario;
import org.chaintrail.export.CaseDossier;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.Label;
import org.chaintrail.model.LabelAttachment;
import org.chaintrail.model.Provenance;
import org.chaintrail.model.TagDetails;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cases over the demo case in the real embedded Neo4j, loaded afresh for each test: most change its data. */
class CasesTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final Requester ALICE = new Requester("alice", false);
    private static final Requester BOB = new Requester("bob", false);
    private static final Requester ROOT = new Requester("root", true);

    private DemoGraph.Loaded demo;
    private GraphStore store;
    private Cases cases;

    @BeforeEach
    void load() {
        demo = DemoGraph.load();
        store = demo.graph().store();
        cases = new Cases(store);
    }

    /** Alice's case with the demo's forward trace of the scam wallets saved in it. */
    private SavedTraceView savedTrace() {
        String id = cases.create(ALICE, "Scam centre", null).id();
        return cases.saveTrace(ALICE, id, new TraceQuery("ethereum", demo.scenario().scamWallets(), "USDT",
                "forward", "haircut", 10)).orElseThrow();
    }

    private RerunReport rerun(SavedTraceView saved) {
        return cases.rerun(ALICE, saved.caseId(), saved.id()).orElseThrow();
    }

    @Test
    void rerun_unchangedData_unchangedOnBothRuns() {
        SavedTraceView saved = savedTrace();

        RerunReport r = cases.rerun(ALICE, saved.caseId(), saved.id()).orElseThrow();

        assertThat(r.verdict()).isEqualTo("unchanged");
        assertThat(r.intact()).isTrue();
        assertThat(r.causes()).isEmpty();
        assertThat(r.atSnapshot().differs()).isFalse();
        assertThat(r.today().differs()).isFalse();
        assertThat(r.snapshotBlock()).isEqualTo(saved.result().snapshot().get("ethereum")).isEqualTo(r.currentBlock());
        assertThat(r.history()).isNull();
        assertThat(r.newBlocks()).isNull();
        assertThat(r.reasons()).singleElement().asString().startsWith("unchanged:");
        // Recorded beside the trace, which stays as saved.
        SavedTraceView after = cases.trace(ALICE, saved.caseId(), saved.id()).orElseThrow();
        assertThat(after.reruns()).extracting(SavedTraceView.Rerun::by, SavedTraceView.Rerun::verdict)
                .containsExactly(tuple("alice", "unchanged"));
        assertThat(after.result()).isEqualTo(saved.result());
        assertThat(after.intact()).isTrue();
    }

    @Test
    void rerun_labelAddedOnAnEndpoint_changedOnTheSnapshotsBlocksNamingTheAddress() {
        SavedTraceView saved = savedTrace();
        String deposit = address("kestrel-deposit-layering");
        assertThat(saved.result().endpoints()).filteredOn(e -> e.address().equals(deposit))
                .extracting(TraceResult.Endpoint::via).containsExactly("deposit-address");

        // The exchange answered the subpoena: the deposit address is its own. Labels imported, entities rebuilt.
        store.labels().attach(List.of(new LabelAttachment(new AddressLabel(ETH, deposit, new Label("Kestrel Exchange",
                Optional.of("exchange"), Optional.empty(), Optional.of("kestrel_exchange"), "subpoena return 2024-117",
                Optional.of("authority_data"))), TagDetails.NONE, new Provenance("fiu-carol", Instant.now(),
                Optional.empty()))));
        new EntityResolver(store, ETH).resolve();
        RerunReport r = rerun(saved);

        assertThat(r.verdict()).isEqualTo("changed");
        assertThat(r.causes()).containsExactly("history");
        assertThat(r.atSnapshot().endpointsChanged()).singleElement().satisfies(c -> {
            assertThat(c.address()).isEqualTo(deposit);
            assertThat(c.changes()).contains(new TraceDiff.FieldChange("via", "deposit-address", "label"));
        });
        assertThat(r.atSnapshot().flowsAdded()).isEmpty();
        assertThat(r.atSnapshot().flowsRemoved()).isEmpty();
        assertThat(r.history().attribution()).singleElement().satisfies(c -> {
            assertThat(c.address()).isEqualTo(deposit);
            assertThat(c.was().labels()).isEmpty();
            assertThat(c.was().via()).isEqualTo("deposit-address");
            assertThat(c.now().labels()).extracting(AddressView.LabelView::label).containsExactly("Kestrel Exchange");
            assertThat(c.now().via()).isEqualTo("label");
            assertThat(c.labelEvents()).extracting(RerunReport.LabelEvent::action, RerunReport.LabelEvent::by,
                    RerunReport.LabelEvent::label).containsExactly(
                    tuple("added", "fiu-carol", "Kestrel Exchange"));
        });
        assertThat(r.history().rewrittenBlocks()).isEmpty();
        assertThat(r.newBlocks()).isNull();
        assertThat(r.reasons()).singleElement().asString()
                .startsWith("attribution of " + deposit + " changed since the trace was saved: "
                        + "entity Kestrel Exchange [exchange:kestrel_exchange] via deposit-address -> Kestrel Exchange "
                        + "(exchange); entity Kestrel Exchange [exchange:kestrel_exchange] via label; "
                        + "label 'Kestrel Exchange' added by fiu-carol at ");
    }

    @Test
    void rerun_newBlockWithAFlowFromASeed_changedOnlyTodayNamingTheTransaction() {
        SavedTraceView saved = savedTrace();
        String seed = demo.scenario().scamWallets().get(0);
        long last = saved.result().snapshot().get("ethereum");
        String fresh = "0x" + "5a".repeat(20);
        String tx = "0x" + "7e".repeat(32);
        long time = Instant.parse("2025-01-15T00:00:00Z").getEpochSecond();
        // Two blocks after the snapshot: a scam wallet moves 100 USDT on in the second.
        store.write(new WriteBatch(List.of(new Block(ETH, last + 1, "0x" + "b1".repeat(32), time),
                new Block(ETH, last + 2, "0x" + "b2".repeat(32), time + 12)), List.of(),
                List.of(new Transfer(ETH, tx, last + 2, 0, 0, time + 12, seed, fresh,
                        ScamCentreScenario.USDT, BigInteger.valueOf(100_000_000))), List.of()));

        RerunReport r = rerun(saved);

        assertThat(r.verdict()).isEqualTo("changed");
        assertThat(r.causes()).containsExactly("new-blocks");
        assertThat(r.atSnapshot().differs()).isFalse();
        assertThat(r.history()).isNull();
        assertThat(r.currentBlock()).isEqualTo(last + 2);
        assertThat(r.today().flowsAdded()).extracting(TraceResult.Flow::txHash, TraceResult.Flow::from,
                TraceResult.Flow::to, TraceResult.Flow::amount).containsExactly(
                tuple(tx, seed, fresh, "100"));
        assertThat(r.today().flowsRemoved()).isEmpty();
        assertThat(r.today().summary()).extracting(TraceDiff.FieldChange::field).contains("flowCount");
        assertThat(r.newBlocks().from()).isEqualTo(last + 1);
        assertThat(r.newBlocks().to()).isEqualTo(last + 2);
        assertThat(r.newBlocks().flows()).extracting(TraceResult.Flow::txHash).containsExactly(tx);
        assertThat(r.reasons()).containsExactly("blocks " + (last + 1) + " to " + (last + 2)
                + " of ethereum were stored after the trace was saved; new flows: " + tx);
    }

    @Test
    void rerun_reorganisationRewroteAFlowsBlock_historyNamesTheBlock() {
        SavedTraceView saved = savedTrace();
        String deposit = address("kestrel-deposit-layering");
        long rewritten = saved.result().flows().stream().filter(f -> f.to().equals(deposit)).findFirst()
                .orElseThrow().blockNumber();
        String parent = store.blockHashes(ETH, rewritten - 1, rewritten - 1).get(rewritten - 1);
        String before = store.blockHashes(ETH, rewritten, rewritten).get(rewritten);
        String after = "0x" + "0f".repeat(32);
        // The chain reorganised at that block: the new one holds none of the old one's transfers.
        store.rollback(new Checkpoint(ETH, rewritten - 1, parent));
        store.write(new WriteBatch(List.of(new Block(ETH, rewritten, after, 1_730_500_000L)), List.of(), List.of(),
                List.of()));

        RerunReport r = rerun(saved);

        assertThat(r.causes()).containsExactly("history");
        assertThat(r.currentBlock()).isEqualTo(rewritten);
        assertThat(r.atSnapshot().flowsRemoved()).extracting(TraceResult.Flow::blockNumber)
                .allMatch(b -> b >= rewritten).isNotEmpty();
        assertThat(r.history().rewrittenBlocks().get(0)).isEqualTo(new RerunReport.RewrittenBlock(rewritten, before, after));
        assertThat(r.history().rewrittenBlocks().subList(1, r.history().rewrittenBlocks().size()))
                .isNotEmpty().allMatch(b -> b.number() > rewritten && b.now() == null);
        assertThat(r.reasons()).contains("block " + rewritten + " was " + before + " when the trace was saved and is "
                + after + ": a reorganisation rewrote it");
    }

    @Test
    void visibility_caseOfAnotherKey_absentUntilItsCreatorAddsThem() {
        String id = cases.create(ALICE, "Alice's case", "who paid the scam wallets").id();

        assertThat(cases.list(BOB)).isEmpty();
        assertThat(cases.get(BOB, id)).isEmpty();
        assertThat(cases.addNote(BOB, id, "bob was here")).isEmpty();
        assertThat(cases.saveTrace(BOB, id, new TraceQuery("ethereum", demo.scenario().scamWallets(), "USDT",
                "forward", "haircut", 10))).isEmpty();
        assertThat(cases.get(ROOT, id)).isPresent();
        assertThat(cases.get(ALICE, id).orElseThrow().notes()).isEmpty();

        assertThat(cases.addMember(ALICE, id, "bob").orElseThrow()).extracting(CaseView.Member::name)
                .containsExactly("bob");
        assertThat(cases.list(BOB)).extracting(CaseView.Listing::id).containsExactly(id);
        assertThat(cases.get(BOB, id)).isPresent();
        assertThatThrownBy(() -> cases.addMember(BOB, id, "mallory")).isInstanceOf(CaseForbiddenException.class)
                .hasMessageContaining("alice");
    }

    @Test
    void dossier_storedCase_addressesWithTheirLabelsAndEntityNow() {
        String id = cases.create(ALICE, "Scam centre", "three scam wallets").id();
        cases.addAddress(ALICE, id, "ethereum", address("fogmix").toUpperCase().replace("0X", "0x"), "mixer used");
        cases.addAddress(ALICE, id, "ethereum", address("kestrel-deposit-layering"), null);
        cases.addNote(ALICE, id, "subpoena Kestrel for the deposit address");
        SavedTraceView saved = cases.saveTrace(ALICE, id, new TraceQuery("ethereum", demo.scenario().scamWallets(),
                "USDT", "forward", "haircut", 10)).orElseThrow();

        CaseDossier d = cases.dossier(ALICE, id).orElseThrow();

        assertThat(d.title()).isEqualTo("Scam centre");
        assertThat(d.createdBy()).isEqualTo("alice");
        assertThat(d.addresses()).extracting(CaseDossier.Address::address)
                .containsExactly(address("fogmix"), address("kestrel-deposit-layering"));
        CaseDossier.Address mixer = d.addresses().get(0);
        assertThat(mixer.note()).isEqualTo("mixer used");
        assertThat(mixer.tags()).containsExactly(new CaseDossier.Tag("FogMix", "mixing_service",
                "chaintrail demo scenario"));
        assertThat(mixer.entity().name()).isEqualTo("FogMix");
        CaseDossier.Address deposit = d.addresses().get(1);
        assertThat(deposit.tags()).isEmpty();
        assertThat(deposit.entity()).isEqualTo(new TraceResult.EntityRef("exchange:kestrel_exchange",
                "Kestrel Exchange", "exchange"));
        assertThat(d.notes()).extracting(CaseDossier.Note::text).containsExactly("subpoena Kestrel for the deposit address");
        assertThat(d.traces()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(saved.id());
            assertThat(t.result()).isEqualTo(saved.result());
        });
        assertThat(cases.dossier(BOB, id)).isEmpty();
    }
}
