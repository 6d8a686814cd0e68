package org.chaintrail.analytics.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.analytics.patterns.VictimFanInResult.FanInWallet;
import org.chaintrail.analytics.patterns.VictimFanInResult.NotFlagged;
import org.chaintrail.analytics.patterns.VictimFanInResult.Payer;
import org.chaintrail.analytics.patterns.VictimFanInResult.Payment;
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
 * Victim fan-in on a small graph. Whole tokens of a 6-decimal token; one transfer per block,
 * blocks 12 s apart, in the order below.
 *
 * <pre>
 *  ZERO → HOT         1,000,000  a mint: the zero address is nobody's payer
 *  HOT  → V1..V6     payment+50  victims buy at Kestrel (HOT): each has one funder, an exchange
 *  V1   → LOOKALIKE           0  zero-value address poisoning: moves nothing, V1 stays a first-time payer
 *  V1   → SCAM              500  ┐
 *  V2   → SCAM              800  │ six first-time payers (V3 in two instalments, the second is
 *  V3   → SCAM          300+400  │ not its first outgoing transfer but its first payment was),
 *  V4   → SCAM             1000  │ 4,500 in all, 12 s apart
 *  V5   → SCAM              600  │
 *  V6   → SCAM              900  ┘
 *  SCAM → CONSOL           4500  one transfer consolidates it all: SCAM is flagged
 *  HOT  → T1..T6           1000  traders buy ...
 *  T1..T6 → HOT             100  ... and cash some out (HOT now has six payers: a scan finds it, a service)
 *  T1..T6 → MARKET          200  six payers, none first-time (each sent to HOT before)
 *  MARKET → MOUT           1200  consolidated in full, but MARKET is not flagged: regular traders
 *  HOT  → W1..W6            150  more fresh wallets ...
 *  W1..W6 → HOLDER          100  ... pay HOLDER for the first time; HOLDER keeps it all: not flagged
 * </pre>
 */
class VictimFanInDetectorTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final String TOKEN = "0x00000000000000000000000000000000000000bb";
    private static final Asset USD = Asset.token(ETH, TOKEN, "TUSD", 6);
    private static final long T0 = 1_700_000_000L;
    private static final String ZERO = ETH.zeroAddress();
    private static final String HOT = addr("e1");
    private static final String SCAM = addr("a5");
    private static final String CONSOL = addr("c0");
    private static final String LOOKALIKE = addr("100c");
    private static final String MARKET = addr("aa");
    private static final String MOUT = addr("ab");
    private static final String HOLDER = addr("ac");
    private static final List<String> VICTIMS = List.of(addr("71"), addr("72"), addr("73"), addr("74"), addr("75"),
            addr("76"));
    private static final List<String> TRADERS = List.of(addr("81"), addr("82"), addr("83"), addr("84"), addr("85"),
            addr("86"));
    private static final List<String> FRESH = List.of(addr("91"), addr("92"), addr("93"), addr("94"), addr("95"),
            addr("96"));
    private static final long[] PAID = {500, 800, 700, 1000, 600, 900};

    private static GraphStore store;
    private static final List<Transfer> transfers = new ArrayList<>();

    private static String addr(String tail) {
        return "0x" + "0".repeat(40 - tail.length()) + tail;
    }

    private static BigInteger tokens(long whole) {
        return BigInteger.valueOf(whole).multiply(BigInteger.TEN.pow(6));
    }

    private static Transfer edge(String from, String to, long whole) {
        long block = transfers.size() + 1;
        Transfer t = new Transfer(ETH, String.format("0x%064x", block), block, 0, 0, T0 + block * 12, from, to, TOKEN,
                tokens(whole));
        transfers.add(t);
        return t;
    }

    private static String hashTo(String from, String to, long whole) {
        return transfers.stream().filter(t -> t.from().equals(from) && t.to().equals(to) && t.amount().equals(tokens(whole)))
                .findFirst().orElseThrow().txHash();
    }

    @BeforeAll
    static void load() {
        store = TestGraph.fresh().store();
        transfers.clear();
        edge(ZERO, HOT, 1_000_000);
        for (int i = 0; i < 6; i++) {
            edge(HOT, VICTIMS.get(i), PAID[i] + 50);
        }
        edge(VICTIMS.get(0), LOOKALIKE, 0);
        for (int i = 0; i < 6; i++) {
            if (i == 2) {
                edge(VICTIMS.get(i), SCAM, 300);
                edge(VICTIMS.get(i), SCAM, 400);
            } else {
                edge(VICTIMS.get(i), SCAM, PAID[i]);
            }
        }
        edge(SCAM, CONSOL, 4_500);
        TRADERS.forEach(t -> edge(HOT, t, 1_000));
        TRADERS.forEach(t -> edge(t, HOT, 100));
        TRADERS.forEach(t -> edge(t, MARKET, 200));
        edge(MARKET, MOUT, 1_200);
        FRESH.forEach(w -> edge(HOT, w, 150));
        FRESH.forEach(w -> edge(w, HOLDER, 100));
        List<Block> blocks = transfers.stream().map(t -> new Block(ETH, t.blockNumber(), t.txHash(), t.timestamp())).toList();
        store.write(new WriteBatch(blocks, List.of(USD), transfers, List.of(new AddressLabel(ETH, HOT,
                new Label("Kestrel Exchange", Optional.of("exchange"), Optional.empty(), Optional.empty(), "test",
                        Optional.of("forensic"))))));
        new EntityResolver(store, ETH).resolve();
    }

    private static VictimFanInResult scan() {
        return new VictimFanInDetector(store, new VictimFanInRequest(ETH, USD, List.of(), true)).detect();
    }

    @Test
    void detect_scan_flagsOnlyTheWalletOfSixFirstTimePayers() {
        VictimFanInResult r = scan();

        assertThat(r.flagged()).extracting(FanInWallet::address, FanInWallet::payerCount, FanInWallet::firstTimePayers,
                        FanInWallet::received, FanInWallet::consolidatedShare)
                .containsExactly(tuple(SCAM, 6, 6, "4500", "1.000000"));
        assertThat(r.flagged().get(0).consolidation()).extracting(Movement::to, Movement::amount, Movement::txHash)
                .containsExactly(tuple(CONSOL, "4500", hashTo(SCAM, CONSOL, 4_500)));
        assertThat(r.scanTruncated()).isFalse();
    }

    @Test
    void detect_scan_listsEveryVictimWithPaymentsAndTheExchangeThatFundedThem() {
        FanInWallet scam = scan().flagged().get(0);

        assertThat(scam.payers()).extracting(Payer::address, Payer::amount, Payer::firstTime)
                .containsExactly(
                        tuple(VICTIMS.get(0), "500", true), tuple(VICTIMS.get(1), "800", true),
                        tuple(VICTIMS.get(2), "700", true), tuple(VICTIMS.get(3), "1000", true),
                        tuple(VICTIMS.get(4), "600", true), tuple(VICTIMS.get(5), "900", true));
        assertThat(scam.payers().get(2).payments()).extracting(Payment::amount, Payment::txHash)
                .containsExactly(tuple("300", hashTo(VICTIMS.get(2), SCAM, 300)),
                        tuple("400", hashTo(VICTIMS.get(2), SCAM, 400)));
        for (int i = 0; i < 6; i++) {
            Payer victim = scam.payers().get(i);
            assertThat(victim.fundedBy()).extracting(f -> f.address(), f -> f.entity(), f -> f.category(), f -> f.amount(),
                            f -> f.txHashes())
                    .as(victim.address())
                    .containsExactly(tuple(HOT, "Kestrel Exchange", "exchange", String.valueOf(PAID[i] + 50),
                            List.of(hashTo(HOT, VICTIMS.get(i), PAID[i] + 50))));
        }
    }

    @Test
    void detect_scan_paymentStatistics() {
        FanInWallet scam = scan().flagged().get(0);

        // Payments 500, 800, 300, 400, 1000, 600, 900: median 600, mean 4500 / 7, sample sd 263.673680.
        assertThat(scam.paymentAmounts()).isEqualTo(new Distribution(7, "600", "642.857143", "263.67368", "0.4102"));
        // One payment per block: every gap is 12 s.
        assertThat(scam.interArrivalSeconds()).isEqualTo(new Distribution(6, "12", "12", "0", "0"));
    }

    @Test
    void detect_scan_regularTradersAndHoldersAreNotFlagged() {
        VictimFanInResult r = scan();

        assertThat(r.notFlagged()).extracting(NotFlagged::address, NotFlagged::payerCount, NotFlagged::firstTimePayers,
                        NotFlagged::consolidatedShare)
                .containsExactly(
                        tuple(MARKET, 6, 0, "1.000000"),
                        tuple(HOLDER, 6, 6, "0.000000"),
                        tuple(HOT, 6, 0, null));
        assertThat(r.notFlagged()).filteredOn(n -> n.address().equals(MARKET)).flatExtracting(NotFlagged::reasons)
                .containsExactly("0 of 6 payer(s) (0 %) paid as first-time payers, less than 60 %");
        assertThat(r.notFlagged()).filteredOn(n -> n.address().equals(HOLDER)).flatExtracting(NotFlagged::reasons)
                .containsExactly("its 3 largest transfer(s) out to non-payers carry 0 % of the 600 received, less than 80 %");
        assertThat(r.notFlagged()).filteredOn(n -> n.address().equals(HOT)).flatExtracting(NotFlagged::reasons)
                .singleElement().asString().startsWith("a service, Kestrel Exchange (exchange)");
    }

    @Test
    void detect_candidates_collectorPayingOnIsNoVictim() {
        VictimFanInResult r = new VictimFanInDetector(store, new VictimFanInRequest(ETH, USD, List.of(CONSOL, SCAM),
                false)).detect();

        assertThat(r.flagged()).extracting(FanInWallet::address).containsExactly(SCAM);
        // SCAM's payment to CONSOL was its first outgoing transfer, but six funders paid SCAM first.
        assertThat(r.notFlagged()).extracting(NotFlagged::address, NotFlagged::payerCount, NotFlagged::firstTimePayers)
                .containsExactly(tuple(CONSOL, 1, 0));
        assertThat(r.notFlagged().get(0).reasons()).hasSize(3).first().asString()
                .isEqualTo("1 distinct payer(s), fewer than the 5 required");
    }

    @Test
    void detect_scanLimit_keepsTheWalletsWithMostPayersAndSaysSo() {
        VictimFanInResult r = new VictimFanInDetector(store, new VictimFanInRequest(ETH, USD, List.of(), true, 5,
                VictimFanInRequest.DEFAULT_FIRST_TIME_SHARE, VictimFanInRequest.DEFAULT_CONSOLIDATION_SHARE, 3, 2))
                .detect();

        assertThat(r.scanTruncated()).isTrue();
        // All four have six payers; ties go by address: SCAM (…a5) and MARKET (…aa) are judged, HOLDER and HOT are not.
        assertThat(r.flagged()).extracting(FanInWallet::address).containsExactly(SCAM);
        assertThat(r.notFlagged()).extracting(NotFlagged::address).containsExactly(MARKET);
    }

    @Test
    void request_nothingToJudge_refused() {
        assertThatThrownBy(() -> new VictimFanInRequest(ETH, USD, List.of(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("give candidate wallets, or ask for a scan of the chain");
        assertThatThrownBy(() -> new VictimFanInRequest(ETH, USD, List.of(SCAM), false, 1,
                VictimFanInRequest.DEFAULT_FIRST_TIME_SHARE, VictimFanInRequest.DEFAULT_CONSOLIDATION_SHARE, 3, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min payers must be 2 or more, was 1");
    }
}
