package org.chaintrail.analytics.entities;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.chaintrail.analytics.clustering.ClusterAttributor;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Membership;
import org.chaintrail.model.ServiceCategory;

/**
 * Rebuilds a chain's entities from its labels and the deposit-address heuristic, and writes them
 * to the graph. The clusters of a UTXO chain are kept ({@code cluster} builds them) and only their
 * attribution is derived again from the labels now stored. On an account chain the opt-in
 * {@link AccountHeuristic}s then run on top, their links grouped by {@link AccountClusters}. Run
 * after every import of transfers or labels; running it twice gives the same graph.
 */
public final class EntityResolver {
    private final GraphStore store;
    private final Chain chain;
    private final Set<AccountHeuristic> heuristics;

    /**
     * Labels and, on an account chain, the deposit-address heuristic, plus the opt-in heuristics
     * the last {@code cluster} run of the chain chose: a label import keeps the clusters it made.
     */
    public EntityResolver(GraphStore store, Chain chain) {
        this(store, chain, chosenBefore(store, chain));
    }

    /**
     * @param heuristics the opt-in account heuristics to run after labels and deposit addresses
     * @throws IllegalArgumentException if heuristics are asked for on a UTXO chain
     */
    public EntityResolver(GraphStore store, Chain chain, Set<AccountHeuristic> heuristics) {
        if (chain.isUtxo() && !heuristics.isEmpty()) {
            throw new IllegalArgumentException("account heuristics (" + heuristics.stream().map(AccountHeuristic::flag)
                    .sorted().collect(Collectors.joining(", ")) + ") are for account chains, not " + chain.id());
        }
        this.store = store;
        this.chain = chain;
        this.heuristics = heuristics.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(heuristics));
    }

    private static Set<AccountHeuristic> chosenBefore(GraphStore store, Chain chain) {
        if (chain.isUtxo()) {
            return Set.of();
        }
        return store.clusters().state(chain).map(s -> s.heuristics().stream().map(AccountHeuristic::ofFlag)
                .collect(Collectors.toSet())).orElse(Set.of());
    }

    /** The TagPack concepts of the service categories: a label of one makes its address a service's. */
    static List<String> serviceCategories() {
        return Arrays.stream(ServiceCategory.values()).map(ServiceCategory::concept).toList();
    }

    /** Resolves and stores the entities; returns what was found. */
    public Report resolve() {
        LabelEntities.Result byLabel = new LabelEntities(chain, store.terminalLabels(chain, serviceCategories()))
                .compute();
        store.replaceEntities(chain, byLabel.entities(), byLabel.memberships());
        if (chain.isUtxo()) {
            List<ClusterAttributor.Conflict> conflicts = new ClusterAttributor(store, chain).refresh();
            return new Report(byLabel.entities().size(), byLabel.memberships().size(), 0, conflicts);
        }
        List<Membership> deposits = new DepositAddressHeuristic(chain, store.depositCandidates(chain)).compute();
        store.addMemberships(deposits);
        store.clusters().choose(chain, heuristics.stream().map(AccountHeuristic::flag).sorted().toList());
        if (heuristics.isEmpty()) {
            return new Report(byLabel.entities().size(), byLabel.memberships().size(), deposits.size(), List.of());
        }
        List<AccountLink> links = new ArrayList<>();
        if (heuristics.contains(AccountHeuristic.AIRDROP)) {
            links.addAll(new AirdropHeuristic(store, chain).links());
        }
        if (heuristics.contains(AccountHeuristic.SELF_AUTHORISATION)) {
            links.addAll(new SelfAuthorisationHeuristic(store, chain).links());
        }
        Set<String> linked = new TreeSet<>();
        links.forEach(l -> {
            linked.add(l.a());
            linked.add(l.b());
        });
        AccountClusters.Result clusters = new AccountClusters(chain, links,
                store.traits(chain, linked, serviceCategories())).compute();
        store.addClusters(chain, clusters.clusters(), clusters.memberships());
        Map<String, Long> joined = new TreeMap<>();
        for (AccountHeuristic h : heuristics) {
            joined.put(h.flag(), links.stream().filter(l -> l.heuristic() == h).count());
        }
        return new Report(byLabel.entities().size(), byLabel.memberships().size(), deposits.size(),
                clusters.conflicts(), joined, clusters.memberships().size(), clusters.clusters().size());
    }

    /**
     * @param entities         entities made from labels
     * @param labelledMembers  addresses that joined an entity by their label
     * @param depositAddresses addresses that joined an exchange by the deposit-address heuristic
     * @param conflicts        clusters whose members' labels name more than one owner, and groups of
     *                         the account heuristics whose members belong to more than one entity
     * @param links            per account heuristic run, by flag: the links it found
     * @param heuristicMembers memberships the account heuristics added
     * @param clusters         cluster entities the account heuristics made
     */
    public record Report(int entities, int labelledMembers, int depositAddresses,
                         List<ClusterAttributor.Conflict> conflicts, Map<String, Long> links, int heuristicMembers,
                         int clusters) {
        public Report {
            conflicts = List.copyOf(conflicts);
            links = Collections.unmodifiableMap(new TreeMap<>(links));
        }

        /** A report without account heuristics. */
        public Report(int entities, int labelledMembers, int depositAddresses,
                      List<ClusterAttributor.Conflict> conflicts) {
            this(entities, labelledMembers, depositAddresses, conflicts, Map.of(), 0, 0);
        }

        /** One line for people. */
        public String describe() {
            String heuristics = links.isEmpty() ? "" : "; account heuristics: " + links.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey() + " link(s)").collect(Collectors.joining(", "))
                    + ", " + heuristicMembers + " address(es) joined, " + clusters + " new cluster(s)";
            return entities + " entities from " + labelledMembers + " labelled address(es); " + depositAddresses
                    + " deposit address(es) joined their exchange" + heuristics
                    + (conflicts.isEmpty() ? "" : "; " + conflicts.size() + " cluster(s) with conflicting labels");
        }
    }
}
