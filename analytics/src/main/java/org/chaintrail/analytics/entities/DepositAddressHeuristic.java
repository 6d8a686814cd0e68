package org.chaintrail.analytics.entities;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chaintrail.model.Chain;
import org.chaintrail.model.DepositCandidate;
import org.chaintrail.model.Entity;
import org.chaintrail.model.Membership;
import org.chaintrail.model.ServiceCategory;

/**
 * The deposit-address heuristic for account chains (shared/DESIGN.md): an address with no label
 * whose every outgoing transfer goes to addresses of one exchange entity, and that has at least
 * one, is a deposit address of that exchange and joins its entity. Exchanges give each customer
 * such an address and sweep it to their hot wallets, so the exchange knows whose account it is:
 * it is what an investigator subpoenas. See Victor, "Address clustering heuristics for Ethereum"
 * (FC 2020), for the heuristic and its precision.
 *
 * <p>Only label-based memberships count as the exchange here, so the rule does not feed on its
 * own output: a user who paid into a deposit address is not thereby made part of the exchange.
 * It fails for a private wallet that only ever cashed out to one exchange; such a wallet is
 * treated as that exchange's deposit address, which for tracing is the same stopping point.
 * O(T) in the candidates' outgoing transfers.
 */
public final class DepositAddressHeuristic {
    /** The name recorded on each membership this heuristic makes. */
    public static final String NAME = "deposit-address";
    private static final int EVIDENCE_LIMIT = 10;

    private final Chain chain;
    private final List<DepositCandidate> candidates;

    /**
     * @param chain      the chain
     * @param candidates unattributed addresses with every outgoing transfer's recipient entity
     */
    public DepositAddressHeuristic(Chain chain, List<DepositCandidate> candidates) {
        this.chain = chain;
        this.candidates = List.copyOf(candidates);
    }

    /** The deposit addresses found, each with the transactions that show it, in candidate order. */
    public List<Membership> compute() {
        List<Membership> result = new ArrayList<>();
        for (DepositCandidate c : candidates) {
            exchangeOf(c).ifPresent(exchange -> {
                Set<String> evidence = new LinkedHashSet<>();
                c.outgoing().forEach(o -> evidence.add(o.txHash()));
                result.add(new Membership(chain, c.address(), exchange.id(), NAME,
                        evidence.stream().limit(EVIDENCE_LIMIT).toList()));
            });
        }
        return result;
    }

    private static Optional<Entity> exchangeOf(DepositCandidate c) {
        if (c.outgoing().isEmpty()) {
            return Optional.empty();
        }
        Optional<Entity> first = c.outgoing().get(0).recipientEntity();
        boolean oneExchange = first.filter(e -> ServiceCategory.of(e.category()).equals(Optional.of(ServiceCategory.EXCHANGE)))
                .isPresent()
                && c.outgoing().stream().allMatch(o -> o.recipientEntity().map(Entity::id).equals(first.map(Entity::id)));
        return oneExchange ? first : Optional.empty();
    }
}
