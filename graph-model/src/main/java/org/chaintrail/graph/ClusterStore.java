package org.chaintrail.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Entity;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * What address clustering keeps in the graph for a UTXO chain, so that a run continues where the
 * last one stopped instead of reading every transaction again:
 * <ul>
 *   <li>{@code Address.cid}: a dense integer id, given in chain order of first appearance, so the
 *       clustering can hold a hundred million addresses in primitive arrays;</li>
 *   <li>{@code Address.cluster}: the smallest {@code cid} of the address's cluster, only on
 *       addresses whose cluster has two or more members, with
 *       {@code (a)-[:MEMBER_OF {via: 'cluster'}]->(:Entity {id: 'cluster:<chain>:<address of that cid>',
 *       kind: 'cluster', chain, size})};</li>
 *   <li>{@code Transaction.coinjoin} and {@code coinjoinReason} on transactions the common-input
 *       rule skipped;</li>
 *   <li>{@code (:ClusterState {chain, lastBlock, lastHash, clusteredIds, allocatedIds, heuristics})}:
 *       the last block clustered, the ids in use when that run finished, the ids handed out since
 *       (a run that died after giving ids), and the heuristics the clusters were made with.</li>
 * </ul>
 */
public final class ClusterStore {
    /** Entity ids of clusters start with this, then the chain id, a colon and the founding address. */
    public static final String ENTITY_PREFIX = "cluster:";
    /** The category of a cluster no label names. */
    public static final String UNATTRIBUTED = "unknown";
    /** The {@code MEMBER_OF.via} of a cluster membership. */
    public static final String VIA = "cluster";

    private static final String STATE = """
            MATCH (s:ClusterState {chain: $chain})
            RETURN s.lastBlock AS lastBlock, s.lastHash AS lastHash, s.clusteredIds AS clusteredIds,
                   s.allocatedIds AS allocatedIds, s.heuristics AS heuristics""";

    // Shared tail: inputs and outputs in one row per transaction, which tx() orders by index.
    private static final String WITH_PARTIES = """
            CALL (t) {
              MATCH (p:Address)-[i:IN]->(t)
              RETURN collect([i.index, p.address, p.cid]) AS inputs
            }
            CALL (t) {
              MATCH (t)-[o:OUT]->(q:Address)
              RETURN collect([o.index, q.address, q.cid, o.value, o.type]) AS outputs
            }
            RETURN t.txid AS txid, t.blockNumber AS blockNumber, t.txIndex AS txIndex, inputs, outputs
            ORDER BY blockNumber, txIndex""";

    private static final String TRANSACTIONS = """
            MATCH (t:Transaction {chain: $chain}) WHERE t.blockNumber > $after AND t.blockNumber <= $upTo
            """ + WITH_PARTIES;

    private static final String TRANSACTIONS_OF = """
            UNWIND $addresses AS address
            MATCH (x:Address {chain: $chain, address: address})
            CALL (x) {
              MATCH (x)-[:IN]->(t:Transaction) RETURN t
              UNION
              MATCH (x)<-[:OUT]-(t:Transaction) WHERE $outputsToo RETURN t
            }
            WITH DISTINCT t
            """ + WITH_PARTIES;

    private static final String MEMBERSHIP = """
            UNWIND $addresses AS address
            MATCH (a:Address {chain: $chain, address: address}) WHERE a.cid IS NOT NULL
            RETURN address, a.cid AS cid, coalesce(a.cluster, a.cid) AS cluster""";

    // Every address first appears as an output: it cannot be spent before it is paid.
    private static final String FIRST_SEEN = """
            UNWIND $addresses AS address
            MATCH (x:Address {chain: $chain, address: address})
            CALL (x) {
              MATCH (x)<-[:OUT]-(t:Transaction)
              RETURN t.blockNumber AS blockNumber, t.txIndex AS txIndex ORDER BY blockNumber, txIndex LIMIT 1
            }
            RETURN address, blockNumber, txIndex""";

    private static final String ASSIGN_IDS = """
            UNWIND $rows AS r
            MATCH (a:Address {chain: $chain, address: r[0]})
            SET a.cid = r[1]""";

    private static final String MARK_COINJOINS = """
            UNWIND $rows AS r
            MATCH (t:Transaction {chain: $chain, txid: r[0]})
            SET t.coinjoin = r[1], t.coinjoinReason = r[2]""";

    private static final String ALLOCATED = """
            MERGE (s:ClusterState {chain: $chain})
            ON CREATE SET s.lastBlock = -1, s.clusteredIds = 0, s.heuristics = $heuristics
            SET s.allocatedIds = $allocated""";

    private static final String MEMBERS = """
            MATCH (a:Address {chain: $chain}) WHERE a.cluster IS NOT NULL
            RETURN a.cid AS cid, a.cluster AS cluster""";

    private static final String ADDRESSES_BY_ID = """
            UNWIND $cids AS cid
            MATCH (a:Address {chain: $chain, cid: cid})
            RETURN cid, a.address AS address""";

    private static final String MOVE = """
            UNWIND $rows AS r
            MATCH (a:Address {chain: $chain, cid: r.cid})
            SET a.cluster = r.cluster
            WITH a, r
            CALL (a) {
              MATCH (a)-[old:MEMBER_OF {via: 'cluster'}]->(:Entity)
              DELETE old
            }
            MERGE (e:Entity {id: r.entity})
              ON CREATE SET e.kind = 'cluster', e.chain = $chain, e.name = r.name, e.searchName = toLower(r.name),
                            e.defaultName = r.name, e.category = 'unknown'
            CREATE (a)-[:MEMBER_OF {via: 'cluster', evidence: []}]->(e)""";

    private static final String SIZES = """
            UNWIND $rows AS r
            MATCH (e:Entity {id: r[0]})
            SET e.size = r[1]""";

    private static final String DROP_EMPTY = """
            UNWIND $ids AS id
            MATCH (e:Entity {id: id}) WHERE NOT (e)<-[:MEMBER_OF]-()
            DELETE e""";

    private static final String FINISH = """
            MERGE (s:ClusterState {chain: $chain})
            SET s.lastBlock = $lastBlock, s.lastHash = $lastHash, s.clusteredIds = $ids, s.allocatedIds = $ids,
                s.heuristics = $heuristics""";

    private static final String CHOOSE = """
            MERGE (s:ClusterState {chain: $chain})
            ON CREATE SET s.lastBlock = -1, s.clusteredIds = 0, s.allocatedIds = 0
            SET s.heuristics = $heuristics""";

    private static final String LABELLED_CLUSTERS = """
            MATCH (a:Address {chain: $chain})-[:MEMBER_OF {via: 'label'}]->(g:Entity)
            MATCH (a)-[:MEMBER_OF {via: 'cluster'}]->(c:Entity)
            RETURN c.id AS cluster, collect(DISTINCT g) AS groups
            ORDER BY cluster""";

    private static final String ATTRIBUTE = """
            UNWIND $rows AS r
            MATCH (e:Entity {id: r.id})
            SET e.name = r.name, e.searchName = toLower(r.name), e.category = r.category, e.labelGroups = r.groups,
                e.conflict = r.conflict, e.confidence = r.confidence""";

    private static final String UNATTRIBUTE = """
            MATCH (e:Entity {kind: 'cluster', chain: $chain}) WHERE e.labelGroups IS NOT NULL AND NOT e.id IN $keep
            SET e.name = e.defaultName, e.searchName = toLower(e.defaultName), e.category = 'unknown'
            REMOVE e.labelGroups, e.conflict, e.confidence""";

    // A rebuild forgets everything clustering wrote for the chain, in bounded transactions.
    private static final List<String> RESET = List.of("""
            MATCH (a:Address {chain: $chain}) WHERE a.cid IS NOT NULL
            CALL (a) {
              OPTIONAL MATCH (a)-[m:MEMBER_OF {via: 'cluster'}]->()
              DELETE m
              REMOVE a.cid, a.cluster
            } IN TRANSACTIONS OF 10000 ROWS""", """
            MATCH (e:Entity {kind: 'cluster', chain: $chain})
            CALL (e) { DETACH DELETE e } IN TRANSACTIONS OF 10000 ROWS""", """
            MATCH (t:Transaction {chain: $chain}) WHERE t.coinjoin IS NOT NULL
            CALL (t) { REMOVE t.coinjoin, t.coinjoinReason } IN TRANSACTIONS OF 10000 ROWS""", """
            MATCH (s:ClusterState {chain: $chain}) DELETE s""");

    private final Driver driver;

    ClusterStore(Driver driver) {
        this.driver = driver;
    }

    /**
     * Where clustering of a chain stands.
     *
     * @param lastBlock    the last block clustered, −1 before the first run
     * @param lastHash     that block's hash, to notice a reorganisation since; empty before the first run
     * @param clusteredIds ids below this were given before the last run finished: those addresses were seen
     * @param allocatedIds ids below this are taken (a run that died may have given some above {@code clusteredIds})
     * @param heuristics   the heuristics the clusters were made with, by name
     */
    public record State(long lastBlock, Optional<String> lastHash, int clusteredIds, int allocatedIds,
                        List<String> heuristics) {
        public State {
            heuristics = List.copyOf(heuristics);
        }
    }

    /**
     * One address in a transaction as clustering reads it.
     *
     * @param index   the input's or output's position
     * @param address the address (a {@code script-} identifier for outputs without one)
     * @param cid     its dense id, −1 if it has none yet
     * @param value   satoshi for an output, 0 for an input
     * @param type    Bitcoin Core's script type for an output, empty for an input
     */
    public record Party(int index, String address, int cid, long value, Optional<String> type) {
    }

    /** A transaction with its inputs and outputs, each in index order. */
    public record Tx(String txid, long blockNumber, int txIndex, List<Party> inputs, List<Party> outputs) {
        public Tx {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * Where an address stands in clustering.
     *
     * @param cid     its dense id
     * @param cluster the founding id of its cluster; its own id when it is alone
     */
    public record Member(int cid, int cluster) {
    }

    /** Where in chain order an address was first paid. */
    public record Position(long blockNumber, int txIndex) implements Comparable<Position> {
        @Override
        public int compareTo(Position o) {
            return blockNumber != o.blockNumber ? Long.compare(blockNumber, o.blockNumber)
                    : Integer.compare(txIndex, o.txIndex);
        }
    }

    /** Receives stored memberships one by one. */
    @FunctionalInterface
    public interface MemberSink {
        void accept(int cid, int cluster);
    }

    /** An address whose cluster is new or changed: it now belongs to the cluster founded by {@code cluster}. */
    public record Move(int cid, int cluster) {
    }

    /** The chain's clustering state, empty before the first run. */
    public Optional<State> state(Chain chain) {
        return read(STATE, Map.of("chain", chain.id()), r -> new State(r.get("lastBlock").asLong(-1),
                r.get("lastHash").isNull() ? Optional.empty() : Optional.of(r.get("lastHash").asString()),
                r.get("clusteredIds").asInt(0), r.get("allocatedIds").asInt(0),
                r.get("heuristics").isNull() ? List.of() : r.get("heuristics").asList(Value::asString)))
                .stream().findFirst();
    }

    /** The clustering ids of these addresses; addresses never clustered are absent. */
    public Map<String, Member> members(Chain chain, Collection<String> addresses) {
        Map<String, Member> result = new HashMap<>();
        if (!addresses.isEmpty()) {
            read(MEMBERSHIP, Map.of("chain", chain.id(), "addresses", List.copyOf(addresses)),
                    r -> result.put(r.get("address").asString(), new Member(r.get("cid").asInt(), r.get("cluster").asInt())));
        }
        return result;
    }

    /** The first transaction that paid each address; addresses never paid are absent. */
    public Map<String, Position> firstSeen(Chain chain, Collection<String> addresses) {
        Map<String, Position> result = new HashMap<>();
        if (!addresses.isEmpty()) {
            read(FIRST_SEEN, Map.of("chain", chain.id(), "addresses", List.copyOf(addresses)),
                    r -> result.put(r.get("address").asString(),
                            new Position(r.get("blockNumber").asLong(), r.get("txIndex").asInt())));
        }
        return result;
    }

    /** The UTXO transactions of blocks {@code (after, upTo]}, in chain order. */
    public List<Tx> transactions(Chain chain, long after, long upTo) {
        return read(TRANSACTIONS, Map.of("chain", chain.id(), "after", after, "upTo", upTo), ClusterStore::tx);
    }

    /**
     * Every transaction the addresses spent from, and with {@code outputsToo} every one that paid
     * them, in chain order: what an explanation of a cluster re-examines.
     */
    public List<Tx> transactionsOf(Chain chain, Collection<String> addresses, boolean outputsToo) {
        if (addresses.isEmpty()) {
            return List.of();
        }
        return read(TRANSACTIONS_OF, Map.of("chain", chain.id(), "addresses", List.copyOf(addresses),
                "outputsToo", outputsToo), ClusterStore::tx);
    }

    /**
     * Stores, in one transaction, the ids given to new addresses, the CoinJoins skipped and how
     * many ids are now taken, so that a run that dies later never hands out an id twice.
     *
     * @param newIds    address → its new id
     * @param coinJoins txid → [shape, reason]
     */
    public void assign(Chain chain, Map<String, Integer> newIds, Map<String, List<String>> coinJoins, int allocated,
                       List<String> heuristics) {
        List<List<Object>> ids = new ArrayList<>(newIds.size());
        newIds.forEach((address, cid) -> ids.add(List.of(address, cid)));
        List<List<Object>> marks = new ArrayList<>(coinJoins.size());
        coinJoins.forEach((txid, why) -> marks.add(List.of(txid, why.get(0), why.get(1))));
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                if (!ids.isEmpty()) {
                    tx.run(ASSIGN_IDS, Map.of("chain", chain.id(), "rows", ids)).consume();
                }
                if (!marks.isEmpty()) {
                    tx.run(MARK_COINJOINS, Map.of("chain", chain.id(), "rows", marks)).consume();
                }
                tx.run(ALLOCATED, Map.of("chain", chain.id(), "allocated", allocated, "heuristics", heuristics))
                        .consume();
            });
        }
    }

    /**
     * Streams every stored membership of a multi-address cluster as (cid, founding cid), without
     * holding them all: how a run rebuilds its union-find.
     */
    public void forEachMember(Chain chain, MemberSink sink) {
        try (var session = driver.session()) {
            session.executeRead(tx -> {
                var result = tx.run(MEMBERS, Map.of("chain", chain.id()));
                while (result.hasNext()) {
                    Record r = result.next();
                    sink.accept(r.get("cid").asInt(), r.get("cluster").asInt());
                }
                return null;
            });
        }
    }

    /** The addresses of these ids (ids the graph does not hold are absent). */
    public Map<Integer, String> addresses(Chain chain, Collection<Integer> cids) {
        Map<Integer, String> result = new HashMap<>();
        if (!cids.isEmpty()) {
            read(ADDRESSES_BY_ID, Map.of("chain", chain.id(), "cids", List.copyOf(cids)),
                    r -> result.put(r.get("cid").asInt(), r.get("address").asString()));
        }
        return result;
    }

    /**
     * Moves addresses into their clusters, one transaction: sets {@code Address.cluster} and
     * replaces the address's cluster membership.
     *
     * @param founders the address of every founding cid the moves name
     */
    public void move(Chain chain, List<Move> moves, Map<Integer, String> founders) {
        List<Map<String, Object>> rows = new ArrayList<>(moves.size());
        for (Move m : moves) {
            String founder = founders.get(m.cluster());
            if (founder == null) {
                throw new IllegalArgumentException("no address has id " + m.cluster() + " on " + chain.id());
            }
            rows.add(Map.of("cid", m.cid(), "cluster", m.cluster(), "entity", entityId(chain, founder),
                    "name", defaultName(founder)));
        }
        if (rows.isEmpty()) {
            return;
        }
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run(MOVE, Map.of("chain", chain.id(), "rows", rows)).consume());
        }
    }

    /**
     * Ends a run in one transaction: the sizes of the clusters it touched, the entities of
     * clusters that were absorbed into older ones removed, and the new state.
     *
     * @param sizes entity id → members
     * @param gone  entity ids of clusters that no longer exist (removed only if no member is left)
     */
    public void finish(Chain chain, Map<String, Integer> sizes, Collection<String> gone, long lastBlock,
                       String lastHash, int ids, List<String> heuristics) {
        List<List<Object>> sizeRows = new ArrayList<>(sizes.size());
        sizes.forEach((id, size) -> sizeRows.add(List.of(id, size)));
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                if (!sizeRows.isEmpty()) {
                    tx.run(SIZES, Map.of("rows", sizeRows)).consume();
                }
                if (!gone.isEmpty()) {
                    tx.run(DROP_EMPTY, Map.of("ids", List.copyOf(gone))).consume();
                }
                tx.run(FINISH, Map.of("chain", chain.id(), "lastBlock", lastBlock, "lastHash", lastHash, "ids", ids,
                        "heuristics", heuristics)).consume();
            });
        }
    }

    /**
     * Records the opt-in heuristics an account chain's entities were last built with, so that
     * rebuilding them after a label import keeps its clusters.
     */
    public void choose(Chain chain, List<String> heuristics) {
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run(CHOOSE, Map.of("chain", chain.id(),
                    "heuristics", heuristics)).consume());
        }
    }

    /** Every cluster with labelled members, with the entities those members' labels put them in. */
    public Map<String, List<Entity>> labelledClusters(Chain chain) {
        Map<String, List<Entity>> result = new TreeMap<>();
        read(LABELLED_CLUSTERS, Map.of("chain", chain.id()), r -> result.put(r.get("cluster").asString(),
                r.get("groups").asList(GraphStore::entity)));
        return result;
    }

    /**
     * What labels say about clusters.
     *
     * @param id       the cluster's entity id
     * @param name     the name for people
     * @param category the category its labels give it
     * @param groups   the label entities among its members, by id
     * @param conflict   whether those name more than one owner
     * @param confidence the weakest link from the labels to the cluster (a TagPack confidence id)
     */
    public record ClusterAttribution(String id, String name, String category, List<String> groups, boolean conflict,
                                     String confidence) {
        public ClusterAttribution {
            groups = List.copyOf(groups);
        }
    }

    /**
     * Sets the attribution of the clusters given, and returns every other cluster of the chain
     * that had one to its unattributed name and category, in one transaction.
     */
    public void attribute(Chain chain, List<ClusterAttribution> attributions) {
        List<Map<String, Object>> rows = attributions.stream().map(a -> Map.<String, Object>of("id", a.id(),
                "name", a.name(), "category", a.category(), "groups", a.groups(), "conflict", a.conflict(),
                "confidence", a.confidence())).toList();
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                tx.run(UNATTRIBUTE, Map.of("chain", chain.id(),
                        "keep", attributions.stream().map(ClusterAttribution::id).toList())).consume();
                if (!rows.isEmpty()) {
                    tx.run(ATTRIBUTE, Map.of("rows", rows)).consume();
                }
            });
        }
    }

    /** Forgets every id, cluster, CoinJoin mark and the state of a chain, so the next run starts from its first block. */
    public void reset(Chain chain) {
        try (var session = driver.session()) {
            for (String statement : RESET) {
                session.run(statement, Map.of("chain", chain.id())).consume();
            }
        }
    }

    /** The entity id of the cluster founded by an address. */
    public static String entityId(Chain chain, String founder) {
        return ENTITY_PREFIX + chain.id() + ":" + founder;
    }

    /** The name of a cluster that no label names: its founding address. */
    public static String defaultName(String founder) {
        return "cluster " + founder;
    }

    private static Tx tx(Record r) {
        List<Party> inputs = new ArrayList<>();
        for (Value v : r.get("inputs").values()) {
            inputs.add(new Party(v.get(0).asInt(), v.get(1).asString(), v.get(2).isNull() ? -1 : v.get(2).asInt(),
                    0, Optional.empty()));
        }
        List<Party> outputs = new ArrayList<>();
        for (Value v : r.get("outputs").values()) {
            outputs.add(new Party(v.get(0).asInt(), v.get(1).asString(), v.get(2).isNull() ? -1 : v.get(2).asInt(),
                    v.get(3).asLong(), Optional.of(v.get(4).asString())));
        }
        inputs.sort(Comparator.comparingInt(Party::index));
        outputs.sort(Comparator.comparingInt(Party::index));
        return new Tx(r.get("txid").asString(), r.get("blockNumber").asLong(), r.get("txIndex").asInt(), inputs,
                outputs);
    }

    private <T> List<T> read(String cypher, Map<String, Object> params, Function<Record, T> mapper) {
        return GraphStore.read(driver, cypher, params, mapper);
    }
}
