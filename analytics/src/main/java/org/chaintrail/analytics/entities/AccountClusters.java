package org.chaintrail.analytics.entities;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.chaintrail.analytics.clustering.ClusterAttributor;
import org.chaintrail.analytics.clustering.UnionFind;
import org.chaintrail.graph.ClusterStore;
import org.chaintrail.model.AddressTraits;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Entity;
import org.chaintrail.model.Membership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the links of the account heuristics into entities: the links go into a {@link UnionFind}
 * over local ids (addresses in text order, so a group's representative is its smallest address),
 * and each group of two or more addresses
 * <ul>
 *   <li>joins the entity its members already belong to (by label, or as a deposit address), when
 *       they belong to exactly one: its other members become members of it;</li>
 *   <li>is a conflict when they belong to two or more: reported and skipped, never merged;</li>
 *   <li>else becomes a cluster {@code cluster:<chain>:<smallest address>}, named
 *       {@code cluster <smallest address>}, category {@code unknown}.</li>
 * </ul>
 * A member's membership is {@code via} the heuristics of the links that touch it (their flags
 * joined with {@code +} in {@link AccountHeuristic} order when there are several), with the
 * transactions of those links as {@code evidence}, the first {@value #EVIDENCE_LIMIT} in link
 * order. The heuristics never link a service's address, so a service entity is only ever reached
 * through a member that is not one of its addresses by label; the rule above still holds then.
 * O(L α(A)) in the links and addresses; output in address order.
 */
final class AccountClusters {
    private static final Logger LOG = LoggerFactory.getLogger(AccountClusters.class);
    static final int EVIDENCE_LIMIT = 10;

    private final Chain chain;
    private final List<AccountLink> links;
    private final Map<String, AddressTraits> traits;

    /**
     * @param links  the heuristics' links, in a stable order
     * @param traits what the graph shows of every linked address (its entities above all); an
     *               address without traits belongs to no entity
     */
    AccountClusters(Chain chain, List<AccountLink> links, Map<String, AddressTraits> traits) {
        this.chain = chain;
        this.links = List.copyOf(links);
        this.traits = Map.copyOf(traits);
    }

    /**
     * @param clusters    new cluster entities
     * @param memberships their memberships, and those of addresses that joined an existing entity
     * @param conflicts   groups whose members belong to more than one entity, skipped
     */
    record Result(List<Entity> clusters, List<Membership> memberships, List<ClusterAttributor.Conflict> conflicts) {
        Result {
            clusters = List.copyOf(clusters);
            memberships = List.copyOf(memberships);
            conflicts = List.copyOf(conflicts);
        }
    }

    Result compute() {
        TreeSet<String> addresses = new TreeSet<>();
        links.forEach(l -> {
            addresses.add(l.a());
            addresses.add(l.b());
        });
        List<String> byId = List.copyOf(addresses);
        Map<String, Integer> ids = new TreeMap<>();
        for (int i = 0; i < byId.size(); i++) {
            ids.put(byId.get(i), i);
        }
        UnionFind sets = new UnionFind(byId.size());
        Map<String, Set<AccountHeuristic>> via = new TreeMap<>();
        Map<String, Set<String>> evidence = new TreeMap<>();
        for (AccountLink l : links) {
            sets.union(ids.get(l.a()), ids.get(l.b()));
            for (String end : List.of(l.a(), l.b())) {
                via.computeIfAbsent(end, k -> EnumSet.noneOf(AccountHeuristic.class)).add(l.heuristic());
                evidence.computeIfAbsent(end, k -> new LinkedHashSet<>()).addAll(l.evidence());
            }
        }
        Map<Integer, List<String>> groups = new TreeMap<>();
        for (int i = 0; i < byId.size(); i++) {
            groups.computeIfAbsent(sets.representative(i), k -> new ArrayList<>()).add(byId.get(i));
        }

        List<Entity> clusters = new ArrayList<>();
        List<Membership> memberships = new ArrayList<>();
        List<ClusterAttributor.Conflict> conflicts = new ArrayList<>();
        groups.forEach((representative, members) -> {
            String smallest = byId.get(representative);
            Set<String> owners = new TreeSet<>();
            members.forEach(m -> entitiesOf(m).forEach(e -> owners.add(e.id())));
            if (owners.size() > 1) {
                String id = ClusterStore.entityId(chain, smallest);
                LOG.warn("account heuristics link addresses of {} entities ({}) through {}: not joined", owners.size(),
                        owners, members);
                conflicts.add(new ClusterAttributor.Conflict(id, List.copyOf(owners)));
                return;
            }
            String entityId;
            if (owners.isEmpty()) {
                entityId = ClusterStore.entityId(chain, smallest);
                clusters.add(new Entity(entityId, ClusterStore.defaultName(smallest), ClusterStore.UNATTRIBUTED));
            } else {
                entityId = owners.iterator().next();
            }
            for (String m : members) {
                if (entitiesOf(m).stream().noneMatch(e -> e.id().equals(entityId))) {
                    memberships.add(new Membership(chain, m, entityId, via.get(m).stream().map(AccountHeuristic::flag)
                            .collect(Collectors.joining("+")), evidence.get(m).stream().limit(EVIDENCE_LIMIT).toList()));
                }
            }
        });
        return new Result(clusters, memberships, conflicts);
    }

    private List<Entity> entitiesOf(String address) {
        AddressTraits t = traits.get(address);
        return t == null ? List.of() : t.entities();
    }
}
