package org.chaintrail.model;

import java.util.List;
import java.util.Objects;

/**
 * An address's membership of an entity, with the reason it was given.
 *
 * @param chain    the chain
 * @param address  the member, canonical form
 * @param entityId the entity
 * @param via      the rule that joined them: {@code label}, or a heuristic's name
 * @param evidence transaction hashes that support it (empty for a label)
 */
public record Membership(Chain chain, String address, String entityId, String via, List<String> evidence) {
    public Membership {
        Objects.requireNonNull(chain, "chain");
        address = chain.canonicalAddress(address);
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(via, "via");
        evidence = List.copyOf(evidence);
    }
}
