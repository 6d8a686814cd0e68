package org.chaintrail.graph;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Entity;
import org.chaintrail.model.EntityPage;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/** Reads entity pages: members, labels, flows across the entity's boundary and its counterparties. */
public final class EntityStore {
    private static final int EVIDENCE = 5;

    private static final String ENTITY = """
            MATCH (e:Entity {id: $id})
            CALL (e) {
              OPTIONAL MATCH (e)<-[m:MEMBER_OF]-(a:Address)
              WITH m.via AS via, count(DISTINCT a) AS n WHERE via IS NOT NULL
              RETURN collect([via, n]) AS byVia
            }
            CALL (e) {
              OPTIONAL MATCH (e)<-[:MEMBER_OF]-(a:Address)
              RETURN count(DISTINCT a) AS members
            }
            RETURN e, byVia, members""";

    private static final String LABELS = """
            MATCH (:Entity {id: $id})<-[:MEMBER_OF]-(a:Address)
            WITH DISTINCT a
            MATCH (a)-[h:HAS_LABEL]->(l:Label) WHERE h.retractedAt IS NULL
            RETURN a.chain AS chain, a.address AS address, l
            ORDER BY chain, address, l.key LIMIT $limit""";

    // The counterparty's own entity: its label membership first, as attributions choose it.
    private static final String OTHER_ENTITY = """
            CALL (other) {
              OPTIONAL MATCH (other)-[m:MEMBER_OF]->(oe:Entity)
              RETURN oe ORDER BY CASE m.via WHEN 'label' THEN 0 ELSE 1 END, oe.id LIMIT 1
            }
            """;

    private static final String ACCOUNT_FLOWS = """
            MATCH (e:Entity {id: $id})<-[:MEMBER_OF]-(a:Address)
            WITH DISTINCT e, a
            CALL (e, a) {
              MATCH (a)-[:IN]->(t:Transfer)-[:OUT]->(b:Address) WHERE NOT EXISTS { (b)-[:MEMBER_OF]->(e) }
              RETURN 'sent' AS direction, t, b AS other
              UNION ALL
              MATCH (b:Address)-[:IN]->(t:Transfer)-[:OUT]->(a) WHERE NOT EXISTS { (b)-[:MEMBER_OF]->(e) }
              RETURN 'received' AS direction, t, b AS other
            }
            """ + OTHER_ENTITY + """
            RETURN direction, t.chain AS chain, t.asset AS asset, t.amount AS amount, t.txHash AS tx,
                   t.blockNumber AS block, t.txIndex AS txIndex, t.logIndex AS position, other.address AS address,
                   oe AS entity""";

    // A transaction that spends the entity's coins sends what it pays to non-members; one that
    // spends none of them and pays a member is received, from whoever its first input is.
    private static final String UTXO_FLOWS = """
            MATCH (e:Entity {id: $id})<-[:MEMBER_OF]-(a:Address)
            WITH DISTINCT e, a
            CALL (a) {
              MATCH (a)-[:IN]->(t:Transaction) RETURN t
              UNION
              MATCH (a)<-[:OUT]-(t:Transaction) RETURN t
            }
            WITH DISTINCT e, t
            WITH e, t, EXISTS { MATCH (x:Address)-[:IN]->(t) WHERE EXISTS { (x)-[:MEMBER_OF]->(e) } } AS spends
            CALL (e, t, spends) {
              MATCH (t)-[o:OUT]->(b:Address) WHERE spends AND NOT EXISTS { (b)-[:MEMBER_OF]->(e) }
              RETURN 'sent' AS direction, o.value AS value, o.index AS position, b AS other
              UNION ALL
              MATCH (t)-[o:OUT]->(b:Address) WHERE NOT spends AND EXISTS { (b)-[:MEMBER_OF]->(e) }
              CALL (t) {
                OPTIONAL MATCH (p:Address)-[i:IN]->(t)
                RETURN p ORDER BY i.index LIMIT 1
              }
              RETURN 'received' AS direction, o.value AS value, o.index AS position, p AS other
            }
            """ + OTHER_ENTITY + """
            RETURN direction, t.chain AS chain, 'native' AS asset, toString(value) AS amount, t.txid AS tx,
                   t.blockNumber AS block, t.txIndex AS txIndex, position, other.address AS address, oe AS entity""";

    private final Driver driver;
    private final GraphStore store;

    EntityStore(Driver driver, GraphStore store) {
        this.driver = driver;
        this.store = store;
    }

    /**
     * The page of an entity, or empty if no entity has this id.
     *
     * @param labelLimit     labels on members to list at most
     * @param topCounterparties counterparties to list at most per chain and asset
     */
    public Optional<EntityPage> page(String id, int labelLimit, int topCounterparties) {
        Optional<Record> head = read(ENTITY, Map.of("id", id)).stream().findFirst();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Value e = head.get().get("e");
        Entity entity = GraphStore.entity(e);
        String kind = e.get("kind").asString("label");
        Map<String, Long> byVia = new TreeMap<>();
        head.get().get("byVia").values().forEach(v -> byVia.put(v.get(0).asString(), v.get(1).asLong()));
        List<String> owners = e.get("labelGroups").isNull() ? List.of() : e.get("labelGroups").asList(Value::asString);
        List<AddressLabel> labels = read(LABELS, Map.of("id", id, "limit", labelLimit)).stream()
                .map(r -> new AddressLabel(Chain.of(r.get("chain").asString()), r.get("address").asString(),
                        GraphStore.label(r.get("l"))))
                .toList();
        List<Record> rows = new ArrayList<>(read(ACCOUNT_FLOWS, Map.of("id", id)));
        rows.addAll(read(UTXO_FLOWS, Map.of("id", id)));
        rows.sort(Comparator.comparing((Record r) -> r.get("chain").asString())
                .thenComparingLong(r -> r.get("block").asLong())
                .thenComparingLong(r -> r.get("txIndex").asLong())
                .thenComparingLong(r -> r.get("position").asLong())
                .thenComparing(r -> r.get("direction").asString()));
        Flows flows = new Flows();
        rows.forEach(flows::add);
        Map<List<String>, Asset> assets = flows.assets(store);
        return Optional.of(new EntityPage(entity, kind, head.get().get("members").asLong(), byVia, owners,
                e.get("conflict").asBoolean(false), labels, flows.flows(assets),
                flows.counterparties(assets, topCounterparties)));
    }

    /** Sums flow rows, in chain order, per asset and per counterparty. */
    private static final class Flows {
        private final Map<List<String>, BigInteger[]> totals = new TreeMap<>(Comparator.comparing(Object::toString));
        private final Map<List<String>, Set<String>[]> txs = new LinkedHashMap<>();
        private final Map<List<String>, Party> parties = new LinkedHashMap<>();

        /** @param key chain, asset and the counterparty's entity id or address */
        private record Party(List<String> key, String address, Optional<Entity> entity, BigInteger[] amounts,
                             List<String> evidence) {
        }

        @SuppressWarnings("unchecked")
        void add(Record r) {
            String chain = r.get("chain").asString();
            String asset = r.get("asset").asString();
            int slot = r.get("direction").asString().equals("received") ? 0 : 1;
            BigInteger amount = new BigInteger(r.get("amount").asString());
            String tx = r.get("tx").asString();
            List<String> assetKey = List.of(chain, asset);
            totals.computeIfAbsent(assetKey, k -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO})[slot] =
                    totals.get(assetKey)[slot].add(amount);
            txs.computeIfAbsent(assetKey, k -> new Set[] {new HashSet<String>(), new HashSet<String>()})[slot].add(tx);
            String address = r.get("address").isNull() ? "coinbase" : r.get("address").asString();
            Optional<Entity> entity = r.get("entity").isNull() ? Optional.empty()
                    : Optional.of(GraphStore.entity(r.get("entity")));
            List<String> key = List.of(chain, asset, entity.map(Entity::id).orElse(address));
            Party p = parties.computeIfAbsent(key, k -> new Party(k, address, entity,
                    new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO}, new ArrayList<>()));
            p.amounts()[slot] = p.amounts()[slot].add(amount);
            if (p.evidence().size() < EVIDENCE && !p.evidence().contains(tx)) {
                p.evidence().add(tx);
            }
        }

        /** Each (chain, asset) the rows name, read once: counterparties share them. */
        Map<List<String>, Asset> assets(GraphStore store) {
            Map<String, List<String>> keysByChain = new TreeMap<>();
            totals.keySet().forEach(k -> keysByChain.computeIfAbsent(k.get(0), c -> new ArrayList<>()).add(k.get(1)));
            Map<List<String>, Asset> result = new HashMap<>();
            keysByChain.forEach((chain, keys) -> store.assets(Chain.of(chain), keys)
                    .forEach((key, asset) -> result.put(List.of(chain, key), asset)));
            return result;
        }

        List<EntityPage.Flow> flows(Map<List<String>, Asset> assets) {
            List<EntityPage.Flow> result = new ArrayList<>();
            totals.forEach((k, sums) -> result.add(new EntityPage.Flow(assets.get(k), sums[0],
                    sums[1], txs.get(k)[0].size(), txs.get(k)[1].size())));
            return result;
        }

        List<EntityPage.Counterparty> counterparties(Map<List<String>, Asset> assets, int top) {
            Map<List<String>, List<EntityPage.Counterparty>> byAsset = new TreeMap<>(Comparator.comparing(Object::toString));
            parties.values().forEach(p -> byAsset.computeIfAbsent(p.key().subList(0, 2), k -> new ArrayList<>())
                    .add(new EntityPage.Counterparty(assets.get(p.key().subList(0, 2)), p.address(),
                            p.entity(), p.amounts()[0], p.amounts()[1], p.evidence())));
            List<EntityPage.Counterparty> result = new ArrayList<>();
            byAsset.values().forEach(list -> list.stream()
                    .sorted(Comparator.comparing(EntityPage.Counterparty::volume).reversed()
                            .thenComparing(EntityPage.Counterparty::address))
                    .limit(top).forEach(result::add));
            return result;
        }
    }

    private List<Record> read(String cypher, Map<String, Object> params) {
        return GraphStore.read(driver, cypher, params, r -> r);
    }
}
