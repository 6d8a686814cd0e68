package org.chaintrail.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.chaintrail.model.Alert;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Entity;
import org.chaintrail.model.Watch;
import org.chaintrail.model.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WatchStoreTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final String USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7";
    private static final String SCAM = "0x00000000000000000000000000000000000005ca";
    private static final String DEPOSIT = "0x000000000000000000000000000000000000d0d0";
    private static final String TX = "0x" + "ab".repeat(32);
    private static final Instant MONDAY = Instant.parse("2024-09-30T08:00:00.123456Z");

    private GraphConnection graph;
    private WatchStore watches;

    @BeforeEach
    void setUp() {
        graph = TestGraph.fresh();
        watches = graph.store().watches();
        assertThat(TestCases.open(graph, "watched wallets")).isEqualTo("case-1");
    }

    private static Watch watch(String id, String caseId, String model) {
        return new Watch(id, caseId, ETH, SCAM.toUpperCase().replace("0X", "0x"), USDT, model, 10, 21_000_000L,
                "alice", MONDAY, OptionalLong.empty());
    }

    private static Alert alert(String watchId, String amount) {
        return new Alert(Alert.idOf(watchId, DEPOSIT, TX), watchId, "case-1", ETH, SCAM, DEPOSIT,
                Optional.of(new Entity("exchange:kestrel_exchange", "Kestrel Exchange", "exchange")),
                Optional.of("exchange"), "USDT", Optional.of(USDT), amount, TX, 21_000_040L,
                Instant.ofEpochSecond(1_730_000_480L), 3, MONDAY, Alert.Delivery.NONE);
    }

    @Test
    void add_existingCase_storedWithCanonicalAddressAndListed() {
        var added = watches.add(watch("w1", "case-1", "haircut"));

        assertThat(added).isInstanceOf(WatchStore.Added.class);
        assertThat(watches.ofCase("case-1")).singleElement().satisfies(w -> {
            assertThat(w.address()).isEqualTo(SCAM);
            assertThat(w.addedAt()).isEqualTo(Instant.parse("2024-09-30T08:00:00.123Z"));
            assertThat(w.sinceBlock()).isEqualTo(21_000_000L);
            assertThat(w.checkedThrough()).isEmpty();
        });
        assertThat(watches.active(ETH)).extracting(Watch::id).containsExactly("w1");
        assertThat(watches.active(Chain.BITCOIN)).isEmpty();
    }

    @Test
    void add_noSuchCase_refusedAndNothingStored() {
        var added = watches.add(watch("w1", "case-404", "haircut"));

        assertThat(added).isEqualTo(new WatchStore.NoSuchCase("case-404"));
        assertThat(watches.active()).isEmpty();
    }

    @Test
    void add_sameAddressAssetModelAndHops_refusedNamingTheFirst() {
        watches.add(watch("w1", "case-1", "haircut"));

        var again = watches.add(watch("w2", "case-1", "haircut"));
        var otherModel = watches.add(watch("w3", "case-1", "poison"));

        assertThat(again).isInstanceOfSatisfying(WatchStore.AlreadyWatched.class,
                a -> assertThat(a.existing().id()).isEqualTo("w1"));
        assertThat(otherModel).isInstanceOf(WatchStore.Added.class);
        assertThat(watches.ofCase("case-1")).extracting(Watch::id).containsExactly("w1", "w3");
    }

    @Test
    void remove_watch_noLongerActiveButItsAlertsStay() {
        watches.add(watch("w1", "case-1", "haircut"));
        watches.raise(List.of(alert("w1", "12.5")));

        Optional<Watch> removed = watches.remove("case-1", "w1", "bob", MONDAY);

        assertThat(removed).map(Watch::id).contains("w1");
        assertThat(watches.active(ETH)).isEmpty();
        assertThat(watches.remove("case-1", "w1", "bob", MONDAY)).isEmpty();
        assertThat(watches.alertsOfCase("case-1")).extracting(Alert::watchId).containsExactly("w1");
        // A case cannot remove another case's watch.
        watches.add(watch("w2", "case-1", "haircut"));
        assertThat(watches.remove("case-2", "w2", "bob", MONDAY)).isEmpty();
    }

    @Test
    void raise_sameAlertTwice_storedOnceFirstFiguresKept() {
        assertThat(watches.raise(List.of(alert("w1", "12.5")))).containsExactly(Alert.idOf("w1", DEPOSIT, TX));

        assertThat(watches.raise(List.of(alert("w1", "99")))).isEmpty();

        assertThat(watches.alertsOfCase("case-1")).singleElement().satisfies(a -> {
            assertThat(a.amount()).isEqualTo("12.5");
            assertThat(a.entity()).map(Entity::name).contains("Kestrel Exchange");
            assertThat(a.timestamp()).isEqualTo(Instant.ofEpochSecond(1_730_000_480L));
            assertThat(a.delivery()).isEqualTo(Alert.Delivery.NONE);
        });
    }

    @Test
    void recordDelivery_delivered_leavesTheUndeliveredList() {
        watches.raise(List.of(alert("w1", "12.5"), alert("w2", "3")));
        String first = Alert.idOf("w1", DEPOSIT, TX);

        watches.recordDelivery(first, new Alert.Delivery(3, Optional.of(MONDAY), Optional.of("HTTP 500")));

        assertThat(watches.undelivered()).extracting(Alert::watchId).containsExactly("w2");
        assertThat(watches.alertsSince(Instant.EPOCH)).filteredOn(a -> a.id().equals(first)).singleElement()
                .extracting(Alert::delivery)
                .isEqualTo(new Alert.Delivery(3, Optional.of(Instant.parse("2024-09-30T08:00:00.123Z")),
                        Optional.of("HTTP 500")));
        assertThat(watches.alertsSince(MONDAY.plusSeconds(1))).isEmpty();
    }

    @Test
    void checked_recordsTheLastBlockCovered() {
        watches.add(watch("w1", "case-1", "haircut"));

        watches.checked("w1", 21_000_071L);

        assertThat(watches.active(ETH)).singleElement().extracting(Watch::checkedThrough)
                .isEqualTo(OptionalLong.of(21_000_071L));
    }

    @Test
    void setWebhook_twice_theLastOneCounts() {
        watches.setWebhook(new Webhook(URI.create("http://127.0.0.1:9/first"), "0123456789abcdef", "root", MONDAY));
        watches.setWebhook(new Webhook(URI.create("https://127.0.0.1:9/second"), "fedcba9876543210", "root", MONDAY));

        assertThat(watches.webhook()).hasValueSatisfying(h -> {
            assertThat(h.url()).isEqualTo(URI.create("https://127.0.0.1:9/second"));
            assertThat(h.secret()).isEqualTo("fedcba9876543210");
            assertThat(h.toString()).doesNotContain("fedcba9876543210");
        });
    }

    @Test
    void webhook_notHttpOrShortSecret_refusedNamingTheProblem() {
        assertThatThrownBy(() -> new Webhook(URI.create("ftp://127.0.0.1/x"), "0123456789abcdef", "root", MONDAY))
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> new Webhook(URI.create("http://127.0.0.1/x"), "short", "root", MONDAY))
                .hasMessageContaining("at least 16 characters, was 5");
    }
}
