package org.chaintrail.analytics.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.chaintrail.model.Chain;
import org.chaintrail.model.DepositCandidate;
import org.chaintrail.model.DepositCandidate.Outgoing;
import org.chaintrail.model.Entity;
import org.junit.jupiter.api.Test;

class DepositAddressHeuristicTest {
    private static final Entity KESTREL = new Entity("exchange:kestrel", "Kestrel", "exchange");
    private static final Entity HARBOR = new Entity("exchange:harbor", "Harbor", "exchange");
    private static final Entity FOG = new Entity("mixing_service:fogmix", "FogMix", "mixing_service");
    private static final String TX1 = "0x" + "1".repeat(64);
    private static final String TX2 = "0x" + "2".repeat(64);

    private static String addr(int n) {
        return String.format("0x%040x", n);
    }

    @Test
    void compute_everyTransferToOneExchange_joinsIt() {
        var c = new DepositCandidate(addr(1), List.of(new Outgoing(TX1, Optional.of(KESTREL)),
                new Outgoing(TX2, Optional.of(KESTREL))));

        var found = new DepositAddressHeuristic(Chain.ETHEREUM, List.of(c)).compute();

        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.entityId()).isEqualTo("exchange:kestrel");
            assertThat(m.via()).isEqualTo("deposit-address");
            assertThat(m.evidence()).containsExactly(TX1, TX2);
        });
    }

    @Test
    void compute_twoExchangesOrAnUnattributedRecipient_noMembership() {
        var twoExchanges = new DepositCandidate(addr(1), List.of(new Outgoing(TX1, Optional.of(KESTREL)),
                new Outgoing(TX2, Optional.of(HARBOR))));
        var alsoAFriend = new DepositCandidate(addr(2), List.of(new Outgoing(TX1, Optional.of(KESTREL)),
                new Outgoing(TX2, Optional.empty())));
        var onlyAMixer = new DepositCandidate(addr(3), List.of(new Outgoing(TX1, Optional.of(FOG))));

        assertThat(new DepositAddressHeuristic(Chain.ETHEREUM, List.of(twoExchanges, alsoAFriend, onlyAMixer))
                .compute()).isEmpty();
    }

    @Test
    void slug_labelWithSpacesAndAccents_plainLowerCaseId() {
        assertThat(LabelEntities.slug("Crypto.com Hot Wallet – Zürich")).isEqualTo("crypto_com_hot_wallet_zurich");
    }
}
