package org.chaintrail.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The TagPack categories of custodial services and protocols. An address of one of these is a
 * terminal of a trace: funds that enter a service are pooled with everyone else's, so tracing
 * through it says nothing about whose money left.
 */
public enum ServiceCategory {
    EXCHANGE("exchange"),
    MIXING_SERVICE("mixing_service"),
    COINJOIN("coinjoin"),
    DEFI("defi"),
    DEFI_DEX("defi_dex"),
    DEFI_BRIDGE("defi_bridge"),
    GAMBLING("gambling"),
    PAYMENT_PROCESSOR("payment_processor"),
    WALLET_SERVICE("wallet_service"),
    /** OTC desks have no concept of their own in the TagPack taxonomy; this is Chaintrail's. */
    OTC_DESK("otc_desk");

    private final String concept;

    ServiceCategory(String concept) {
        this.concept = concept;
    }

    /** The concept id as TagPacks write it. */
    public String concept() {
        return concept;
    }

    public static Optional<ServiceCategory> of(String concept) {
        return Arrays.stream(values()).filter(c -> c.concept.equals(concept)).findFirst();
    }
}
