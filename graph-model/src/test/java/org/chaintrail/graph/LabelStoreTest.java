package org.chaintrail.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.LabelAttachment;
import org.chaintrail.model.LabelFile;
import org.chaintrail.model.Provenance;
import org.chaintrail.model.Retraction;
import org.chaintrail.model.TagDetails;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabelStoreTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final String BOB = "0x0000000000000000000000000000000000000b0b";
    private static final Label HARBOR = new Label("Harbor Exchange", Optional.of("exchange"), Optional.empty(),
            Optional.of("harbor"), "https://example.org/harbor", Optional.of("service_data"));
    private static final Label SANCTIONED = new Label("OFAC SDN", Optional.empty(), Optional.of("sanction"),
            Optional.empty(), "https://sanctionslist.ofac.treas.gov/Home/SdnList", Optional.of("authority_data"));
    private static final LabelFile PACK = new LabelFile("ab".repeat(32), "harbor.yaml", "tagpack",
            Optional.of("Harbor wallets"), Optional.of("FIU test"), Optional.empty(), Optional.empty(),
            Optional.of("false"), Optional.of("2024-09-27"));
    private static final Instant MONDAY = Instant.parse("2024-09-30T08:00:00.123456Z");
    private static final Instant TUESDAY = Instant.parse("2024-10-01T09:30:00Z");

    private GraphStore store;

    @BeforeEach
    void setUp() {
        store = TestGraph.fresh().store();
    }

    private static LabelAttachment added(Label label, String by, Instant at) {
        TagDetails details = new TagDetails(Optional.of("{\"note\": 1}"), Optional.empty(), Optional.of("2023-02-22"),
                Optional.of("true"), Optional.of("ETH"), Optional.empty(), Optional.empty(), List.of("hot_wallet"));
        return new LabelAttachment(new AddressLabel(ETH, BOB, label), details, new Provenance(by, at, Optional.of(PACK)));
    }

    @Test
    void attach_sameLabelTwice_oneActiveAttachment() {
        assertThat(store.labels().attach(List.of(added(HARBOR, "alice", MONDAY), added(HARBOR, "alice", MONDAY))))
                .isEqualTo(1);

        assertThat(store.labels().attach(List.of(added(HARBOR, "carol", TUESDAY)))).isZero();

        List<LabelAttachment> history = store.labels().history(ETH, BOB);
        assertThat(history).hasSize(1);
        LabelAttachment only = history.get(0);
        assertThat(only.added().by()).isEqualTo("alice");
        assertThat(only.added().at()).isEqualTo(Instant.parse("2024-09-30T08:00:00.123Z"));
        assertThat(only.added().file()).contains(PACK);
        assertThat(only.details().concepts()).containsExactly("hot_wallet");
        assertThat(only.details().clusterDefiner()).contains("true");
        assertThat(store.counts()).containsEntry(":HAS_LABEL", 1L).containsEntry("LabelFile", 1L);
    }

    @Test
    void retract_sanctionLabel_goneFromAttributionAndTerminalsButKeptInHistory() {
        store.labels().attach(List.of(added(HARBOR, "alice", MONDAY), added(SANCTIONED, "alice", MONDAY)));
        assertThat(store.terminalLabels(ETH, List.of("exchange"))).extracting(al -> al.label().label())
                .containsExactly("Harbor Exchange", "OFAC SDN");

        List<Label> retracted = store.labels().retract(ETH, BOB, "OFAC SDN", Optional.empty(),
                new Retraction("bob", TUESDAY, "delisted on 2024-10-01"));

        assertThat(retracted).containsExactly(SANCTIONED);
        assertThat(store.attributions(ETH, List.of(BOB)).get(BOB).labels()).containsExactly(HARBOR);
        assertThat(store.terminalLabels(ETH, List.of("exchange"))).extracting(al -> al.label().label())
                .containsExactly("Harbor Exchange");
        assertThat(LabelAttachment.timeline(store.labels().history(ETH, BOB)))
                .extracting(e -> e.at() + " " + e.action() + " " + e.by() + " " + e.label().label() + " " + e.note())
                .containsExactly(
                        "2024-09-30T08:00:00.123Z added alice Harbor Exchange harbor.yaml",
                        "2024-09-30T08:00:00.123Z added alice OFAC SDN harbor.yaml",
                        "2024-10-01T09:30:00Z retracted bob OFAC SDN delisted on 2024-10-01");
    }

    @Test
    void attach_afterRetraction_newAttachmentBesideTheRetractedOne() {
        store.labels().attach(List.of(added(SANCTIONED, "alice", MONDAY)));
        store.labels().retract(ETH, BOB, "OFAC SDN", Optional.of(SANCTIONED.source()),
                new Retraction("bob", TUESDAY, "wrong address"));

        assertThat(store.labels().attach(List.of(added(SANCTIONED, "carol", TUESDAY.plusSeconds(60))))).isEqualTo(1);

        assertThat(store.labels().history(ETH, BOB)).extracting(a -> a.added().by() + " " + a.isActive())
                .containsExactly("alice false", "carol true");
        assertThat(store.attributions(ETH, List.of(BOB)).get(BOB).labels()).containsExactly(SANCTIONED);
    }

    @Test
    void retract_otherSourceOrUnknownLabel_nothingRetracted() {
        store.labels().attach(List.of(added(HARBOR, "alice", MONDAY)));
        Retraction r = new Retraction("bob", TUESDAY, "test");

        assertThat(store.labels().retract(ETH, BOB, "Harbor Exchange", Optional.of("https://other.example"), r)).isEmpty();
        assertThat(store.labels().retract(ETH, BOB, "Harbor", Optional.empty(), r)).isEmpty();

        assertThat(store.labels().active(ETH)).extracting(a -> a.target().label()).containsExactly(HARBOR);
    }
}
