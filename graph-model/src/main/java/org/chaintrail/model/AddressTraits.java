package org.chaintrail.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the graph shows about an account-chain address that says who may control it: the facts
 * the account clustering heuristics check before they join two addresses.
 *
 * @param address         the address, canonical form
 * @param sentTransaction the first transaction (in chain order) whose own native value this address
 *                        paid, if any: only an externally owned account originates a transaction, so
 *                        this proves the address is not a contract. Transactions without value are
 *                        not stored, so its absence proves nothing
 * @param tokenContract   whether the address is a token contract the graph knows (an {@code Asset})
 * @param serviceLabel    whether one of its labels has a service category ({@link ServiceCategory})
 * @param entities        the entities it is a member of already (by label, as a deposit address, ...)
 */
public record AddressTraits(String address, Optional<String> sentTransaction, boolean tokenContract,
                            boolean serviceLabel, List<Entity> entities) {
    public AddressTraits {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(sentTransaction, "sentTransaction");
        entities = List.copyOf(entities);
    }

    /** Whether a service runs it: a service label, or membership of a service entity. */
    public boolean isService() {
        return serviceLabel || entities.stream().anyMatch(Entity::isService);
    }

    /** Whether it is shown to be an externally owned account: it paid a transaction's value. */
    public boolean isExternallyOwned() {
        return sentTransaction.isPresent() && !tokenContract;
    }
}
