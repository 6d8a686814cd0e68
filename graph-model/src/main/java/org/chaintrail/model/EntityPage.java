package org.chaintrail.model;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An entity as an analyst first sees it: who it is, how big, what it moved and with whom.
 *
 * @param entity         id, name and category
 * @param kind           {@code cluster} for a cluster (of a UTXO chain, or made by an account heuristic), {@code label}
 *                       for an entity made from labels
 * @param members        member addresses
 * @param membersByVia   members by how they joined ({@code label}, {@code cluster}, {@code deposit-address})
 * @param owners         for a cluster: the label entities its members belong to
 * @param conflict       whether those name more than one owner
 * @param labels         labels on members, at most a page of them, in address order
 * @param flows          per chain and asset, what the entity received from and sent to non-members
 * @param counterparties the largest counterparties per chain and asset, by amount, largest first
 */
public record EntityPage(Entity entity, String kind, long members, Map<String, Long> membersByVia,
                         List<String> owners, boolean conflict, List<AddressLabel> labels, List<Flow> flows,
                         List<Counterparty> counterparties) {
    public EntityPage {
        Objects.requireNonNull(entity, "entity");
        membersByVia = Map.copyOf(membersByVia);
        owners = List.copyOf(owners);
        labels = List.copyOf(labels);
        flows = List.copyOf(flows);
        counterparties = List.copyOf(counterparties);
    }

    /**
     * What an entity moved of one asset across its boundary: transfers between its own members
     * (an exchange sweeping a deposit address, a wallet's change) are not counted.
     *
     * @param asset    the asset
     * @param received base units received from non-members
     * @param sent     base units sent to non-members
     * @param txsIn    transactions (or transfers) that paid it
     * @param txsOut   transactions (or transfers) it paid out in
     */
    public record Flow(Asset asset, BigInteger received, BigInteger sent, long txsIn, long txsOut) {
    }

    /**
     * A party the entity dealt with.
     *
     * @param asset     the asset
     * @param address   the counterparty address (for an entity counterparty, the first of its addresses in chain order)
     * @param entity    the counterparty's entity, if it has one
     * @param received  base units the entity received from it
     * @param sent      base units the entity sent to it
     * @param evidence  up to five transaction hashes, in chain order
     */
    public record Counterparty(Asset asset, String address, Optional<Entity> entity, BigInteger received,
                               BigInteger sent, List<String> evidence) {
        public Counterparty {
            evidence = List.copyOf(evidence);
        }

        /** Received plus sent: the order of the list. */
        public BigInteger volume() {
            return received.add(sent);
        }
    }
}
