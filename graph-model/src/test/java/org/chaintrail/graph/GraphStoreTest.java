package org.chaintrail.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.AddressSummary;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphStoreTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final String USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7";
    private static final String ALICE = "0x00000000000000000000000000000000000a11ce";
    private static final String BOB = "0x0000000000000000000000000000000000000b0b";
    private static final String HASH1 = "0x" + "1".repeat(64);
    private static final String HASH2 = "0x" + "2".repeat(64);

    private GraphStore store;

    @BeforeEach
    void setUp() {
        store = TestGraph.fresh().store();
    }

    private static WriteBatch sample() {
        // 2^70 base units: a token amount no long can hold.
        BigInteger huge = BigInteger.TWO.pow(70);
        return new WriteBatch(
                List.of(new Block(ETH, 100, "0x" + "a".repeat(64), 1_700_000_000L)),
                List.of(Asset.token(ETH, USDT, "USDT", 6)),
                List.of(new Transfer(ETH, HASH1, 100, 3, 7, 1_700_000_000L, ALICE, BOB, USDT, huge),
                        new Transfer(ETH, HASH2, 100, 4, Transfer.NATIVE_LOG_INDEX, 1_700_000_000L, BOB, ALICE,
                                Asset.NATIVE, BigInteger.TEN.pow(18))),
                List.of(new AddressLabel(ETH, BOB, new Label("Harbor Exchange", Optional.of("exchange"),
                        Optional.empty(), Optional.of("harbor"), "test", Optional.of("forensic")))));
    }

    @Test
    void write_sameBatchTwice_countsUnchanged() {
        store.write(sample());
        var first = store.counts();
        store.write(sample());

        assertThat(store.counts()).isEqualTo(first);
        assertThat(first).containsEntry("Address", 2L).containsEntry("Transfer", 2L).containsEntry("Block", 1L)
                .containsEntry("Label", 1L).containsEntry(":IN", 2L).containsEntry(":OUT", 2L)
                .containsEntry(":HAS_LABEL", 1L);
    }

    @Test
    void transfersFrom_bigTokenAmount_comesBackExact() {
        store.write(sample());

        List<Transfer> out = store.transfersFrom(ETH, USDT, List.of(ALICE));

        assertThat(out).singleElement().satisfies(t -> {
            assertThat(t.amount()).isEqualTo(new BigInteger("1180591620717411303424"));
            assertThat(t.to()).isEqualTo(BOB);
            assertThat(t.txIndex()).isEqualTo(3);
            assertThat(t.logIndex()).isEqualTo(7);
        });
        assertThat(store.transfersFrom(ETH, USDT, List.of(BOB))).isEmpty();
    }

    @Test
    void addressSummary_labelledAddress_totalsPerAssetAndLabels() {
        store.write(sample());

        AddressSummary bob = store.addressSummary(ETH, BOB.toUpperCase().replace("0X", "0x")).orElseThrow();

        assertThat(bob.attribution().labels()).extracting(Label::label).containsExactly("Harbor Exchange");
        assertThat(bob.attribution().isTerminal()).isTrue();
        assertThat(bob.totals()).hasSize(2);
        assertThat(bob.totals().get(0).asset().isNative()).isTrue();
        assertThat(bob.totals().get(0).sent()).isEqualTo(BigInteger.TEN.pow(18));
        assertThat(bob.totals().get(1).asset().symbol()).contains("USDT");
        assertThat(bob.totals().get(1).received()).isEqualTo(BigInteger.TWO.pow(70));
        assertThat(bob.totals().get(1).transfersIn()).isEqualTo(1);
        assertThat(bob.firstSeen()).isEqualTo(1_700_000_000L);
        assertThat(store.addressSummary(ETH, "0x" + "9".repeat(40))).isEmpty();
        assertThat(store.lastBlocks()).containsEntry("ethereum", 100L);
    }
}
