package org.chaintrail.graph;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.chaintrail.model.Alert;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Entity;
import org.chaintrail.model.Watch;
import org.chaintrail.model.Webhook;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Watchlists and the alerts they raise:
 *
 * <pre>
 * (:Watch {id, caseId, chain, address, asset, model, maxHops, sinceBlock, addedBy, addedAt,
 *          checkedThrough, removedBy, removedAt})
 * (:Alert {id, watchId, caseId, chain, watched, terminal, entityId, entityName, entityCategory, category,
 *          asset, contract, amount, txHash, blockNumber, timestamp, hops, raisedAt,
 *          attempts, deliveredAt, lastError})
 * (:Webhook {key: 'alerts', url, secret, setBy, setAt})
 * </pre>
 *
 * A watch belongs to a {@code (:Case {id})} by its id and is only added while that case exists. A
 * removed watch stays, marked with who removed it and when, and raises nothing more; its alerts stay.
 * An alert is merged on its id ({@link Alert#idOf}), so a check that finds it again adds nothing.
 * Times are UTC text to the millisecond, as {@link LabelStore} writes them; {@code timestamp} is the
 * block's time in epoch seconds, as on a {@code Transfer}.
 */
public final class WatchStore {
    private static final String WEBHOOK_KEY = "alerts";

    private static final String CASE_EXISTS = """
            RETURN EXISTS { MATCH (:Case {id: $caseId}) } AS found""";

    /** An active watch of the case on the same address, asset, model and hop limit. */
    private static final String SAME_WATCH = """
            MATCH (w:Watch {caseId: $caseId, chain: $chain, address: $address, asset: $asset, model: $model,
                            maxHops: $maxHops})
            WHERE w.removedAt IS NULL
            RETURN w ORDER BY w.addedAt, w.id LIMIT 1""";

    private static final String ADD = """
            CREATE (w:Watch)
            SET w = $watch""";

    private static final String ACTIVE_OF_CHAIN = """
            MATCH (w:Watch {chain: $chain}) WHERE w.removedAt IS NULL
            RETURN w ORDER BY w.addedAt, w.id""";

    private static final String ACTIVE_OF_CASE = """
            MATCH (w:Watch {caseId: $caseId}) WHERE w.removedAt IS NULL
            RETURN w ORDER BY w.addedAt, w.id""";

    private static final String ACTIVE = """
            MATCH (w:Watch) WHERE w.removedAt IS NULL
            RETURN w ORDER BY w.caseId, w.addedAt, w.id""";

    private static final String REMOVE = """
            MATCH (w:Watch {id: $id, caseId: $caseId}) WHERE w.removedAt IS NULL
            SET w.removedBy = $by, w.removedAt = $at
            RETURN w""";

    private static final String CHECKED = """
            MATCH (w:Watch {id: $id})
            SET w.checkedThrough = $block""";

    /* Merged on the id: only alerts not stored yet are created, and come back. */
    private static final String RAISE = """
            UNWIND $rows AS r
            MERGE (a:Alert {id: r.id})
              ON CREATE SET a += r, a.attempts = 0, a.raisedNow = true
            WITH a, a.raisedNow AS created
            REMOVE a.raisedNow
            WITH a WHERE created
            RETURN a.id AS id""";

    private static final String ALERT_ORDER = " ORDER BY a.raisedAt, a.blockNumber, a.txHash, a.terminal, a.id";

    private static final String ALERTS_OF_CASE = """
            MATCH (a:Alert {caseId: $caseId})
            RETURN a""" + ALERT_ORDER;

    private static final String ALERTS_SINCE = """
            MATCH (a:Alert) WHERE a.raisedAt >= $since
            RETURN a""" + ALERT_ORDER;

    private static final String UNDELIVERED = """
            MATCH (a:Alert) WHERE a.deliveredAt IS NULL
            RETURN a""" + ALERT_ORDER;

    private static final String DELIVERY = """
            MATCH (a:Alert {id: $id})
            SET a.attempts = $attempts, a.deliveredAt = $deliveredAt, a.lastError = $lastError""";

    private static final String SET_WEBHOOK = """
            MERGE (h:Webhook {key: $key})
            SET h.url = $url, h.secret = $secret, h.setBy = $setBy, h.setAt = $setAt""";

    private static final String WEBHOOK = """
            MATCH (h:Webhook {key: $key}) RETURN h""";

    private final Driver driver;

    WatchStore(Driver driver) {
        this.driver = driver;
    }

    /** What {@link #add} did. */
    public sealed interface Addition {
    }

    /** The watch was stored. */
    public record Added(Watch watch) implements Addition {
    }

    /** No {@code (:Case {id})} has the watch's case id: nothing was stored. */
    public record NoSuchCase(String caseId) implements Addition {
    }

    /** The case already watches the address with the same asset, model and hop limit: nothing was stored. */
    public record AlreadyWatched(Watch existing) implements Addition {
    }

    /**
     * Adds a watch to its case, in one transaction, unless the case does not exist or already
     * watches the same address with the same asset, model and hop limit (whatever the first block:
     * two such watches would raise every alert twice).
     */
    public Addition add(Watch watch) {
        Map<String, Object> same = Map.of("caseId", watch.caseId(), "chain", watch.chain().id(),
                "address", watch.address(), "asset", watch.asset(), "model", watch.model(),
                "maxHops", watch.maxHops());
        try (var session = driver.session()) {
            return session.executeWrite(tx -> {
                if (!tx.run(CASE_EXISTS, Map.of("caseId", watch.caseId())).single().get("found").asBoolean()) {
                    return new NoSuchCase(watch.caseId());
                }
                var existing = tx.run(SAME_WATCH, same).list(r -> watch(r.get("w")));
                if (!existing.isEmpty()) {
                    return new AlreadyWatched(existing.get(0));
                }
                tx.run(ADD, Map.of("watch", watchRow(watch))).consume();
                return new Added(watch);
            });
        }
    }

    /**
     * The watches of a chain that have not been removed, oldest first: one indexed read, what an
     * ingest pays after each commit when nobody watches the chain.
     */
    public List<Watch> active(Chain chain) {
        return read(ACTIVE_OF_CHAIN, Map.of("chain", chain.id()), r -> watch(r.get("w")));
    }

    /** The watches of a case that have not been removed, oldest first. */
    public List<Watch> ofCase(String caseId) {
        return read(ACTIVE_OF_CASE, Map.of("caseId", caseId), r -> watch(r.get("w")));
    }

    /** Every watch not removed, by case, oldest first. */
    public List<Watch> active() {
        return read(ACTIVE, Map.of(), r -> watch(r.get("w")));
    }

    /**
     * Removes a watch from its case: it stays in the graph, marked, and raises nothing more; its
     * alerts stay.
     *
     * @return the watch removed, or empty if the case has no such watch (or it was removed already)
     */
    public Optional<Watch> remove(String caseId, String watchId, String by, Instant at) {
        Map<String, Object> params = Map.of("id", watchId, "caseId", caseId, "by", by, "at", LabelStore.stamp(at));
        try (var session = driver.session()) {
            return session.executeWrite(tx -> tx.run(REMOVE, params).list(r -> watch(r.get("w")))).stream().findFirst();
        }
    }

    /** Records the last block a check of the watch covered. */
    public void checked(String watchId, long block) {
        write(CHECKED, Map.of("id", watchId, "block", block));
    }

    /**
     * Stores the alerts not stored yet, in one transaction.
     *
     * @return the ids of those that were new
     */
    public Set<String> raise(Collection<Alert> alerts) {
        if (alerts.isEmpty()) {
            return Set.of();
        }
        List<Map<String, Object>> rows = alerts.stream().map(WatchStore::alertRow).toList();
        try (var session = driver.session()) {
            return Set.copyOf(session.executeWrite(tx -> tx.run(RAISE, Map.of("rows", rows))
                    .list(r -> r.get("id").asString())));
        }
    }

    /** A case's alerts, in the order they were raised, then in chain order. */
    public List<Alert> alertsOfCase(String caseId) {
        return read(ALERTS_OF_CASE, Map.of("caseId", caseId), r -> alert(r.get("a")));
    }

    /** Every alert raised at or after {@code since}, in the order they were raised, then in chain order. */
    public List<Alert> alertsSince(Instant since) {
        return read(ALERTS_SINCE, Map.of("since", LabelStore.stamp(since)), r -> alert(r.get("a")));
    }

    /** The alerts the webhook has not accepted yet, oldest first. */
    public List<Alert> undelivered() {
        return read(UNDELIVERED, Map.of(), r -> alert(r.get("a")));
    }

    /** Records where an alert's delivery stands. */
    public void recordDelivery(String alertId, Alert.Delivery delivery) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", alertId);
        params.put("attempts", delivery.attempts());
        params.put("deliveredAt", delivery.deliveredAt().map(LabelStore::stamp).orElse(null));
        params.put("lastError", delivery.lastError().orElse(null));
        write(DELIVERY, params);
    }

    /** Sets the webhook alerts are POSTed to, replacing the one before. */
    public void setWebhook(Webhook webhook) {
        write(SET_WEBHOOK, Map.of("key", WEBHOOK_KEY, "url", webhook.url().toString(), "secret", webhook.secret(),
                "setBy", webhook.setBy(), "setAt", LabelStore.stamp(webhook.setAt())));
    }

    /** The webhook alerts are POSTed to, if one is set. */
    public Optional<Webhook> webhook() {
        return read(WEBHOOK, Map.of("key", WEBHOOK_KEY), r -> {
            Value h = r.get("h");
            return new Webhook(URI.create(h.get("url").asString()), h.get("secret").asString(),
                    h.get("setBy").asString(), Instant.parse(h.get("setAt").asString()));
        }).stream().findFirst();
    }

    private static Map<String, Object> watchRow(Watch w) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", w.id());
        row.put("caseId", w.caseId());
        row.put("chain", w.chain().id());
        row.put("address", w.address());
        row.put("asset", w.asset());
        row.put("model", w.model());
        row.put("maxHops", w.maxHops());
        row.put("sinceBlock", w.sinceBlock());
        row.put("addedBy", w.addedBy());
        row.put("addedAt", LabelStore.stamp(w.addedAt()));
        w.checkedThrough().ifPresent(b -> row.put("checkedThrough", b));
        return row;
    }

    private static Watch watch(Value w) {
        Value checked = w.get("checkedThrough");
        return new Watch(w.get("id").asString(), w.get("caseId").asString(), Chain.of(w.get("chain").asString()),
                w.get("address").asString(), w.get("asset").asString(), w.get("model").asString(),
                w.get("maxHops").asInt(), w.get("sinceBlock").asLong(), w.get("addedBy").asString(),
                Instant.parse(w.get("addedAt").asString()),
                checked.isNull() ? OptionalLong.empty() : OptionalLong.of(checked.asLong()));
    }

    /** The alert's facts; the delivery state is written by {@link #recordDelivery} alone. */
    private static Map<String, Object> alertRow(Alert a) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", a.id());
        row.put("watchId", a.watchId());
        row.put("caseId", a.caseId());
        row.put("chain", a.chain().id());
        row.put("watched", a.watched());
        row.put("terminal", a.terminal());
        a.entity().ifPresent(e -> {
            row.put("entityId", e.id());
            row.put("entityName", e.name());
            row.put("entityCategory", e.category());
        });
        row.put("category", a.category().orElse(null));
        row.put("asset", a.asset());
        row.put("contract", a.contract().orElse(null));
        row.put("amount", a.amount());
        row.put("txHash", a.txHash());
        row.put("blockNumber", a.blockNumber());
        row.put("timestamp", a.timestamp().getEpochSecond());
        row.put("hops", a.hops());
        row.put("raisedAt", LabelStore.stamp(a.raisedAt()));
        return row;
    }

    private static Alert alert(Value a) {
        Optional<Entity> entity = a.get("entityId").isNull() ? Optional.empty()
                : Optional.of(new Entity(a.get("entityId").asString(), a.get("entityName").asString(),
                        a.get("entityCategory").asString()));
        Alert.Delivery delivery = new Alert.Delivery(a.get("attempts").asInt(0),
                GraphStore.optional(a, "deliveredAt").map(Instant::parse), GraphStore.optional(a, "lastError"));
        return new Alert(a.get("id").asString(), a.get("watchId").asString(), a.get("caseId").asString(),
                Chain.of(a.get("chain").asString()), a.get("watched").asString(), a.get("terminal").asString(),
                entity, GraphStore.optional(a, "category"), a.get("asset").asString(), GraphStore.optional(a, "contract"),
                a.get("amount").asString(), a.get("txHash").asString(), a.get("blockNumber").asLong(),
                Instant.ofEpochSecond(a.get("timestamp").asLong()), a.get("hops").asInt(),
                Instant.parse(a.get("raisedAt").asString()), delivery);
    }

    private void write(String cypher, Map<String, Object> params) {
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run(cypher, params).consume());
        }
    }

    private <T> List<T> read(String cypher, Map<String, Object> params, Function<Record, T> mapper) {
        return GraphStore.read(driver, cypher, params, mapper);
    }
}
