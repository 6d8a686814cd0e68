package org.chaintrail.graph;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Entity;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/**
 * What an analyst's search box finds: entities by id or name, addresses by label text or by the
 * start of the address. Every match is a parameter, never query text.
 *
 * <p>Names and label texts are matched on their lower-cased copies ({@code Entity.searchName},
 * {@code Label.searchText}) through text indexes, which serve {@code CONTAINS} without reading
 * every node; address prefixes seek the {@code (chain, address)} index.
 */
public final class SearchStore {
    /*
     * Shared tail: the entities of the head (which may say AND ...), one row per chain of their
     * members, with how many members each has there.
     */
    private static final String ENTITY_ROWS = """
              AND ($chain IS NULL OR EXISTS { (e)<-[:MEMBER_OF]-(:Address {chain: $chain}) })
            WITH e ORDER BY e.name, e.id LIMIT $limit
            CALL (e) {
              MATCH (e)<-[:MEMBER_OF]-(a:Address) WHERE $chain IS NULL OR a.chain = $chain
              RETURN a.chain AS chain, count(DISTINCT a) AS addresses
            }
            RETURN e, chain, addresses ORDER BY e.name, e.id, chain""";

    private static final String ENTITY_BY_ID = """
            MATCH (e:Entity) WHERE e.id = $id
            """ + ENTITY_ROWS;

    static final String ENTITIES_BY_NAME = """
            MATCH (e:Entity) WHERE e.searchName CONTAINS $text
            """ + ENTITY_ROWS;

    static final String LABELLED_ADDRESSES = """
            MATCH (l:Label) WHERE l.searchText CONTAINS $text
            MATCH (a:Address)-[h:HAS_LABEL]->(l)
            WHERE h.retractedAt IS NULL AND ($chain IS NULL OR a.chain = $chain)
            WITH DISTINCT a.chain AS chain, a.address AS address
            RETURN chain, address ORDER BY address, chain LIMIT $limit""";

    // Ordering by both columns of the (chain, address) index lets each seek stop after $limit rows.
    private static final String PREFIXED_ADDRESSES = """
            UNWIND $chains AS chain
            UNWIND $prefixes AS prefix
            CALL (chain, prefix) {
              MATCH (a:Address) WHERE a.chain = chain AND a.address STARTS WITH prefix
              RETURN a.address AS address ORDER BY a.chain, a.address LIMIT $limit
            }
            RETURN DISTINCT chain, address ORDER BY address, chain LIMIT $limit""";

    private final Driver driver;

    SearchStore(Driver driver) {
        this.driver = driver;
    }

    /**
     * An entity and the number of its members on one chain.
     *
     * @param entity    the entity
     * @param chain     a chain where it has members
     * @param addresses how many members it has there
     */
    public record EntityMatch(Entity entity, Chain chain, long addresses) {
    }

    /** An address found, canonical form. */
    public record AddressMatch(Chain chain, String address) {
    }

    /**
     * The entity with this id, one row per chain of its members (only {@code chain} when given).
     *
     * @return empty if no entity has the id, or none of its members is on {@code chain}
     */
    public List<EntityMatch> entityById(String id, Optional<Chain> chain) {
        Map<String, Object> params = params(chain, 1);
        params.put("id", id);
        return entities(ENTITY_BY_ID, params);
    }

    /**
     * Entities whose name contains the text, case-insensitively: the first {@code limit} by name
     * and id, one row per chain of their members (so there may be more rows than {@code limit}).
     *
     * @param text lower case
     */
    public List<EntityMatch> entitiesByName(String text, Optional<Chain> chain, int limit) {
        Map<String, Object> params = params(chain, limit);
        params.put("text", text);
        return entities(ENTITIES_BY_NAME, params);
    }

    /**
     * Addresses carrying a label (not retracted) whose text contains the text, case-insensitively:
     * the first {@code limit} by address and chain.
     *
     * @param text lower case
     */
    public List<AddressMatch> addressesByLabel(String text, Optional<Chain> chain, int limit) {
        Map<String, Object> params = params(chain, limit);
        params.put("text", text);
        return GraphStore.read(driver, LABELLED_ADDRESSES, params, this::address);
    }

    /**
     * Addresses of these chains that start with any of the prefixes (as stored: canonical form):
     * the first {@code limit} by address and chain.
     */
    public List<AddressMatch> addressesByPrefix(Collection<Chain> chains, Collection<String> prefixes, int limit) {
        if (chains.isEmpty() || prefixes.isEmpty()) {
            return List.of();
        }
        return GraphStore.read(driver, PREFIXED_ADDRESSES, Map.of("chains", chains.stream().map(Chain::id).toList(),
                "prefixes", List.copyOf(prefixes), "limit", limit), this::address);
    }

    private List<EntityMatch> entities(String cypher, Map<String, Object> params) {
        return GraphStore.read(driver, cypher, params, r -> new EntityMatch(GraphStore.entity(r.get("e")),
                Chain.of(r.get("chain").asString()), r.get("addresses").asLong()));
    }

    private AddressMatch address(Record r) {
        return new AddressMatch(Chain.of(r.get("chain").asString()), r.get("address").asString());
    }

    private static Map<String, Object> params(Optional<Chain> chain, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("chain", chain.map(Chain::id).orElse(null));
        params.put("limit", limit);
        return params;
    }
}
