package org.chaintrail.analytics.entities;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.AddressTraits;
import org.chaintrail.model.Approval;
import org.chaintrail.model.Chain;

/**
 * Self-authorisation (Victor 2020, "token authorization" heuristic): an owner that lets an
 * externally owned account spend its tokens ({@code approve}) most likely lets its own other
 * address do so. Contracts are approved all the time (DEX routers, lending pools, bridges); a
 * person rarely hands a stranger's key the power to empty his balance.
 *
 * <p><b>The rule,</b> as far as the graph can show it. An {@code Approval(owner, spender, amount)}
 * joins owner and spender when all of these hold:
 * <ol>
 *   <li>{@code amount > 0}: a zero approval revokes (often the clean-up after an approval phishing);</li>
 *   <li>owner and spender differ and neither is the zero address;</li>
 *   <li>the spender is shown to be an externally owned account: it paid the native value of at
 *       least one transaction stored in the graph ({@link AddressTraits#sentTransaction()}). Only an
 *       EOA originates a transaction; a contract (router, pool, token) never does, so this is what
 *       keeps DEX routers out. The graph keeps no contract-code flag and stores no transaction
 *       without value, so a spender that never paid anything is not joined: the rule prefers
 *       missing a link to making a wrong one;</li>
 *   <li>neither side is a token contract the graph knows, nor a service: no service-category label,
 *       no membership of a service entity (which includes an exchange's deposit addresses);</li>
 *   <li>the spender was approved, with an amount above zero, by at most
 *       {@code maxOwnersPerSpender} distinct owners (default {@value #DEFAULT_MAX_OWNERS}): an EOA
 *       many owners trust is a relayer, an OTC desk or a drainer, not anyone's own address.</li>
 * </ol>
 * Evidence of a link: the hashes of the pair's approvals in chain order, then the transaction that
 * shows the spender is an EOA. Whether the spender then used the allowance ({@code transferFrom})
 * is not evidence the graph can give: it stores who sent each token, not who called the token
 * contract, and a router's {@code transferFrom} looks the same.
 *
 * <p><b>False positives.</b> Approval phishing (ice phishing) is the one that matters for
 * investigations: a victim approves the scammer's EOA, which drains the tokens with
 * {@code transferFrom}. Rule 5 keeps busy drainers out, but a drainer with one to
 * {@code maxOwnersPerSpender} victims is joined with them; check such a link against the case
 * (a drain right after the approval, a victim's report) before relying on it. Also wrong: an
 * approval to a friend, an OTC counterparty or a market maker's hot key, and (since EIP-7702, 2025)
 * an EOA that delegates to contract code and serves many users. Victor found the rule rare
 * compared with the deposit-address rule.
 *
 * <p>Reads every approval of the chain once, then the traits of the owners and spenders that
 * remain: O(A) in the approvals. Output order: by owner, then spender.
 */
public final class SelfAuthorisationHeuristic {
    /** The default of the most distinct owners a spender may have and still be joined. */
    public static final int DEFAULT_MAX_OWNERS = 3;

    private final GraphStore store;
    private final Chain chain;
    private final int maxOwnersPerSpender;

    /** The rule with at most {@value #DEFAULT_MAX_OWNERS} owners per spender. */
    public SelfAuthorisationHeuristic(GraphStore store, Chain chain) {
        this(store, chain, DEFAULT_MAX_OWNERS);
    }

    /**
     * @param maxOwnersPerSpender the most distinct owners that approved a spender it may be joined with, 1 or more
     * @throws IllegalArgumentException if the chain is a UTXO chain or the limit is below 1
     */
    public SelfAuthorisationHeuristic(GraphStore store, Chain chain, int maxOwnersPerSpender) {
        if (chain.isUtxo()) {
            throw new IllegalArgumentException("self-authorisation is for account chains, was " + chain.id());
        }
        if (maxOwnersPerSpender < 1) {
            throw new IllegalArgumentException("max owners per spender must be 1 or more, was " + maxOwnersPerSpender);
        }
        this.store = store;
        this.chain = chain;
        this.maxOwnersPerSpender = maxOwnersPerSpender;
    }

    /** The owner–spender links, each with its approvals and the spender's proof of being an EOA. */
    public List<AccountLink> links() {
        String zero = chain.zeroAddress();
        List<Approval> granted = store.approvals(chain).stream()
                .filter(a -> a.amount().signum() > 0 && !a.owner().equals(a.spender())
                        && !a.owner().equals(zero) && !a.spender().equals(zero))
                .toList();
        Map<String, Set<String>> ownersBySpender = new TreeMap<>();
        granted.forEach(a -> ownersBySpender.computeIfAbsent(a.spender(), k -> new TreeSet<>()).add(a.owner()));
        List<Approval> candidates = granted.stream()
                .filter(a -> ownersBySpender.get(a.spender()).size() <= maxOwnersPerSpender).toList();
        Set<String> parties = new LinkedHashSet<>();
        candidates.forEach(a -> {
            parties.add(a.owner());
            parties.add(a.spender());
        });
        Map<String, AddressTraits> traits = store.traits(chain, parties, EntityResolver.serviceCategories());

        // owner -> spender -> approval transactions, both in address order
        Map<String, Map<String, Set<String>>> approvals = new TreeMap<>();
        for (Approval a : candidates) {
            AddressTraits owner = traits.get(a.owner());
            AddressTraits spender = traits.get(a.spender());
            if (owner == null || spender == null || !spender.isExternallyOwned() || owner.tokenContract()
                    || owner.isService() || spender.isService()) {
                continue;
            }
            approvals.computeIfAbsent(a.owner(), k -> new TreeMap<>())
                    .computeIfAbsent(a.spender(), k -> new LinkedHashSet<>()).add(a.txHash());
        }
        List<AccountLink> links = new ArrayList<>();
        approvals.forEach((owner, bySpender) -> bySpender.forEach((spender, txs) -> {
            List<String> evidence = new ArrayList<>(txs);
            String proof = traits.get(spender).sentTransaction().orElseThrow();
            if (!evidence.contains(proof)) {
                evidence.add(proof);
            }
            links.add(new AccountLink(owner, spender, AccountHeuristic.SELF_AUTHORISATION, evidence));
        }));
        return links;
    }
}
