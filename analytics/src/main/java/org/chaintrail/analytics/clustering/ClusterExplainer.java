package org.chaintrail.analytics.clustering;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.chaintrail.graph.ClusterStore;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Membership;

/**
 * Explains why two addresses are one entity, as an investigator must in court: the chains of
 * links (heuristic and transaction) that join them, shortest first.
 *
 * <p>On a UTXO chain the links are found again from the transactions, with the same
 * {@link TxLinker} and heuristics the clusters were made with: a breadth-first search from
 * {@code a} over the transactions its frontier spent from (and, with change heuristics, was paid
 * by), kept inside the cluster of {@code a}. Inputs of one transaction are linked pairwise, so a
 * path never detours through the first input. Every shortest chain is a candidate; up to
 * {@code maxPaths} are given. Addresses joined only by their labels, or by the deposit-address
 * heuristic on account chains, are explained by their memberships instead.
 */
public final class ClusterExplainer {
    /** Addresses a search may expand before it gives up and says so. */
    static final int EXPANSION_BUDGET = 5_000;

    private final GraphStore store;
    private final ClusterStore clusters;
    private final Chain chain;
    private final int maxPaths;

    public ClusterExplainer(GraphStore store, Chain chain, int maxPaths) {
        this.store = store;
        this.clusters = store.clusters();
        this.chain = chain;
        this.maxPaths = maxPaths;
    }

    /**
     * @param a an address, any case the chain accepts
     * @param b another
     * @throws IllegalArgumentException if an address is not one of the chain's
     */
    public ClusterExplanation explain(String a, String b) {
        String from = chain.canonicalAddress(a);
        String to = chain.canonicalAddress(b);
        if (chain.isUtxo()) {
            Map<String, ClusterStore.Member> members = clusters.members(chain, List.of(from, to));
            ClusterStore.Member ma = members.get(from);
            ClusterStore.Member mb = members.get(to);
            if (ma != null && mb != null && ma.cluster() == mb.cluster() && ma.cid() != mb.cid()) {
                return search(from, to, ma.cluster());
            }
        }
        return byMemberships(from, to);
    }

    private ClusterExplanation search(String from, String to, int cluster) {
        Set<UtxoHeuristic> heuristics = heuristics();
        boolean change = heuristics.size() > 1;
        TxLinker linker = new TxLinker(heuristics);
        Map<String, Integer> depth = new HashMap<>(Map.of(from, 0));
        Map<String, List<ClusterLink>> arrivals = new HashMap<>();
        List<String> frontier = List.of(from);
        int expanded = 0;
        while (!frontier.isEmpty() && !depth.containsKey(to) && expanded < EXPANSION_BUDGET) {
            expanded += frontier.size();
            Set<String> frontierSet = new HashSet<>(frontier);
            Map<String, List<ClusterLink>> found = new LinkedHashMap<>();
            List<ClusterStore.Tx> txs = clusters.transactionsOf(chain, frontier, change);
            Map<String, ClusterStore.Position> firstSeen = change ? clusters.firstSeen(chain, outputs(txs)) : Map.of();
            for (ClusterStore.Tx tx : txs) {
                for (ClusterLink link : links(tx, linker, firstSeen)) {
                    for (ClusterLink step : List.of(link, reversed(link))) {
                        if (frontierSet.contains(step.from()) && !depth.containsKey(step.to())) {
                            found.computeIfAbsent(step.to(), k -> new ArrayList<>()).add(step);
                        }
                    }
                }
            }
            Map<String, ClusterStore.Member> members = clusters.members(chain, found.keySet());
            int level = depth.get(frontier.get(0)) + 1;
            List<String> next = new ArrayList<>();
            found.forEach((address, steps) -> {
                ClusterStore.Member m = members.get(address);
                if (m != null && m.cluster() == cluster) {
                    depth.put(address, level);
                    arrivals.put(address, steps);
                    next.add(address);
                }
            });
            frontier = next;
        }
        Optional<String> entity = Optional.of(ClusterStore.entityId(chain, founder(cluster)));
        if (!depth.containsKey(to)) {
            return new ClusterExplanation(chain, from, to, entity, List.of(), expanded >= EXPANSION_BUDGET
                    ? "the search expanded " + expanded + " addresses without reaching " + to + "; the cluster is too "
                    + "large to explain this pair here"
                    : "no chain of links was found again; the clusters may be stale: run cluster again");
        }
        List<List<ClusterLink>> paths = new ArrayList<>();
        collect(to, from, arrivals, new ArrayDeque<>(), paths);
        return new ClusterExplanation(chain, from, to, entity, paths, paths.size() + " shortest chain(s) of "
                + paths.get(0).size() + " link(s), found again from the transactions with " + names(heuristics));
    }

    private String founder(int cluster) {
        return clusters.addresses(chain, List.of(cluster)).get(cluster);
    }

    private Set<UtxoHeuristic> heuristics() {
        Set<UtxoHeuristic> result = new TreeSet<>();
        result.add(UtxoHeuristic.COMMON_INPUT);
        clusters.state(chain).ifPresent(s -> s.heuristics().forEach(name -> result.add(UtxoHeuristic.ofFlag(name))));
        return result;
    }

    private static String names(Set<UtxoHeuristic> heuristics) {
        return String.join(", ", heuristics.stream().map(UtxoHeuristic::flag).toList());
    }

    private static List<String> outputs(List<ClusterStore.Tx> txs) {
        Set<String> addresses = new TreeSet<>();
        txs.forEach(t -> t.outputs().forEach(o -> addresses.add(o.address())));
        return List.copyOf(addresses);
    }

    /**
     * The links of one transaction between named addresses: every pair of its inputs when the
     * common-input rule holds, and each change output with every input.
     */
    private static List<ClusterLink> links(ClusterStore.Tx tx, TxLinker linker,
                                           Map<String, ClusterStore.Position> firstSeen) {
        Map<String, Integer> local = new LinkedHashMap<>();
        List<String> byId = new ArrayList<>();
        ClusterTx view = ClusterTxs.of(tx, p -> localId(p.address(), local, byId));
        ClusterStore.Position at = new ClusterStore.Position(tx.blockNumber(), tx.txIndex());
        TxLinker.Result result = linker.link(view, id -> {
            ClusterStore.Position first = firstSeen.get(byId.get(id));
            return first != null && first.compareTo(at) < 0;
        });
        List<ClusterLink> links = new ArrayList<>();
        if (result.links().isEmpty()) {
            return links;
        }
        List<ClusterStore.Party> inputs = tx.inputs();
        boolean commonInput = result.links().stream().anyMatch(l -> l.heuristic() == UtxoHeuristic.COMMON_INPUT);
        if (commonInput) {
            for (int i = 0; i < inputs.size(); i++) {
                for (int j = i + 1; j < inputs.size(); j++) {
                    if (!inputs.get(i).address().equals(inputs.get(j).address())) {
                        links.add(link(inputs.get(i).address(), inputs.get(j).address(), UtxoHeuristic.COMMON_INPUT, tx,
                                "inputs " + inputs.get(i).index() + " and " + inputs.get(j).index() + " spent together"));
                    }
                }
            }
        }
        for (Link l : result.links()) {
            if (l.heuristic() != UtxoHeuristic.COMMON_INPUT) {
                String change = byId.get(l.b());
                for (ClusterStore.Party in : inputs) {
                    if (!in.address().equals(change)) {
                        links.add(link(in.address(), change, l.heuristic(), tx, l.evidence()));
                    }
                }
            }
        }
        return links;
    }

    private static int localId(String address, Map<String, Integer> local, List<String> byId) {
        return local.computeIfAbsent(address, a -> {
            byId.add(a);
            return byId.size() - 1;
        });
    }

    private static ClusterLink link(String a, String b, UtxoHeuristic h, ClusterStore.Tx tx, String evidence) {
        return new ClusterLink(a, b, h.flag(), Optional.of(tx.txid()), OptionalLong.of(tx.blockNumber()), evidence);
    }

    private static ClusterLink reversed(ClusterLink l) {
        return new ClusterLink(l.to(), l.from(), l.heuristic(), l.txid(), l.block(), l.evidence());
    }

    /** Walks arrivals back from {@code at} to the start, collecting up to maxPaths paths in a→b order. */
    private void collect(String at, String start, Map<String, List<ClusterLink>> arrivals, Deque<ClusterLink> suffix,
                         List<List<ClusterLink>> paths) {
        if (paths.size() >= maxPaths) {
            return;
        }
        if (at.equals(start)) {
            paths.add(List.copyOf(suffix));
            return;
        }
        List<ClusterLink> steps = new ArrayList<>(arrivals.get(at));
        steps.sort(Comparator.comparing((ClusterLink l) -> l.block().orElse(Long.MAX_VALUE))
                .thenComparing(l -> l.txid().orElse("")).thenComparing(ClusterLink::from));
        for (ClusterLink step : steps) {
            suffix.addFirst(step);
            collect(step.from(), start, arrivals, suffix, paths);
            suffix.removeFirst();
        }
    }

    /** Labels and deposit addresses: both addresses are members of one entity, each for its reason. */
    private ClusterExplanation byMemberships(String from, String to) {
        Map<String, List<Membership>> memberships = store.memberships(chain, List.of(from, to));
        List<Membership> ofA = memberships.getOrDefault(from, List.of());
        List<Membership> ofB = memberships.getOrDefault(to, List.of());
        for (Membership ma : ofA) {
            for (Membership mb : ofB) {
                if (ma.entityId().equals(mb.entityId()) && !(ma.via().equals(ClusterStore.VIA))) {
                    List<ClusterLink> path = List.of(membershipLink(ma, from), reversed(membershipLink(mb, to)));
                    return new ClusterExplanation(chain, from, to, Optional.of(ma.entityId()), List.of(path),
                            "both are members of " + ma.entityId() + ": " + from + " by " + ma.via() + ", " + to + " by "
                                    + mb.via());
                }
            }
        }
        return new ClusterExplanation(chain, from, to, Optional.empty(), List.of(),
                from + " and " + to + " are not in one entity");
    }

    private static ClusterLink membershipLink(Membership m, String address) {
        Optional<String> tx = m.evidence().stream().findFirst();
        String evidence = m.evidence().isEmpty() ? "its own label" : "transactions " + String.join(", ", m.evidence());
        return new ClusterLink(address, m.entityId(), m.via(), tx, OptionalLong.empty(), evidence);
    }
}
