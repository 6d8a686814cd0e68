package org.chaintrail.graph;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.AddressSummary;
import org.chaintrail.model.AddressSummary.AssetTotals;
import org.chaintrail.model.AddressTraits;
import org.chaintrail.model.Approval;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.DepositCandidate;
import org.chaintrail.model.Entity;
import org.chaintrail.model.Label;
import org.chaintrail.model.Membership;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;

/**
 * The one place that reads and writes the graph. Writes are idempotent batches ({@code UNWIND}
 * over rows, {@code MERGE} on natural keys); reads hand back domain records. Every query is
 * parameterised.
 *
 * <p>The graph: {@code (:Address {chain, address})}; a value movement is a
 * {@code (:Transfer {id, chain, asset, amount, txHash, blockNumber, txIndex, logIndex, timestamp})}
 * hub with {@code (payer)-[:IN]->(t)-[:OUT]->(payee)}; {@code (:Asset {chain, contract, symbol,
 * decimals})}; {@code (:Block {chain, number, hash, timestamp})};
 * {@code (a)-[:HAS_LABEL {addedBy, addedAt, ..., retractedAt}]->(:Label)} (see {@link LabelStore}: a
 * retracted attachment stays and counts for nothing); {@code (a)-[:MEMBER_OF {via, evidence}]->(:Entity)};
 * {@code (owner)-[:APPROVED {id, chain, token, amount, txHash, blockNumber, txIndex, logIndex}]->(spender)}.
 * Amounts are strings of integer base units: they exceed 64 bits. The API's keys and audit log are
 * in {@link KeyStore} and {@link AuditStore}.
 */
public final class GraphStore implements TransferGraph {
    static final String WRITE_BLOCKS = """
            UNWIND $rows AS r
            MERGE (b:Block {chain: r.chain, number: r.number})
            SET b.hash = r.hash, b.timestamp = r.timestamp""";

    private static final String WRITE_ASSETS = """
            UNWIND $rows AS r
            MERGE (s:Asset {chain: r.chain, contract: r.contract})
            SET s.symbol = coalesce(r.symbol, s.symbol), s.decimals = coalesce(r.decimals, s.decimals)""";

    /** Which of a batch's transfers are stored already: the batch creates only the others. */
    private static final String STORED_TRANSFERS = """
            UNWIND $ids AS id
            MATCH (t:Transfer {id: id})
            RETURN id""";

    /*
     * New transfers only: CREATE fails on the unique constraint if one is stored already, and write
     * then retries without it. Each distinct address of the batch is merged once, in $addresses
     * order; a row names its payer and payee by position in that list, so a transfer costs no
     * address lookup of its own, and its two relationships are created, not merged: a new Transfer
     * has none yet.
     */
    private static final String WRITE_TRANSFERS = """
            UNWIND range(0, size($addresses) - 1) AS i
            WITH i, $addresses[i] AS key
            MERGE (a:Address {chain: key[0], address: key[1]})
            WITH i, a ORDER BY i
            WITH collect(a) AS addresses
            UNWIND $rows AS r
            WITH addresses[r.from] AS payer, addresses[r.to] AS payee, r
            CREATE (payer)-[:IN]->(:Transfer {id: r.id, chain: r.chain, asset: r.asset, amount: r.amount,
                                              txHash: r.txHash, blockNumber: r.blockNumber, txIndex: r.txIndex,
                                              logIndex: r.logIndex, timestamp: r.timestamp})-[:OUT]->(payee)""";

    /** Who {@link #write} records as having added a batch's labels (a batch names no person). */
    static final String BATCH_WRITER = "chaintrail batch write";

    /*
     * Approvals are relationships between the owner and the spender, merged on their id (the
     * uniqueness constraint approval_key): of two with one id, the first stored stays.
     */
    private static final String WRITE_APPROVALS = """
            UNWIND $rows AS r
            MERGE (o:Address {chain: r.chain, address: r.owner})
            MERGE (s:Address {chain: r.chain, address: r.spender})
            MERGE (o)-[a:APPROVED {id: r.id}]->(s)
              ON CREATE SET a.chain = r.chain, a.token = r.token, a.amount = r.amount, a.txHash = r.txHash,
                            a.blockNumber = r.blockNumber, a.txIndex = r.txIndex, a.logIndex = r.logIndex""";

    static final String WRITE_CHECKPOINT = """
            MERGE (c:Checkpoint {chain: $chain})
            SET c.number = $number, c.hash = $hash""";

    private static final String WRITE_ENTITIES = """
            UNWIND $rows AS r
            MERGE (e:Entity {id: r.id})
            SET e.name = r.name, e.searchName = toLower(r.name), e.category = r.category,
                e.confidence = r.confidence""";

    private static final String WRITE_MEMBERSHIPS = """
            UNWIND $rows AS r
            MATCH (e:Entity {id: r.entityId})
            MERGE (a:Address {chain: r.chain, address: r.address})
            MERGE (a)-[m:MEMBER_OF]->(e)
            SET m.via = r.via, m.evidence = r.evidence""";

    private static final String TRANSFER_COLUMNS = """
            t.txHash AS txHash, t.blockNumber AS blockNumber, t.txIndex AS txIndex, t.logIndex AS logIndex,
            t.timestamp AS timestamp, a.address AS from, b.address AS to, t.asset AS asset, t.amount AS amount""";

    private static final String TRANSFERS_FROM = """
            UNWIND $addresses AS address
            MATCH (a:Address {chain: $chain, address: address})-[:IN]->(t:Transfer {asset: $asset})-[:OUT]->(b:Address)
            RETURN\s""" + TRANSFER_COLUMNS;

    private static final String TRANSFERS_TO = """
            UNWIND $addresses AS address
            MATCH (a:Address)-[:IN]->(t:Transfer {asset: $asset})-[:OUT]->(b:Address {chain: $chain, address: address})
            RETURN\s""" + TRANSFER_COLUMNS;

    private static final String ATTRIBUTIONS = """
            UNWIND $addresses AS address
            MATCH (a:Address {chain: $chain, address: address})
            OPTIONAL MATCH (a)-[h:HAS_LABEL]->(l:Label) WHERE h.retractedAt IS NULL
            WITH a, collect(l) AS labels
            OPTIONAL MATCH (a)-[m:MEMBER_OF]->(e:Entity)
            WITH a, labels, m, e ORDER BY CASE m.via WHEN 'label' THEN 0 ELSE 1 END, e.id
            WITH a, labels, collect({entity: e, via: m.via})[0] AS membership
            RETURN a.address AS address, labels, membership.entity AS entity, membership.via AS via""";

    private static final String ADDRESS_FLOWS = """
            MATCH (x:Address {chain: $chain, address: $address})
            CALL (x) {
              MATCH (x)-[:IN]->(t:Transfer) RETURN 'sent' AS direction, t
              UNION ALL
              MATCH (t:Transfer)-[:OUT]->(x) RETURN 'received' AS direction, t
            }
            RETURN direction, t.asset AS asset, t.amount AS amount, t.timestamp AS timestamp""";

    private static final String ASSETS_BY_KEYS = """
            UNWIND $keys AS key
            MATCH (s:Asset {chain: $chain, contract: key})
            RETURN s.contract AS contract, s.symbol AS symbol, s.decimals AS decimals""";

    private static final String ASSETS_BY_SYMBOL = """
            MATCH (s:Asset {chain: $chain})
            WHERE toUpper(s.symbol) = toUpper($symbol)
            RETURN s.contract AS contract, s.symbol AS symbol, s.decimals AS decimals ORDER BY s.contract""";

    private static final String SERVICE_LABELS = """
            MATCH (a:Address {chain: $chain})-[h:HAS_LABEL]->(l:Label)
            WHERE h.retractedAt IS NULL AND (l.category IN $categories OR l.abuse = 'sanction')
            RETURN a.address AS address, l ORDER BY a.address, l.key""";

    private static final String DEPOSIT_CANDIDATES = """
            MATCH (a:Address {chain: $chain})-[:IN]->(:Transfer)-[:OUT]->(:Address)-[:MEMBER_OF {via: 'label'}]->(:Entity {category: 'exchange'})
            WHERE NOT EXISTS { MATCH (a)-[h:HAS_LABEL]->() WHERE h.retractedAt IS NULL } AND NOT (a)-[:MEMBER_OF {via: 'label'}]->()
            WITH DISTINCT a
            MATCH (a)-[:IN]->(t:Transfer)-[:OUT]->(b:Address)
            OPTIONAL MATCH (b)-[:MEMBER_OF {via: 'label'}]->(e:Entity)
            WITH a, t, e ORDER BY t.blockNumber, t.txIndex, t.logIndex
            RETURN a.address AS address, collect({txHash: t.txHash, entity: e}) AS outgoing
            ORDER BY address""";

    /** A UTXO chain's flows: what an address's outputs received, and what its spent outputs sent. */
    private static final String ADDRESS_FLOWS_UTXO = """
            MATCH (x:Address {chain: $chain, address: $address})
            CALL (x) {
              MATCH (x)-[i:IN]->(t:Transaction) RETURN 'sent' AS direction, i.value AS value, t
              UNION ALL
              MATCH (t:Transaction)-[o:OUT]->(x) RETURN 'received' AS direction, o.value AS value, t
            }
            RETURN direction, 'native' AS asset, toString(value) AS amount, t.timestamp AS timestamp""";

    /*
     * One index seek per chain: ordering by both columns of the (chain, number) index lets the
     * planner read it backwards and stop at the first row (ordering by number alone reads every block).
     */
    private static final String LAST_BLOCKS = """
            UNWIND $chains AS chain
            CALL (chain) {
              MATCH (b:Block) WHERE b.chain = chain AND b.number IS NOT NULL
              RETURN b.number AS last ORDER BY b.chain DESC, b.number DESC LIMIT 1
            }
            RETURN chain, last""";

    private final Driver driver;
    private final Runnable roomToWrite;
    private final UtxoStore utxo;
    private final ClusterStore clusters;
    private final EntityStore entities;
    private final LabelStore labels;
    private final WatchStore watches;
    private final CaseStore cases;
    private final KeyStore keys;
    private final AuditStore audit;
    private final SearchStore search;
    private final CounterpartyStore counterparties;

    /**
     * @param driver         the process's driver
     * @param roomToWrite    run before each bulk write of chain data, to stop an ingest before a full
     *                       disk stalls Neo4j ({@link StoreDirectory#checkRoomToWrite}); a no-op for a
     *                       server whose disk this process cannot see
     */
    GraphStore(Driver driver, Runnable roomToWrite) {
        this.driver = driver;
        this.roomToWrite = roomToWrite;
        this.utxo = new UtxoStore(driver, roomToWrite);
        this.clusters = new ClusterStore(driver);
        this.entities = new EntityStore(driver, this);
        this.labels = new LabelStore(driver);
        this.watches = new WatchStore(driver);
        this.cases = new CaseStore(driver);
        this.keys = new KeyStore(driver);
        this.audit = new AuditStore(driver);
        this.search = new SearchStore(driver);
        this.counterparties = new CounterpartyStore(driver);
    }

    /** The API keys, by their hashes. */
    public KeyStore keys() {
        return keys;
    }

    /** The hash-chained log of every API request. */
    public AuditStore audit() {
        return audit;
    }

    /** Labels with their audit trail: who added each, when, from which file, and retractions. */
    public LabelStore labels() {
        return labels;
    }

    /** Watchlists of cases, the alerts they raise and the webhook alerts go to. */
    public WatchStore watches() {
        return watches;
    }

    /** Investigators' cases: addresses, notes and saved traces, added and signed, never edited. */
    public CaseStore cases() {
        return cases;
    }

    /** Transactions with inputs and outputs, for UTXO chains (Bitcoin). */
    public UtxoStore utxo() {
        return utxo;
    }

    /** Entity pages: members, labels, flows and counterparties. */
    public EntityStore entities() {
        return entities;
    }

    /** Entities and addresses by id, name, label text or address prefix: the API's search. */
    public SearchStore search() {
        return search;
    }

    /** An address's counterparties and its transfers with them. */
    public CounterpartyStore counterparties() {
        return counterparties;
    }

    /** What address clustering keeps: dense ids, clusters and where the last run stopped. */
    public ClusterStore clusters() {
        return clusters;
    }

    // ---------------------------------------------------------------- writes

    /**
     * Writes a batch in one transaction: all of it is stored, or none of it. Idempotent: writing
     * the same batch again changes nothing.
     */
    public void write(WriteBatch batch) {
        if (batch.size() == 0) {
            return;
        }
        roomToWrite.run();
        List<Map<String, Object>> blocks = batch.blocks().stream().map(GraphStore::blockRow).toList();
        List<Map<String, Object>> assets = batch.assets().stream().map(GraphStore::assetRow).toList();
        List<Map<String, Object>> labels = batchLabelRows(batch.labels());
        List<Map<String, Object>> approvals = batch.approvals().stream().map(GraphStore::approvalRow).toList();
        // MERGE semantics: of two transfers with one id, the first is stored.
        Map<String, Transfer> transfers = new LinkedHashMap<>();
        batch.transfers().forEach(t -> transfers.putIfAbsent(t.id(), t));
        // Most batches of an import are all new. Creating their transfers without looking first
        // saves reading every id (about 15 % of a write); the unique constraint still catches a
        // transfer stored already, and then the batch, rolled back whole, is written again, looking
        // first. The last batch's outcome picks the first attempt: a re-import looks from the start.
        boolean look = lookForStoredTransfers;
        for (int attempt = 1; ; attempt++) {
            boolean lookNow = look;
            try (var session = driver.session()) {
                int stored = session.executeWrite(tx -> {
                    run(tx, WRITE_BLOCKS, blocks);
                    run(tx, WRITE_ASSETS, assets);
                    int found = writeTransfers(tx, transfers, lookNow);
                    run(tx, WRITE_APPROVALS, approvals);
                    run(tx, LabelStore.ATTACH, labels);
                    batch.checkpoint().ifPresent(c -> tx.run(WRITE_CHECKPOINT,
                            Map.of("chain", c.chain().id(), "number", c.number(), "hash", c.hash())).consume());
                    return found;
                });
                lookForStoredTransfers = stored > 0;
                return;
            } catch (ClientException e) {
                // Also the case of a concurrent writer that stored one of these transfers between our
                // read and our create: the next attempt's read sees it.
                if (attempt >= WRITE_ATTEMPTS || !CONSTRAINT_VIOLATION.equals(e.code())) {
                    throw e;
                }
                look = true;
                lookForStoredTransfers = true;
            }
        }
    }

    private static final String CONSTRAINT_VIOLATION = "Neo.ClientError.Schema.ConstraintValidationFailed";
    private static final int WRITE_ATTEMPTS = 3;

    /** A hint for the next write, never needed for correctness: whether its transfers may be stored already. */
    private volatile boolean lookForStoredTransfers;

    /**
     * Creates the transfers with their relationships, merging each address once; with {@code look},
     * only those not stored yet.
     *
     * @return how many were found stored already
     */
    private static int writeTransfers(TransactionContext tx, Map<String, Transfer> byId, boolean look) {
        if (byId.isEmpty()) {
            return 0;
        }
        Set<String> stored = look ? new HashSet<>(tx.run(STORED_TRANSFERS, Map.of("ids", List.copyOf(byId.keySet())))
                .list(r -> r.get("id").asString())) : Set.of();
        Map<List<String>, Integer> positions = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>(byId.size() - stored.size());
        for (Transfer t : byId.values()) {
            if (!stored.contains(t.id())) {
                rows.add(transferRow(t, position(positions, t.chain(), t.from()), position(positions, t.chain(), t.to())));
            }
        }
        if (!rows.isEmpty()) {
            tx.run(WRITE_TRANSFERS, Map.of("addresses", List.copyOf(positions.keySet()), "rows", rows)).consume();
        }
        return stored.size();
    }

    private static int position(Map<List<String>, Integer> positions, Chain chain, String address) {
        return positions.computeIfAbsent(List.of(chain.id(), address), k -> positions.size());
    }

    /**
     * Replaces every entity membership of a chain, except the clusters' own ({@link ClusterStore}),
     * with the given entities and memberships, in one transaction, so that entities can be
     * rebuilt after new data or labels arrive.
     */
    public void replaceEntities(Chain chain, Collection<Entity> entities, Collection<Membership> memberships) {
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                tx.run("MATCH (:Address {chain: $chain})-[m:MEMBER_OF]->() WHERE m.via <> 'cluster' DELETE m",
                        Map.of("chain", chain.id())).consume();
                tx.run("MATCH (e:Entity) WHERE NOT (e)<-[:MEMBER_OF]-() DELETE e").consume();
                run(tx, WRITE_ENTITIES, entities.stream()
                        .map(GraphStore::entityRow).toList());
                run(tx, WRITE_MEMBERSHIPS, memberships.stream().map(GraphStore::membershipRow).toList());
            });
        }
    }

    private static final String MEMBERSHIPS = """
            UNWIND $addresses AS address
            MATCH (a:Address {chain: $chain, address: address})-[m:MEMBER_OF]->(e:Entity)
            RETURN address, e.id AS entity, m.via AS via, coalesce(m.evidence, []) AS evidence
            ORDER BY address, CASE via WHEN 'label' THEN 0 ELSE 1 END, entity""";

    /** Every entity membership of these addresses, label memberships first; addresses without one are absent. */
    public Map<String, List<Membership>> memberships(Chain chain, Collection<String> addresses) {
        Map<String, List<Membership>> result = new LinkedHashMap<>();
        read(MEMBERSHIPS, Map.of("chain", chain.id(), "addresses", List.copyOf(addresses)), r -> result
                .computeIfAbsent(r.get("address").asString(), k -> new ArrayList<>())
                .add(new Membership(chain, r.get("address").asString(), r.get("entity").asString(),
                        r.get("via").asString(), r.get("evidence").asList(Value::asString))));
        return result;
    }

    /** Adds memberships (a clustering heuristic's) to existing entities, idempotently. */
    public void addMemberships(Collection<Membership> memberships) {
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> run(tx, WRITE_MEMBERSHIPS, memberships.stream()
                    .map(GraphStore::membershipRow).toList()));
        }
    }

    private static Map<String, Object> membershipRow(Membership m) {
        return Map.of("chain", m.chain().id(), "address", m.address(), "entityId", m.entityId(), "via", m.via(),
                "evidence", m.evidence());
    }

    private static void run(TransactionContext tx, String cypher, List<Map<String, Object>> rows) {
        if (!rows.isEmpty()) {
            tx.run(cypher, Map.of("rows", rows)).consume();
        }
    }

    private static Map<String, Object> blockRow(Block b) {
        return Map.of("chain", b.chain().id(), "number", b.number(), "hash", b.hash(), "timestamp", b.timestamp());
    }

    private static Map<String, Object> assetRow(Asset s) {
        Map<String, Object> row = new HashMap<>();
        row.put("chain", s.chain().id());
        row.put("contract", s.key());
        row.put("symbol", s.symbol().orElse(null));
        row.put("decimals", s.decimals().orElse(null));
        return row;
    }

    /** A new transfer; {@code from} and {@code to} are positions in the batch's address list. */
    private static Map<String, Object> transferRow(Transfer t, int from, int to) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", t.id());
        row.put("chain", t.chain().id());
        row.put("asset", t.assetKey());
        row.put("amount", t.amount().toString());
        row.put("txHash", t.txHash());
        row.put("blockNumber", t.blockNumber());
        row.put("txIndex", t.txIndex());
        row.put("logIndex", t.logIndex());
        row.put("timestamp", t.timestamp());
        row.put("from", from);
        row.put("to", to);
        return row;
    }

    private static Map<String, Object> approvalRow(Approval a) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", a.id());
        row.put("chain", a.chain().id());
        row.put("token", a.token());
        row.put("owner", a.owner());
        row.put("spender", a.spender());
        row.put("amount", a.amount().toString());
        row.put("txHash", a.txHash());
        row.put("blockNumber", a.blockNumber());
        row.put("txIndex", a.txIndex());
        row.put("logIndex", a.logIndex());
        return row;
    }


    /**
     * A batch's labels as attachments by {@value #BATCH_WRITER}, now; each (address, label) once,
     * and none where the address carries the label already.
     */
    private static List<Map<String, Object>> batchLabelRows(List<AddressLabel> labels) {
        Map<String, Object> attachment = Map.of("addedBy", BATCH_WRITER, "addedAt", LabelStore.stamp(Instant.now()));
        Map<List<String>, Map<String, Object>> rows = new LinkedHashMap<>();
        for (AddressLabel al : labels) {
            Map<String, Object> row = labelRow(al);
            row.put("attachment", attachment);
            rows.putIfAbsent(List.of(al.chain().id(), al.address(), (String) row.get("key")), row);
        }
        return List.copyOf(rows.values());
    }

    static Map<String, Object> labelRow(AddressLabel al) {
        Label l = al.label();
        Map<String, Object> row = new HashMap<>();
        row.put("chain", al.chain().id());
        row.put("address", al.address());
        row.put("key", labelKey(l));
        row.put("label", l.label());
        row.put("category", l.category().orElse(null));
        row.put("abuse", l.abuse().orElse(null));
        row.put("actor", l.actor().orElse(null));
        row.put("source", l.source());
        row.put("confidence", l.confidence().orElse(null));
        return row;
    }

    /** One Label node per distinct attribution; many addresses may share it. */
    static String labelKey(Label l) {
        return String.join("\u001f", l.label(), l.category().orElse(""), l.abuse().orElse(""),
                l.actor().orElse(""), l.source(), l.confidence().orElse(""));
    }

    /**
     * Deletes every node and relationship, keeping the schema. For tests and the demo's fresh
     * store only; batched so that a large graph does not need one huge transaction.
     */
    public void deleteAllForTests() {
        try (var session = driver.session()) {
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume();
        }
    }

    // ---------------------------------------------------------------- reads

    /** All transfers of one asset sent by any of the addresses, in chain order. */
    @Override
    public List<Transfer> transfersFrom(Chain chain, String assetKey, Collection<String> addresses) {
        return transfers(TRANSFERS_FROM, chain, assetKey, addresses);
    }

    /** All transfers of one asset received by any of the addresses, in chain order. */
    @Override
    public List<Transfer> transfersTo(Chain chain, String assetKey, Collection<String> addresses) {
        return transfers(TRANSFERS_TO, chain, assetKey, addresses);
    }

    private List<Transfer> transfers(String cypher, Chain chain, String assetKey, Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return List.of();
        }
        List<Transfer> result = read(cypher, Map.of("chain", chain.id(), "asset", assetKey,
                "addresses", List.copyOf(addresses)), r -> transfer(chain, r));
        List<Transfer> sorted = new ArrayList<>(result);
        sorted.sort(Transfer.CHAIN_ORDER);
        return sorted;
    }

    /** A row of {@link #TRANSFER_COLUMNS}. */
    private static Transfer transfer(Chain chain, Record r) {
        return new Transfer(chain, r.get("txHash").asString(), r.get("blockNumber").asLong(), r.get("txIndex").asInt(),
                r.get("logIndex").asInt(), r.get("timestamp").asLong(), r.get("from").asString(),
                r.get("to").asString(), r.get("asset").asString(), new BigInteger(r.get("amount").asString()));
    }

    /** Labels and entity of each address that is in the graph; absent addresses are left out. */
    @Override
    public Map<String, Attribution> attributions(Chain chain, Collection<String> addresses) {
        Map<String, Attribution> result = new HashMap<>();
        if (addresses.isEmpty()) {
            return result;
        }
        for (Record r : read(ATTRIBUTIONS, Map.of("chain", chain.id(), "addresses", List.copyOf(addresses)), r -> r)) {
            List<Label> labels = new ArrayList<>(r.get("labels").asList(GraphStore::label));
            labels.sort(Comparator.comparing(GraphStore::labelKey));
            Optional<Entity> entity = r.get("entity").isNull() ? Optional.empty() : Optional.of(entity(r.get("entity")));
            Optional<String> via = r.get("via").isNull() ? Optional.empty() : Optional.of(r.get("via").asString());
            result.put(r.get("address").asString(), new Attribution(labels, entity, via));
        }
        return result;
    }

    /** The address with its attribution and per-asset totals, or empty if the graph has never seen it. */
    public Optional<AddressSummary> addressSummary(Chain chain, String address) {
        String canonical = chain.canonicalAddress(address);
        Attribution attribution = attributions(chain, List.of(canonical)).get(canonical);
        if (attribution == null) {
            return Optional.empty();
        }
        Map<String, BigInteger[]> sums = new TreeMap<>(Comparator.comparing((String k) -> !k.equals(Asset.NATIVE))
                .thenComparing(Comparator.naturalOrder()));
        Map<String, long[]> counts = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        String flows = chain.isUtxo() ? ADDRESS_FLOWS_UTXO : ADDRESS_FLOWS;
        for (Record r : read(flows, Map.of("chain", chain.id(), "address", canonical), r -> r)) {
            String asset = r.get("asset").asString();
            int slot = r.get("direction").asString().equals("received") ? 0 : 1;
            sums.computeIfAbsent(asset, k -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO})[slot] =
                    sums.get(asset)[slot].add(new BigInteger(r.get("amount").asString()));
            counts.computeIfAbsent(asset, k -> new long[2])[slot]++;
            long ts = r.get("timestamp").asLong();
            first = Math.min(first, ts);
            last = Math.max(last, ts);
        }
        Map<String, Asset> assets = assets(chain, sums.keySet());
        List<AssetTotals> totals = new ArrayList<>();
        sums.forEach((key, s) -> totals.add(new AssetTotals(assets.get(key), s[0], s[1],
                counts.get(key)[0], counts.get(key)[1])));
        return Optional.of(new AddressSummary(chain, canonical, attribution, totals,
                totals.isEmpty() ? 0 : first, totals.isEmpty() ? 0 : last));
    }

    /**
     * The assets with these keys (contract or {@link Asset#NATIVE}). A token seen in transfers but
     * without metadata comes back with an empty symbol and decimals.
     */
    public Map<String, Asset> assets(Chain chain, Collection<String> keys) {
        Map<String, Asset> result = new LinkedHashMap<>();
        for (String key : keys) {
            result.put(key, key.equals(Asset.NATIVE) ? Asset.nativeCoin(chain) : Asset.token(chain, key, null, null));
        }
        read(ASSETS_BY_KEYS, Map.of("chain", chain.id(), "keys", List.copyOf(keys)), r -> r).forEach(r -> {
            String key = r.get("contract").asString();
            if (!key.equals(Asset.NATIVE)) {
                result.put(key, asset(chain, r));
            }
        });
        return result;
    }

    /** The tokens with this ticker, by contract; several means look-alike tokens exist. */
    public List<Asset> assetsBySymbol(Chain chain, String symbol) {
        return read(ASSETS_BY_SYMBOL, Map.of("chain", chain.id(), "symbol", symbol), r -> asset(chain, r));
    }

    /** Every address of a chain with a service or sanction label, with those labels. */
    public List<AddressLabel> terminalLabels(Chain chain, Collection<String> serviceCategories) {
        return read(SERVICE_LABELS, Map.of("chain", chain.id(), "categories", List.copyOf(serviceCategories)),
                r -> new AddressLabel(chain, r.get("address").asString(), label(r.get("l"))));
    }

    /**
     * Unattributed addresses that sent at least once to an exchange (by label), each with the
     * recipient entity of every transfer it made: the input of the deposit-address heuristic.
     */
    public List<DepositCandidate> depositCandidates(Chain chain) {
        return read(DEPOSIT_CANDIDATES, Map.of("chain", chain.id()), r -> new DepositCandidate(
                r.get("address").asString(),
                r.get("outgoing").asList(o -> new DepositCandidate.Outgoing(o.get("txHash").asString(),
                        o.get("entity").isNull() ? Optional.empty() : Optional.of(entity(o.get("entity")))))));
    }

    // ---------------------------------------------------------------- account clustering

    private static final String APPROVALS = """
            MATCH (o:Address)-[a:APPROVED]->(s:Address) WHERE a.chain = $chain AND a.blockNumber IS NOT NULL
            RETURN a.txHash AS txHash, a.blockNumber AS blockNumber, a.txIndex AS txIndex, a.logIndex AS logIndex,
                   a.token AS token, o.address AS owner, s.address AS spender, a.amount AS amount
            ORDER BY blockNumber, txIndex, logIndex""";

    /** Token transfers grouped by payer, token and amount; groups with enough distinct payees come back whole. */
    private static final String EQUAL_AMOUNT_FAN_OUTS = """
            MATCH (t:Transfer) WHERE t.chain = $chain AND t.asset <> $native AND t.amount <> '0'
            MATCH (a:Address)-[:IN]->(t)-[:OUT]->(b:Address) WHERE a <> b
            WITH a, t.asset AS asset, t.amount AS amount, collect([t, b]) AS sent, count(DISTINCT b) AS payees
            WHERE payees >= $minPayees
            UNWIND sent AS s
            WITH a, s[0] AS t, s[1] AS b
            RETURN\s""" + TRANSFER_COLUMNS;

    private static final String TRAITS = """
            UNWIND $addresses AS address
            MATCH (a:Address {chain: $chain, address: address})
            CALL (a) {
              OPTIONAL MATCH (a)-[:IN]->(t:Transfer {asset: 'native', logIndex: -1})
              RETURN t.txHash AS sent ORDER BY t.blockNumber, t.txIndex LIMIT 1
            }
            RETURN address, sent,
                   EXISTS { MATCH (:Asset {chain: $chain, contract: address}) } AS tokenContract,
                   EXISTS { MATCH (a)-[:HAS_LABEL]->(l:Label) WHERE l.category IN $categories } AS serviceLabel,
                   [(a)-[:MEMBER_OF]->(e:Entity) | e] AS entities""";

    /** Addresses per traits query: one short read transaction each, whatever the number asked for. */
    private static final int TRAITS_PAGE = 10_000;

    private static final String WRITE_CLUSTERS = """
            UNWIND $rows AS r
            MERGE (e:Entity {id: r.id})
            SET e.name = r.name, e.searchName = toLower(r.name), e.category = r.category, e.kind = 'cluster',
                e.chain = r.chain""";

    /**
     * Every token approval stored for a chain, revocations (amount 0) included, in chain order. Reads
     * them all: the input of the self-authorisation heuristic.
     */
    public List<Approval> approvals(Chain chain) {
        return read(APPROVALS, Map.of("chain", chain.id()), r -> new Approval(chain, r.get("txHash").asString(),
                r.get("blockNumber").asLong(), r.get("txIndex").asInt(), r.get("logIndex").asInt(),
                r.get("token").asString(), r.get("owner").asString(), r.get("spender").asString(),
                new BigInteger(r.get("amount").asString())));
    }

    /**
     * The token transfers (not native, not zero) in which one payer sent one token in one amount
     * to at least {@code minPayees} distinct payees, over the chain's whole history: the shape of an
     * airdrop, before any window of blocks is applied. Reads every token transfer of the chain once.
     *
     * @param minPayees the least number of distinct payees of a (payer, token, amount), 2 or more
     * @return those transfers, in chain order
     * @throws IllegalArgumentException if {@code minPayees} is below 2
     */
    public List<Transfer> equalAmountFanOuts(Chain chain, int minPayees) {
        if (minPayees < 2) {
            throw new IllegalArgumentException("min payees must be 2 or more, was " + minPayees);
        }
        List<Transfer> result = new ArrayList<>(read(EQUAL_AMOUNT_FAN_OUTS, Map.of("chain", chain.id(),
                "native", Asset.NATIVE, "minPayees", minPayees), r -> transfer(chain, r)));
        result.sort(Transfer.CHAIN_ORDER);
        return result;
    }

    /**
     * What the graph shows about each address that account clustering needs; addresses the graph
     * does not hold are absent.
     *
     * @param serviceCategories the label categories that make an address a service's
     */
    public Map<String, AddressTraits> traits(Chain chain, Collection<String> addresses,
                                             Collection<String> serviceCategories) {
        Map<String, AddressTraits> result = new HashMap<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(addresses));
        for (int from = 0; from < all.size(); from += TRAITS_PAGE) {
            List<String> page = all.subList(from, Math.min(all.size(), from + TRAITS_PAGE));
            read(TRAITS, Map.of("chain", chain.id(), "addresses", page, "categories", List.copyOf(serviceCategories)),
                    r -> r).forEach(r -> {
                List<Entity> entities = new ArrayList<>(r.get("entities").asList(GraphStore::entity));
                entities.sort(Comparator.comparing(Entity::id));
                String address = r.get("address").asString();
                result.put(address, new AddressTraits(address,
                        r.get("sent").isNull() ? Optional.empty() : Optional.of(r.get("sent").asString()),
                        r.get("tokenContract").asBoolean(), r.get("serviceLabel").asBoolean(), entities));
            });
        }
        return result;
    }

    /**
     * Stores clusters an account heuristic made, with their memberships, in one transaction:
     * {@code (:Entity {id, name, category, kind: 'cluster', chain})}. Memberships may also name
     * existing entities. Idempotent; {@link #replaceEntities} removes them with the other
     * memberships of the chain.
     */
    public void addClusters(Chain chain, Collection<Entity> clusters, Collection<Membership> memberships) {
        List<Map<String, Object>> rows = clusters.stream().map(e -> Map.<String, Object>of("id", e.id(),
                "name", e.name(), "category", e.category(), "chain", chain.id())).toList();
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                run(tx, WRITE_CLUSTERS, rows);
                run(tx, WRITE_MEMBERSHIPS, memberships.stream().map(GraphStore::membershipRow).toList());
            });
        }
    }

    /** The highest block stored per chain: the data snapshot a result was computed on. One query. */
    @Override
    public Map<String, Long> lastBlocks() {
        Map<String, Long> result = new TreeMap<>();
        read(LAST_BLOCKS, Map.of("chains", Arrays.stream(Chain.values()).map(Chain::id).toList()), r -> r)
                .forEach(r -> result.put(r.get("chain").asString(), r.get("last").asLong()));
        return result;
    }

    /** Node counts per label and relationship counts per type, for operators and idempotency checks. */
    public Map<String, Long> counts() {
        Map<String, Long> result = new TreeMap<>();
        for (String label : List.of("Address", "Transfer", "Transaction", "Asset", "Block", "Label", "Entity",
                "Checkpoint", "LabelFile")) {
            // Labels cannot be parameters; these come from the fixed list above, never from input.
            result.put(label, read("MATCH (n:" + label + ") RETURN count(n) AS n", Map.of(), r -> r.get("n").asLong()).get(0));
        }
        for (String type : List.of("IN", "OUT", "HAS_LABEL", "MEMBER_OF", "APPROVED")) {
            result.put(":" + type, read("MATCH ()-[r:" + type + "]->() RETURN count(r) AS n", Map.of(),
                    r -> r.get("n").asLong()).get(0));
        }
        return result;
    }

    // ---------------------------------------------------------------- live ingest

    private static final String CHECKPOINT = """
            MATCH (c:Checkpoint {chain: $chain}) RETURN c.number AS number, c.hash AS hash""";

    private static final String BLOCK_HASHES = """
            MATCH (b:Block) WHERE b.chain = $chain AND b.number >= $from AND b.number <= $to
            RETURN b.number AS number, b.hash AS hash""";

    /** Deletes a chain's transfers above a block, then the addresses they leave with nothing. */
    private static final String ROLLBACK_TRANSFERS = """
            MATCH (t:Transfer) WHERE t.chain = $chain AND t.blockNumber > $keep
            OPTIONAL MATCH (a:Address)-[:IN]->(t)-[:OUT]->(b:Address)
            WITH collect(DISTINCT a) + collect(DISTINCT b) AS touched, collect(t) AS gone
            FOREACH (t IN gone | DETACH DELETE t)
            WITH touched
            UNWIND touched AS x
            WITH DISTINCT x WHERE NOT (x)--()
            DELETE x""";

    /** Deletes a chain's approvals above a block, then the addresses they leave with nothing. */
    private static final String ROLLBACK_APPROVALS = """
            MATCH (o:Address)-[a:APPROVED]->(s:Address) WHERE a.chain = $chain AND a.blockNumber > $keep
            WITH collect(DISTINCT o) + collect(DISTINCT s) AS touched, collect(a) AS gone
            FOREACH (a IN gone | DELETE a)
            WITH touched
            UNWIND touched AS x
            WITH DISTINCT x WHERE NOT (x)--()
            DELETE x""";

    /** The same for a UTXO chain's transactions, with their input and output edges. */
    private static final String ROLLBACK_TRANSACTIONS = """
            MATCH (t:Transaction) WHERE t.chain = $chain AND t.blockNumber > $keep
            OPTIONAL MATCH (t)--(a:Address)
            WITH collect(DISTINCT a) AS touched, collect(DISTINCT t) AS gone
            FOREACH (t IN gone | DETACH DELETE t)
            WITH touched
            UNWIND touched AS x
            WITH DISTINCT x WHERE NOT (x)--()
            DELETE x""";

    private static final String ROLLBACK_BLOCKS = """
            MATCH (b:Block) WHERE b.chain = $chain AND b.number > $keep
            DELETE b""";

    /** Where the live ingest of a chain stands, if it has stored anything. */
    public Optional<Checkpoint> checkpoint(Chain chain) {
        return read(CHECKPOINT, Map.of("chain", chain.id()),
                r -> new Checkpoint(chain, r.get("number").asLong(), r.get("hash").asString()))
                .stream().findFirst();
    }

    /** The stored hashes of a chain's blocks in {@code [from, to]}, by number (absent blocks are absent). */
    public Map<Long, String> blockHashes(Chain chain, long from, long to) {
        Map<Long, String> hashes = new TreeMap<>();
        read(BLOCK_HASHES, Map.of("chain", chain.id(), "from", from, "to", to),
                r -> Map.entry(r.get("number").asLong(), r.get("hash").asString()))
                .forEach(e -> hashes.put(e.getKey(), e.getValue()));
        return hashes;
    }

    /**
     * Undoes a reorganisation: deletes the chain's blocks, transfers and approvals (or UTXO transactions) above
     * {@code keep.number()} (and addresses left with nothing) and moves the checkpoint back to {@code keep}, all in one
     * transaction, so a crash mid-rollback leaves either the old data or the rolled-back state.
     */
    public void rollback(Checkpoint keep) {
        Map<String, Object> params = Map.of("chain", keep.chain().id(), "keep", keep.number());
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                if (!keep.chain().isUtxo()) {
                    tx.run(ROLLBACK_APPROVALS, params).consume();
                }
                tx.run(keep.chain().isUtxo() ? ROLLBACK_TRANSACTIONS : ROLLBACK_TRANSFERS, params).consume();
                tx.run(ROLLBACK_BLOCKS, params).consume();
                tx.run(WRITE_CHECKPOINT, Map.of("chain", keep.chain().id(), "number", keep.number(),
                        "hash", keep.hash())).consume();
            });
        }
    }

    // ---------------------------------------------------------------- bulk export

    // Keyset pages in natural-key order: each page is one short read transaction and an index
    // seek that starts where the last page ended, so neither side ever holds the whole graph.
    // Whole property maps travel, so a property added to the model later cannot be dropped
    // silently: Neo4jImportExport refuses a property it has no column for.

    /** The next chain after $after that has nodes of a label: one index seek per chain (a skip scan). */
    private static final Map<String, String> EXPORT_NEXT_CHAIN = Map.of(
            "Address", "MATCH (n:Address) WHERE n.chain > $after AND n.address IS NOT NULL"
                    + " RETURN n.chain AS chain ORDER BY n.chain, n.address LIMIT 1",
            "Block", "MATCH (n:Block) WHERE n.chain > $after AND n.number IS NOT NULL"
                    + " RETURN n.chain AS chain ORDER BY n.chain, n.number LIMIT 1",
            "Asset", "MATCH (n:Asset) WHERE n.chain > $after AND n.contract IS NOT NULL"
                    + " RETURN n.chain AS chain ORDER BY n.chain, n.contract LIMIT 1",
            "Checkpoint", "MATCH (n:Checkpoint) WHERE n.chain > $after"
                    + " RETURN n.chain AS chain ORDER BY n.chain LIMIT 1");

    private static final String EXPORT_CHECKPOINTS = """
            MATCH (c:Checkpoint) WHERE c.chain = $chain
            RETURN properties(c) AS node""";

    private static final String EXPORT_BLOCKS = """
            MATCH (b:Block) WHERE b.chain = $chain AND b.number > $after
            RETURN properties(b) AS node, b.number AS key
            ORDER BY b.chain, b.number LIMIT $limit""";

    private static final String EXPORT_ASSETS = """
            MATCH (s:Asset) WHERE s.chain = $chain AND s.contract > $after
            RETURN properties(s) AS node, s.contract AS key
            ORDER BY s.chain, s.contract LIMIT $limit""";

    private static final String EXPORT_ADDRESSES = """
            MATCH (a:Address) WHERE a.chain = $chain AND a.address > $after
            RETURN properties(a) AS node, a.address AS key,
                   [(a)-[h:HAS_LABEL]->(l:Label) | {label: l.key, properties: properties(h)}] AS labels,
                   [(a)-[m:MEMBER_OF]->(e:Entity) | {entity: e.id, properties: properties(m)}] AS memberships,
                   [(a)-[p:APPROVED]->(s:Address) | {chain: s.chain, address: s.address, properties: properties(p)}]
                     AS approvals
            ORDER BY a.chain, a.address LIMIT $limit""";

    private static final String EXPORT_TRANSFERS = """
            MATCH (t:Transfer) WHERE t.id > $after
            RETURN properties(t) AS node, t.id AS key,
                   [(p:Address)-[:IN]->(t) | {chain: p.chain, address: p.address}] AS payers,
                   [(t)-[:OUT]->(q:Address) | {chain: q.chain, address: q.address}] AS payees
            ORDER BY t.id LIMIT $limit""";

    private static final String EXPORT_LABELS = """
            MATCH (l:Label) WHERE l.key > $after
              AND ($chain IS NULL OR EXISTS { (:Address {chain: $chain})-[:HAS_LABEL]->(l) })
            RETURN properties(l) AS node, l.key AS key
            ORDER BY l.key LIMIT $limit""";

    private static final String EXPORT_LABEL_FILES = """
            MATCH (f:LabelFile) WHERE f.sha256 > $after
            RETURN properties(f) AS node, f.sha256 AS key
            ORDER BY f.sha256 LIMIT $limit""";

    private static final String EXPORT_ENTITIES = """
            MATCH (e:Entity) WHERE e.id > $after
              AND ($chain IS NULL OR EXISTS { (:Address {chain: $chain})-[:MEMBER_OF]->(e) })
            RETURN properties(e) AS node, e.id AS key
            ORDER BY e.id LIMIT $limit""";

    /** Every chain that has addresses, blocks, assets or a checkpoint, in order. */
    List<String> exportChains() {
        List<String> chains = new ArrayList<>();
        for (String cypher : EXPORT_NEXT_CHAIN.values()) {
            List<String> next = read(cypher, Map.of("after", ""), r -> r.get("chain").asString());
            while (!next.isEmpty()) {
                chains.add(next.get(0));
                next = read(cypher, Map.of("after", next.get(0)), r -> r.get("chain").asString());
            }
        }
        return chains.stream().distinct().sorted().toList();
    }

    /** The checkpoint of a chain as stored, if any: rows of {@code node} (its properties). */
    List<Map<String, Object>> exportCheckpoints(String chain) {
        return read(EXPORT_CHECKPOINTS, Map.of("chain", chain), Record::asMap);
    }

    /** Blocks of a chain numbered above {@code after}, by number: rows of {@code node}, {@code key}. */
    List<Map<String, Object>> exportBlocks(String chain, long after, int limit) {
        return read(EXPORT_BLOCKS, Map.of("chain", chain, "after", after, "limit", limit), Record::asMap);
    }

    /** Assets of a chain with contract above {@code after}, by contract: rows of {@code node}, {@code key}. */
    List<Map<String, Object>> exportAssets(String chain, String after, int limit) {
        return read(EXPORT_ASSETS, Map.of("chain", chain, "after", after, "limit", limit), Record::asMap);
    }

    /**
     * Addresses of a chain above {@code after}, by address: rows of {@code node}, {@code key},
     * {@code labels} (each attachment: {@code label} key and the relationship's {@code properties}),
     * {@code memberships} ({@code entity} id and the relationship's {@code properties}) and
     * {@code approvals} it gave (the spender's {@code chain} and {@code address}, and the
     * relationship's {@code properties}).
     */
    List<Map<String, Object>> exportAddresses(String chain, String after, int limit) {
        return read(EXPORT_ADDRESSES, Map.of("chain", chain, "after", after, "limit", limit), Record::asMap);
    }

    /**
     * Transfers with id above {@code after}, by id: rows of {@code node}, {@code key},
     * {@code payers} and {@code payees} ({@code chain}, {@code address}). A chain's transfers are
     * the run of ids after {@code "chain:"} that start with it (a STARTS WITH predicate would be the
     * seek and leave the range to a filter, rescanning the chain from its start on every page).
     */
    List<Map<String, Object>> exportTransfers(String after, int limit) {
        return read(EXPORT_TRANSFERS, Map.of("after", after, "limit", limit), Record::asMap);
    }

    /** Labels above {@code after} by key, only those on the chain's addresses when a chain is given. */
    List<Map<String, Object>> exportLabels(Optional<String> chain, String after, int limit) {
        Map<String, Object> params = new HashMap<>(Map.of("after", after, "limit", limit));
        params.put("chain", chain.orElse(null));
        return read(EXPORT_LABELS, params, Record::asMap);
    }

    /** The files labels came from, above {@code after} by SHA-256: rows of {@code node}, {@code key}. */
    List<Map<String, Object>> exportLabelFiles(String after, int limit) {
        return read(EXPORT_LABEL_FILES, Map.of("after", after, "limit", limit), Record::asMap);
    }

    /** Entities above {@code after} by id, only those with members on the chain when a chain is given. */
    List<Map<String, Object>> exportEntities(Optional<String> chain, String after, int limit) {
        Map<String, Object> params = new HashMap<>(Map.of("after", after, "limit", limit));
        params.put("chain", chain.orElse(null));
        return read(EXPORT_ENTITIES, params, Record::asMap);
    }

    // ---------------------------------------------------------------- patterns

    /** Each address's first outgoing transfer of the asset that moved anything (zero-value spam is skipped). */
    private static final String FIRST_TRANSFERS_FROM = """
            UNWIND $addresses AS address
            MATCH (a:Address {chain: $chain, address: address})
            CALL (a) {
              MATCH (a)-[:IN]->(t:Transfer {asset: $asset})-[:OUT]->(b:Address)
              WHERE t.amount <> '0'
              RETURN t, b ORDER BY t.blockNumber, t.txIndex, t.logIndex LIMIT 1
            }
            RETURN\s""" + TRANSFER_COLUMNS;

    /**
     * The given transfers whose payee had no earlier non-zero transfer of the same asset, in or out.
     * The existence check stops at the first earlier transfer it finds, so a busy payee costs little.
     */
    private static final String FRESH_PAYEE_TRANSFERS = """
            UNWIND $ids AS id
            MATCH (t:Transfer {id: id})-[:OUT]->(b:Address)
            WHERE NOT EXISTS {
              MATCH (b)-[:IN|OUT]-(u:Transfer {asset: t.asset})
              WHERE u.amount <> '0'
                AND (u.blockNumber < t.blockNumber
                  OR (u.blockNumber = t.blockNumber AND (u.txIndex < t.txIndex
                    OR (u.txIndex = t.txIndex AND u.logIndex < t.logIndex))))
            }
            RETURN t.id AS id""";

    /** Addresses paid by at least $minPayers distinct payers (mints and self-payments aside). */
    private static final String FAN_IN_CANDIDATES = """
            MATCH (t:Transfer {chain: $chain, asset: $asset})
            WHERE t.amount <> '0'
            MATCH (p:Address)-[:IN]->(t)-[:OUT]->(w:Address)
            WHERE p <> w AND p.address <> $zero
            WITH w, count(DISTINCT p) AS payers
            WHERE payers >= $minPayers
            RETURN w.address AS address, payers
            ORDER BY payers DESC, address
            LIMIT $limit""";

    /**
     * The first outgoing transfer of one asset of each address, skipping zero-value transfers
     * (address-poisoning spam moves nothing). Addresses that never sent the asset are left out.
     *
     * @param chain     the chain
     * @param assetKey  the token contract or {@link Asset#NATIVE}
     * @param addresses the payers, canonical form
     * @return address → its first outgoing transfer
     */
    public Map<String, Transfer> firstTransfersFrom(Chain chain, String assetKey, Collection<String> addresses) {
        Map<String, Transfer> result = new HashMap<>();
        transfers(FIRST_TRANSFERS_FROM, chain, assetKey, addresses).forEach(t -> result.putIfAbsent(t.from(), t));
        return result;
    }

    /**
     * Which of the transfers reached a fresh payee: one with no earlier non-zero transfer of the
     * same asset, received or sent, in chain order. A payee whose first movement of the asset is the
     * transfer itself is fresh.
     *
     * @param transfers stored transfers
     * @return the {@link Transfer#id()} of each transfer whose payee was fresh
     */
    public Set<String> transfersWithFreshPayee(Collection<Transfer> transfers) {
        if (transfers.isEmpty()) {
            return Set.of();
        }
        List<String> ids = transfers.stream().map(Transfer::id).distinct().toList();
        return Set.copyOf(read(FRESH_PAYEE_TRANSFERS, Map.of("ids", ids), r -> r.get("id").asString()));
    }

    /**
     * A graph-wide scan for fan-in: the addresses that received non-zero transfers of one asset
     * from at least {@code minPayers} distinct payers (the zero address and the address itself do
     * not count). Reads every transfer of the asset on the chain once.
     *
     * @param chain     the chain
     * @param assetKey  the token contract or {@link Asset#NATIVE}
     * @param minPayers the least number of distinct payers, 1 or more
     * @param limit     the most addresses returned, 1 or more
     * @return address → distinct payers, most payers first, then by address
     * @throws IllegalArgumentException if {@code minPayers} or {@code limit} is below 1
     */
    public Map<String, Long> fanInCandidates(Chain chain, String assetKey, int minPayers, int limit) {
        if (minPayers < 1) {
            throw new IllegalArgumentException("min payers must be 1 or more, was " + minPayers);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
        }
        Map<String, Long> result = new LinkedHashMap<>();
        read(FAN_IN_CANDIDATES, Map.of("chain", chain.id(), "asset", assetKey, "zero", chain.zeroAddress(),
                "minPayers", minPayers, "limit", limit), r -> r)
                .forEach(r -> result.put(r.get("address").asString(), r.get("payers").asLong()));
        return result;
    }

    private <T> List<T> read(String cypher, Map<String, Object> params, Function<Record, T> mapper) {
        return read(driver, cypher, params, mapper);
    }

    /** The read transaction a {@link #readTogether} call on this thread holds open, with its driver. */
    private record SharedRead(Driver driver, TransactionContext tx) {
    }

    private static final ThreadLocal<SharedRead> SHARED_READ = new ThreadLocal<>();

    /**
     * Runs {@code work} with every read it makes through the stores of this graph in one read
     * transaction, on one snapshot, instead of a session and a transaction per query: the fixed cost
     * of a small query is mostly that, and a request that asks many small questions (a screen of a
     * batch: a few per hop of each trace) pays it many times. A transient failure may run the work
     * again, so it must only read; a call inside another joins its transaction.
     *
     * @param work the reads, and what is computed from them
     * @return what the work returns
     */
    public <T> T readTogether(Supplier<T> work) {
        SharedRead outer = SHARED_READ.get();
        if (outer != null && outer.driver() == driver) {
            return work.get();
        }
        try (var session = driver.session()) {
            return session.executeRead(tx -> {
                SHARED_READ.set(new SharedRead(driver, tx));
                try {
                    return work.get();
                } finally {
                    if (outer == null) {
                        SHARED_READ.remove();
                    } else {
                        SHARED_READ.set(outer);
                    }
                }
            });
        }
    }

    /**
     * One read transaction, its records mapped: the read every store of this package makes (inside
     * {@link #readTogether}, a query of its transaction).
     */
    static <T> List<T> read(Driver driver, String cypher, Map<String, Object> params, Function<Record, T> mapper) {
        SharedRead shared = SHARED_READ.get();
        if (shared != null && shared.driver() == driver) {
            return shared.tx().run(cypher, params).list(mapper::apply);
        }
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run(cypher, params).list(mapper::apply));
        }
    }

    private static Asset asset(Chain chain, Record r) {
        return Asset.token(chain, r.get("contract").asString(),
                r.get("symbol").isNull() ? null : r.get("symbol").asString(),
                r.get("decimals").isNull() ? null : r.get("decimals").asInt());
    }

    static Label label(Value v) {
        return new Label(v.get("label").asString(), optional(v, "category"), optional(v, "abuse"),
                optional(v, "actor"), v.get("source").asString(""), optional(v, "confidence"));
    }

    static Entity entity(Value v) {
        return new Entity(v.get("id").asString(), v.get("name").asString(), v.get("category").asString(),
                optional(v, "confidence"));
    }

    private static Map<String, Object> entityRow(Entity e) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", e.id());
        row.put("name", e.name());
        row.put("category", e.category());
        row.put("confidence", e.confidence().orElse(null));
        return row;
    }

    static Optional<String> optional(Value v, String key) {
        Value x = v.get(key);
        return x == null || x.isNull() ? Optional.empty() : Optional.of(x.asString());
    }
}
