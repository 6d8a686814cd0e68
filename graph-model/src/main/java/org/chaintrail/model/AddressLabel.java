package org.chaintrail.model;

import java.util.Objects;

/**
 * A label attached to one address.
 *
 * @param chain   the chain
 * @param address the address, canonical form
 * @param label   the attribution
 */
public record AddressLabel(Chain chain, String address, Label label) {
    public AddressLabel {
        Objects.requireNonNull(chain, "chain");
        address = chain.canonicalAddress(address);
        Objects.requireNonNull(label, "label");
    }
}
