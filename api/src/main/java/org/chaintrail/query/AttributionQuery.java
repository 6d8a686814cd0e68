package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;

/**
 * Who each of a batch of addresses belongs to ({@code POST /api/v1/attributions}): what the web UI
 * labels a graph's nodes with, in one request.
 *
 * @param chain     chain id
 * @param addresses the addresses, any case, as many as the limits allow
 */
public record AttributionQuery(String chain, List<String> addresses) {

    /**
     * @param chain        chain id
     * @param attributions by canonical address, every address asked for
     */
    public record Result(String chain, Map<String, Attributed> attributions) {
    }

    /**
     * @param labels   the texts of its labels (not retracted), each once
     * @param category the concept that says most about the risk of dealing with it (a label's abuse
     *                 such as {@code scam} first, then its entity's category, then a label's), or null
     * @param entity   its entity, or null
     */
    public record Attributed(List<String> labels, String category, AttributedEntity entity) {
    }

    /** @param via how the address joined the entity: {@code label} or a heuristic such as {@code deposit-address} */
    public record AttributedEntity(String id, String name, String category, String via) {
    }

    /**
     * @param limits how many addresses one call may name
     * @throws InvalidFieldException naming the field at fault
     */
    public Result run(GraphStore store, QueryLimits limits) {
        Chain c = check("chain", () -> Chain.of(chain));
        if (addresses == null) {
            throw new InvalidFieldException("addresses", "required: an array of up to " + limits.maxAddresses()
                    + " addresses");
        }
        if (addresses.size() > limits.maxAddresses()) {
            throw new InvalidFieldException("addresses", "at most " + limits.maxAddresses() + " per call, was "
                    + addresses.size());
        }
        Set<String> canonical = new LinkedHashSet<>();
        for (int i = 0; i < addresses.size(); i++) {
            String a = addresses.get(i);
            canonical.add(check("addresses[" + i + "]", () -> c.canonicalAddress(a)));
        }
        Map<String, Attribution> found = store.attributions(c, canonical);
        Map<String, Attributed> result = new TreeMap<>();
        for (String a : canonical) {
            Attribution who = found.getOrDefault(a, Attribution.NONE);
            result.put(a, new Attributed(labelTexts(who), who.riskConcept().orElse(null), who.entity()
                    .map(e -> new AttributedEntity(e.id(), e.name(), e.category(), who.via().orElse(null)))
                    .orElse(null)));
        }
        return new Result(c.id(), result);
    }

    /** The texts of an address's labels, each once, in the attribution's order. */
    static List<String> labelTexts(Attribution a) {
        return a.labels().stream().map(Label::label).distinct().toList();
    }

    /** Its entity as the search and counterparty answers name it, or null. */
    static TraceResult.EntityRef entity(Attribution a) {
        return a.entity().map(e -> new TraceResult.EntityRef(e.id(), e.name(), e.category())).orElse(null);
    }
}
