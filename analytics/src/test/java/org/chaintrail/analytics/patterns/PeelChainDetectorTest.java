package org.chaintrail.analytics.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.analytics.patterns.PeelChain.EndReason;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Peel chains on a small graph, every figure worked out by hand. Whole tokens of a 6-decimal token;
 * one transfer per block, blocks 12 s apart.
 *
 * <pre>
 *  b1  FUNDER  → P1      1000  P1 receives: where the chain begins
 *  b2  FUNDER  → OLD        5  OLD now has history: not fresh for R1 at b17
 *  b3  P1      → HOT       30  hop 1 peel (Kestrel Exchange)
 *  b4  P1      → P2       970  hop 1 remainder: 97 % of 1000, P2 fresh
 *  b5  P2      → DEPOSIT  100  hop 2 peel (DEPOSIT becomes a Kestrel deposit address at b14)
 *  b6  P2      → P3       870  hop 2 remainder: 89.7 %, P3 fresh
 *  b7  P3      → HOT       70  hop 3 peel
 *  b8  P3      → FRIEND    30  hop 3 second peel
 *  b9  P3      → P4       770  hop 3 remainder: 88.5 %, P4 fresh
 *  b10 P4      → FRIEND    40  hop 4 peel (a peel's payee need not be fresh)
 *  b11 P4      → P5       730  hop 4 remainder: 94.8 %, P5 fresh
 *  b12 P5      → SPLIT_A  365  a 50/50 split is no peel step: the chain ends at P5
 *  b13 P5      → SPLIT_B  365
 *  b14 DEPOSIT → HOT      100  the sweep that makes DEPOSIT a Kestrel deposit address
 *  b15 FUNDER  → R1       100
 *  b16 R1      → HOT       10  would be a peel, but ...
 *  b17 R1      → OLD       90  ... 90 % goes to OLD, which was paid at b2: not fresh, no peel step
 *  b18 FUNDER  → S1       200
 *  b19 S1      → FRIEND    20  hop 1 peel
 *  b20 S1      → MIXER    180  hop 1 remainder to a fresh address that is a mixer: the chain ends there
 * </pre>
 */
class PeelChainDetectorTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final String TOKEN = "0x00000000000000000000000000000000000000bb";
    private static final Asset USD = Asset.token(ETH, TOKEN, "TUSD", 6);
    private static final long T0 = 1_700_000_000L;
    private static final String FUNDER = addr("f0");
    private static final String OLD = addr("01d");
    private static final String P1 = addr("b1");
    private static final String P2 = addr("b2");
    private static final String P3 = addr("b3");
    private static final String P4 = addr("b4");
    private static final String P5 = addr("b5");
    private static final String HOT = addr("e1");
    private static final String DEPOSIT = addr("d1");
    private static final String FRIEND = addr("f21e");
    private static final String SPLIT_A = addr("5a");
    private static final String SPLIT_B = addr("5b");
    private static final String R1 = addr("c1");
    private static final String S1 = addr("a1");
    private static final String MIXER = addr("e2");

    private static GraphStore store;

    private static String addr(String tail) {
        return "0x" + "0".repeat(40 - tail.length()) + tail;
    }

    private static BigInteger tokens(long whole) {
        return BigInteger.valueOf(whole).multiply(BigInteger.TEN.pow(6));
    }

    private static String hash(long block) {
        return String.format("0x%064x", block);
    }

    @BeforeAll
    static void load() {
        store = TestGraph.fresh().store();
        String[][] edges = {
            {FUNDER, P1, "1000"}, {FUNDER, OLD, "5"}, {P1, HOT, "30"}, {P1, P2, "970"}, {P2, DEPOSIT, "100"},
            {P2, P3, "870"}, {P3, HOT, "70"}, {P3, FRIEND, "30"}, {P3, P4, "770"}, {P4, FRIEND, "40"},
            {P4, P5, "730"}, {P5, SPLIT_A, "365"}, {P5, SPLIT_B, "365"}, {DEPOSIT, HOT, "100"},
            {FUNDER, R1, "100"}, {R1, HOT, "10"}, {R1, OLD, "90"},
            {FUNDER, S1, "200"}, {S1, FRIEND, "20"}, {S1, MIXER, "180"}};
        List<Block> blocks = new ArrayList<>();
        List<Transfer> transfers = new ArrayList<>();
        for (int i = 0; i < edges.length; i++) {
            long block = i + 1;
            blocks.add(new Block(ETH, block, hash(block), T0 + block * 12));
            transfers.add(new Transfer(ETH, hash(block), block, 0, 0, T0 + block * 12, edges[i][0], edges[i][1], TOKEN,
                    tokens(Long.parseLong(edges[i][2]))));
        }
        store.write(new WriteBatch(blocks, List.of(USD), transfers, List.of(
                label(HOT, "Kestrel Exchange", "exchange"), label(MIXER, "FogMix", "mixing_service"))));
        new EntityResolver(store, ETH).resolve();
    }

    private static AddressLabel label(String address, String name, String category) {
        return new AddressLabel(ETH, address, new Label(name, Optional.of(category), Optional.empty(), Optional.empty(),
                "test", Optional.of("forensic")));
    }

    private static PeelChainResult detect(List<String> starts, int minLength, int maxLength) {
        return new PeelChainDetector(store, new PeelChainRequest(ETH, USD, starts,
                PeelChainRequest.DEFAULT_REMAINDER_SHARE, minLength, maxLength)).detect();
    }

    @Test
    void detect_fourHopChain_reportsAddressesPeelsAndTotal() {
        PeelChainResult r = new PeelChainDetector(store, new PeelChainRequest(ETH, USD, List.of(P1))).detect();

        assertThat(r.chains()).hasSize(1);
        PeelChain chain = r.chains().get(0);
        assertThat(chain.addresses()).containsExactly(P1, P2, P3, P4, P5);
        assertThat(chain.length()).isEqualTo(4);
        assertThat(chain.allPeels()).extracting(Movement::from, Movement::to, Movement::amount, Movement::txHash,
                        Movement::entity)
                .containsExactly(
                        tuple(P1, HOT, "30", hash(3), "Kestrel Exchange"),
                        tuple(P2, DEPOSIT, "100", hash(5), "Kestrel Exchange"),
                        tuple(P3, HOT, "70", hash(7), "Kestrel Exchange"),
                        tuple(P3, FRIEND, "30", hash(8), null),
                        tuple(P4, FRIEND, "40", hash(10), null));
        assertThat(chain.totalPeeled()).isEqualTo("270");
        assertThat(chain.totalPeeledBaseUnits()).isEqualTo("270000000");
        assertThat(chain.hops()).extracting(h -> h.remainder().to(), h -> h.remainder().amount(), PeelChain.Hop::sent,
                        PeelChain.Hop::remainderShare)
                .containsExactly(
                        tuple(P2, "970", "1000", "0.970000"),
                        tuple(P3, "870", "970", "0.896907"),
                        tuple(P4, "770", "870", "0.885057"),
                        tuple(P5, "730", "770", "0.948052"));
        assertThat(r.shortRuns()).isEmpty();
    }

    @Test
    void detect_fourHopChain_peelsGroupedByEntityOfTheirPayee() {
        PeelChain chain = detect(List.of(P1), 3, 100).chains().get(0);

        // Kestrel: 30 + 70 at its hot wallet and 100 at its deposit address; FRIEND: 30 + 40.
        assertThat(chain.destinations()).extracting(PeelChain.Destination::entity, PeelChain.Destination::category,
                        PeelChain.Destination::amount, PeelChain.Destination::peels, PeelChain.Destination::addresses)
                .containsExactly(
                        tuple("Kestrel Exchange", "exchange", "200", 3, List.of(DEPOSIT, HOT)),
                        tuple(null, null, "70", 2, List.of(FRIEND)));
        assertThat(chain.allPeels()).filteredOn(m -> m.to().equals(DEPOSIT)).extracting(Movement::via)
                .containsExactly("deposit-address");
    }

    @Test
    void detect_fiftyFiftySplit_endsTheChainWithBothTransfers() {
        PeelChain.End end = detect(List.of(P1), 3, 100).chains().get(0).end();

        assertThat(end.reason()).isEqualTo(EndReason.NO_DOMINANT_OUTPUT);
        assertThat(end.address()).isEqualTo(P5);
        assertThat(end.detail()).contains("50 %", "730", "80 %");
        assertThat(end.transfers()).extracting(Movement::to, Movement::amount)
                .containsExactly(tuple(SPLIT_A, "365"), tuple(SPLIT_B, "365"));
        assertThat(end.transferCount()).isEqualTo(2);
    }

    @Test
    void detect_fourHopChain_peelSizeAndIntervalStatistics() {
        PeelChain chain = detect(List.of(P1), 3, 100).chains().get(0);

        // Peels 30, 100, 70, 30, 40: median 40, mean 54, sample sd √930 = 30.495901, CV 30.4959 / 54.
        assertThat(chain.peelSizes()).isEqualTo(new Distribution(5, "40", "54", "30.495901", "0.5647"));
        // Remainders at b4, b6, b9, b11: 24, 36 and 24 s apart; mean 28, sd √48 = 6.93, CV 0.2474.
        assertThat(chain.hopIntervalsSeconds()).isEqualTo(new Distribution(3, "24", "28", "6.9", "0.2474"));
    }

    @Test
    void detect_remainderToAddressWithHistory_isNoPeelStep() {
        PeelChainResult r = detect(List.of(R1), 3, 100);

        assertThat(r.chains()).isEmpty();
        assertThat(r.shortRuns()).extracting(PeelChainResult.ShortRun::start, PeelChainResult.ShortRun::length,
                        PeelChainResult.ShortRun::reason, PeelChainResult.ShortRun::address)
                .containsExactly(tuple(R1, 0, EndReason.REMAINDER_NOT_FRESH, R1));
        assertThat(r.shortRuns().get(0).detail()).contains(OLD, hash(17), "90 %");
    }

    @Test
    void detect_startInsideAnotherChain_reportedOnceAsPartOfIt() {
        PeelChainResult r = detect(List.of(P3, P1), 3, 100);

        assertThat(r.chains()).extracting(PeelChain::start, PeelChain::length).containsExactly(tuple(P1, 4));
        assertThat(r.shortRuns()).isEmpty();
    }

    @Test
    void detect_startMidChain_shorterThanMinimumIsAShortRun() {
        PeelChainResult r = detect(List.of(P3), 3, 100);

        assertThat(r.chains()).isEmpty();
        assertThat(r.shortRuns()).extracting(PeelChainResult.ShortRun::length, PeelChainResult.ShortRun::reason)
                .containsExactly(tuple(2, EndReason.NO_DOMINANT_OUTPUT));
        assertThat(detect(List.of(P3), 2, 100).chains()).extracting(PeelChain::addresses)
                .containsExactly(List.of(P3, P4, P5));
    }

    @Test
    void detect_maxLength_stopsTheWalk() {
        PeelChain chain = detect(List.of(P1), 2, 2).chains().get(0);

        assertThat(chain.addresses()).containsExactly(P1, P2, P3);
        assertThat(chain.end().reason()).isEqualTo(EndReason.MAX_LENGTH);
        assertThat(chain.end().address()).isEqualTo(P3);
        assertThat(chain.end().transfers()).isEmpty();
    }

    @Test
    void detect_remainderIntoFreshServiceAddress_endsAtTheService() {
        PeelChain chain = detect(List.of(S1), 1, 100).chains().get(0);

        assertThat(chain.addresses()).containsExactly(S1, MIXER);
        assertThat(chain.allPeels()).extracting(Movement::to, Movement::amount).containsExactly(tuple(FRIEND, "20"));
        assertThat(chain.end().reason()).isEqualTo(EndReason.SERVICE);
        assertThat(chain.end().address()).isEqualTo(MIXER);
        assertThat(chain.end().detail()).contains("FogMix (mixing_service)");
    }

    @Test
    void detect_serviceAsStart_isNotWalked() {
        PeelChainResult r = detect(List.of(HOT), 3, 100);

        assertThat(r.shortRuns()).extracting(PeelChainResult.ShortRun::reason, PeelChainResult.ShortRun::length)
                .containsExactly(tuple(EndReason.SERVICE, 0));
        assertThat(r.shortRuns().get(0).detail()).contains("Kestrel Exchange (exchange)");
    }

    @Test
    void detect_sameRequestTwice_sameResult() {
        assertThat(detect(List.of(P1, R1, S1), 1, 100)).isEqualTo(detect(List.of(S1, R1, P1), 1, 100));
    }

    @Test
    void request_remainderShareHalfOrLess_refusedNamingTheValue() {
        assertThatThrownBy(() -> new PeelChainRequest(ETH, USD, List.of(P1), new BigDecimal("0.5"), 3, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remainder share must be more than 0.5 and at most 1, was 0.5");
        assertThatThrownBy(() -> new PeelChainRequest(ETH, USD, List.of(P1), new BigDecimal("0.8"), 5, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min length must be 1..4 (the max length), was 5");
        assertThatThrownBy(() -> new PeelChainRequest(ETH, USD, List.of("0x12")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0x12'");
    }
}
