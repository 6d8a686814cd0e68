package org.chaintrail.export;

import static org.chaintrail.demo.ScamCentreScenario.address;

import java.util.List;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.query.AddressQuery;
import org.chaintrail.query.AddressView;
import org.chaintrail.query.TraceQuery;

/**
 * A case over the demo graph as the case store exports it: two real traces of the scam wallets
 * (forward, and backward to the victims and the exchange they bought at), three addresses with the
 * labels and entities the graph holds for them, and notes, one of them hostile markup.
 */
final class DemoCase {
    static final String HOSTILE_NOTE = "Victim's screenshot says <script>alert('x')</script> & \"send more\"";

    private DemoCase() {
    }

    static CaseDossier build(DemoGraph.Loaded demo) {
        GraphStore store = demo.graph().store();
        List<String> scams = demo.scenario().scamWallets();
        TraceResult forward = new TraceQuery("ethereum", scams, "USDT", "forward", "haircut", 10).run(store);
        TraceResult backward = new TraceQuery("ethereum", scams, "USDT", "backward", "haircut", 2).run(store);
        List<CaseDossier.Address> addresses = List.of(
                caseAddress(store, scams.get(0), "Wallet the first victim paid, from her bank's report",
                        "2026-11-20T09:05:00Z"),
                caseAddress(store, address("consolidation"), "Collects from all three scam wallets",
                        "2026-11-20T11:30:00Z"),
                caseAddress(store, address("kestrel-deposit-layering"), "Deposit address: subpoena Kestrel for the account",
                        "2026-11-21T08:00:00Z"));
        List<CaseDossier.Note> notes = List.of(
                new CaseDossier.Note("Ten victims so far; amounts match their bank statements.", "analyst-a",
                        "2026-11-20T09:10:00Z"),
                new CaseDossier.Note(HOSTILE_NOTE, "analyst-b", "2026-11-21T08:30:00.250Z"));
        List<CaseDossier.SavedTrace> traces = List.of(
                new CaseDossier.SavedTrace("t1", "analyst-a", "2026-11-20T10:15:00Z", forward),
                new CaseDossier.SavedTrace("t2", "analyst-b", "2026-11-21T07:45:00Z", backward));
        return new CaseDossier("C-2026-0042", "Kestrel pig-butchering ring",
                "Ten victims paid three wallets of a romance-investment scam; where did the money go?", "analyst-a",
                "2026-11-20T09:00:00Z", addresses, notes, traces);
    }

    private static CaseDossier.Address caseAddress(GraphStore store, String addr, String note, String addedAt) {
        AddressView v = new AddressQuery("ethereum", addr).run(store).orElseThrow();
        List<CaseDossier.Tag> tags = v.labels().stream()
                .map(l -> new CaseDossier.Tag(l.label(), l.category(), l.source())).toList();
        TraceResult.EntityRef entity = v.entity() == null ? null
                : new TraceResult.EntityRef(v.entity().id(), v.entity().name(), v.entity().category());
        return new CaseDossier.Address("ethereum", v.address(), note, "analyst-a", addedAt, tags, entity);
    }
}
