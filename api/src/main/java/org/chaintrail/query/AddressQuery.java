package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

import java.util.Optional;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Chain;

/**
 * An address look-up as the CLI and the API receive it.
 *
 * @param chain   chain id
 * @param address the address, any case
 */
public record AddressQuery(String chain, String address) {
    /** What the CLI and the API say of an address the graph has never seen. */
    public static String notFound(String chain, String address) {
        return "no transfers or labels for " + address + " on " + chain;
    }

    /**
     * @return the address view, or empty if the graph has never seen the address
     * @throws InvalidFieldException if the chain or the address is malformed
     */
    public Optional<AddressView> run(GraphStore store) {
        Chain c = check("chain", () -> Chain.of(chain));
        String canonical = check("address", () -> c.canonicalAddress(address));
        return store.addressSummary(c, canonical).map(AddressView::of);
    }
}
