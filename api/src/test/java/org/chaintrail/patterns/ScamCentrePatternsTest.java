package org.chaintrail.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chaintrail.demo.ScamCentreScenario.address;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.chaintrail.analytics.patterns.Movement;
import org.chaintrail.analytics.patterns.PeelChain;
import org.chaintrail.analytics.patterns.PeelChainDetector;
import org.chaintrail.analytics.patterns.PeelChainRequest;
import org.chaintrail.analytics.patterns.PeelChainResult;
import org.chaintrail.analytics.patterns.VictimFanInDetector;
import org.chaintrail.analytics.patterns.VictimFanInRequest;
import org.chaintrail.analytics.patterns.VictimFanInResult;
import org.chaintrail.analytics.patterns.VictimFanInResult.FanInWallet;
import org.chaintrail.analytics.patterns.VictimFanInResult.NotFlagged;
import org.chaintrail.analytics.patterns.VictimFanInResult.Payer;
import org.chaintrail.analytics.tracing.AssetResolver;
import org.chaintrail.cli.ChaintrailCommand;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.demo.ScamCentreScenario;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The patterns on the demo case (files → importers → Neo4j → entities → detectors), checked against
 * what the scenario's generator chose: its peels, the peel chain's remainder and the victims' payments.
 */
class ScamCentrePatternsTest {
    private static DemoGraph.Loaded demo;
    private static Asset usdt;

    @BeforeAll
    static void load() {
        demo = DemoGraph.load();
        usdt = new AssetResolver(demo.graph().store()).resolve(Chain.ETHEREUM, "USDT");
    }

    private static PeelChainResult peelChains(String... starts) {
        return new PeelChainDetector(demo.graph().store(), new PeelChainRequest(Chain.ETHEREUM, usdt, List.of(starts)))
                .detect();
    }

    /** The scan with 3 payers: the demo's scam wallets have 3 or 4 victims each. */
    private static VictimFanInResult scan() {
        return new VictimFanInDetector(demo.graph().store(), new VictimFanInRequest(Chain.ETHEREUM, usdt, List.of(),
                true, 3, VictimFanInRequest.DEFAULT_FIRST_TIME_SHARE, VictimFanInRequest.DEFAULT_CONSOLIDATION_SHARE,
                VictimFanInRequest.DEFAULT_MAX_CONSOLIDATION_TRANSFERS, VictimFanInRequest.DEFAULT_SCAN_LIMIT)).detect();
    }

    /** Base units of USDT as the decimal text the detectors print. */
    private static String usdt(BigInteger baseUnits) {
        BigDecimal tokens = new BigDecimal(baseUnits, 6);
        return tokens.signum() == 0 ? "0" : tokens.stripTrailingZeros().toPlainString();
    }

    @Test
    void detect_fromFirstPeelWallet_findsTheScenarioPeelsInOrder() {
        Map<String, List<BigInteger>> peels = demo.scenario().peels();
        BigInteger a1 = peels.get("harbor-deposit-peel-a").get(0);
        BigInteger b1 = peels.get("harbor-deposit-peel-b").get(0);
        BigInteger a2 = peels.get("harbor-deposit-peel-a").get(1);

        PeelChainResult r = peelChains(address("peel-1"));

        assertThat(r.chains()).hasSize(1);
        PeelChain chain = r.chains().get(0);
        assertThat(chain.addresses())
                .containsExactly(address("peel-1"), address("peel-2"), address("peel-3"), address("peel-4"));
        assertThat(chain.length()).isEqualTo(3);
        assertThat(chain.allPeels()).extracting(Movement::from, Movement::to, Movement::baseUnits, Movement::entity,
                        Movement::via)
                .containsExactly(
                        tuple(address("peel-1"), address("harbor-deposit-peel-a"), a1.toString(), "Harbor Exchange",
                                "deposit-address"),
                        tuple(address("peel-2"), address("harbor-deposit-peel-b"), b1.toString(), "Harbor Exchange",
                                "deposit-address"),
                        tuple(address("peel-3"), address("harbor-deposit-peel-a"), a2.toString(), "Harbor Exchange",
                                "deposit-address"));
        BigInteger total = a1.add(b1).add(a2);
        assertThat(chain.totalPeeledBaseUnits()).isEqualTo(total.toString());
        assertThat(chain.totalPeeled()).isEqualTo(usdt(total));
        assertThat(chain.destinations()).extracting(PeelChain.Destination::entity, PeelChain.Destination::baseUnits,
                        PeelChain.Destination::peels)
                .containsExactly(tuple("Harbor Exchange", total.toString(), 3));
        assertThat(chain.peelSizes().count()).isEqualTo(3);
        assertThat(chain.hopIntervalsSeconds().count()).isEqualTo(2);
    }

    @Test
    void detect_fromFirstPeelWallet_endsWithTheRemainderAtHarbor() {
        PeelChain.End end = peelChains(address("peel-1")).chains().get(0).end();

        assertThat(end.reason()).isEqualTo(PeelChain.EndReason.SINGLE_OUTPUT);
        assertThat(end.address()).isEqualTo(address("peel-4"));
        assertThat(end.transfers()).extracting(Movement::to, Movement::baseUnits, Movement::entity, Movement::via)
                .containsExactly(tuple(address("harbor-deposit-peel-b"), demo.scenario().peelChainRemainder().toString(),
                        "Harbor Exchange", "deposit-address"));
    }

    @Test
    void detect_fromScamWallets_noPeelChain() {
        PeelChainResult r = peelChains(demo.scenario().scamWallets().toArray(String[]::new));

        // Each scam wallet sends its takings on in one transfer to the consolidation wallet.
        assertThat(r.chains()).isEmpty();
        assertThat(r.shortRuns()).extracting(PeelChainResult.ShortRun::reason)
                .containsOnly(PeelChain.EndReason.SINGLE_OUTPUT).hasSize(3);
    }

    @Test
    void detect_scan_flagsEachScamWalletWithExactlyItsVictims() {
        Map<String, Map<String, List<String>>> expected = new TreeMap<>();
        for (ScamCentreScenario.Payment p : demo.scenario().victimPayments()) {
            expected.computeIfAbsent(p.wallet(), w -> new TreeMap<>())
                    .computeIfAbsent(p.victim(), v -> new java.util.ArrayList<>()).add(p.amount().toString());
        }

        VictimFanInResult r = scan();

        assertThat(r.flagged()).extracting(FanInWallet::address)
                .containsExactlyInAnyOrderElementsOf(demo.scenario().scamWallets());
        for (FanInWallet wallet : r.flagged()) {
            Map<String, List<String>> paid = wallet.payers().stream().collect(Collectors.toMap(Payer::address,
                    p -> p.payments().stream().map(VictimFanInResult.Payment::baseUnits).toList(), (x, y) -> x,
                    TreeMap::new));
            assertThat(paid).as(wallet.address()).isEqualTo(expected.get(wallet.address()));
            assertThat(wallet.firstTimePayers()).as(wallet.address()).isEqualTo(expected.get(wallet.address()).size());
            BigInteger received = demo.scenario().victimPayments().stream()
                    .filter(p -> p.wallet().equals(wallet.address()))
                    .map(ScamCentreScenario.Payment::amount).reduce(BigInteger.ZERO, BigInteger::add);
            // Every scam wallet empties itself into the consolidation wallet in one transfer.
            assertThat(wallet.receivedBaseUnits()).isEqualTo(received.toString());
            assertThat(wallet.consolidation()).extracting(Movement::to, Movement::baseUnits)
                    .containsExactly(tuple(address("consolidation"), received.toString()));
        }
    }

    @Test
    void detect_scan_victimsBoughtAtKestrel() {
        VictimFanInResult r = scan();

        assertThat(r.flagged()).flatExtracting(FanInWallet::payers).flatExtracting(Payer::fundedBy)
                .extracting(VictimFanInResult.Funder::entity)
                .containsOnly("Kestrel Exchange")
                .hasSize(10);
    }

    @Test
    void detect_scan_exchangesDepositAddressesAndConsolidationNotFlagged() {
        VictimFanInResult r = scan();

        assertThat(r.flagged()).extracting(FanInWallet::address).doesNotContain(address("kestrel-hot-wallet"),
                address("harbor-hot-wallet"), address("harbor-hot-wallet-2"), address("harbor-deposit-peel-a"),
                address("harbor-deposit-peel-b"), address("kestrel-deposit-layering"), address("consolidation"));
        assertThat(r.notFlagged()).filteredOn(n -> n.address().equals(address("kestrel-hot-wallet"))
                        || n.address().equals(address("harbor-hot-wallet")))
                .hasSize(2)
                .allSatisfy(n -> assertThat(n.reasons()).singleElement().asString().startsWith("a service"));
        // The consolidation wallet's three payers are the scam wallets, each paid by 3 or 4 victims
        // before: collectors, not first-time payers.
        assertThat(r.notFlagged()).filteredOn(n -> n.address().equals(address("consolidation")))
                .extracting(NotFlagged::payerCount, NotFlagged::firstTimePayers)
                .containsExactly(tuple(3, 0));
    }

    @Test
    void patternsCommand_json_printsBothResults() {
        String uri = demo.graph().embeddedBoltUri().orElseThrow().toString();
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new ChaintrailCommand()).execute("patterns", "--neo4j-uri", uri, "--asset", "USDT",
                    "--peel-from", address("peel-1"), "--scan-fan-in", "--min-payers", "3");
        } finally {
            System.setOut(original);
        }

        assertThat(exit).isZero();
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).contains("\"peelChains\"", "\"victimFanIn\"", "\"reason\" : \"SINGLE_OUTPUT\"",
                "\"baseUnits\" : \"" + demo.scenario().peelChainRemainder() + "\"");
        demo.scenario().scamWallets().forEach(w -> assertThat(json).contains("\"address\" : \"" + w + "\""));
    }
}
