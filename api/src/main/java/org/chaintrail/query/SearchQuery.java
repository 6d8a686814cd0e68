package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.SearchStore.AddressMatch;
import org.chaintrail.graph.SearchStore.EntityMatch;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Chain;

/**
 * What an analyst types into the search box ({@code GET /api/v1/search}). A full address of a chain
 * finds that address; an entity id finds that entity; any other text finds entities whose name
 * contains it, addresses with a label that contains it (both case-insensitively) and addresses
 * that start with it, from {@value #MIN_PREFIX} characters (after {@code 0x} for hex).
 *
 * @param q     the text, 1..{@value #MAX_LENGTH} characters
 * @param chain only this chain, or null for every chain
 * @param limit results at most, 1..{@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT})
 */
public record SearchQuery(String q, String chain, Integer limit) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    static final int MAX_LENGTH = 200;
    static final int MIN_PREFIX = 6;

    private static final Pattern HEX_PREFIX = Pattern.compile("0[xX][0-9a-fA-F]{" + MIN_PREFIX + ",}");
    private static final Pattern BASE58_PREFIX = Pattern.compile("[1-9A-HJ-NP-Za-km-z]{" + MIN_PREFIX + ",}");
    private static final Pattern BECH32_PREFIX = Pattern.compile("(?i)bc1[02-9ac-hj-np-z]{" + (MIN_PREFIX - 3) + ",}");

    /**
     * @param query     the text searched, trimmed
     * @param results   entities first, by name, then addresses, by address
     * @param truncated whether the limit left results out
     */
    public record Result(String query, List<Hit> results, boolean truncated) {
    }

    /** A search result: an entity or an address. */
    public sealed interface Hit permits EntityHit, AddressHit {
    }

    /**
     * @param kind      {@code entity}
     * @param chain     a chain where it has members (an entity with members on two chains is two results)
     * @param addresses how many members it has there
     */
    public record EntityHit(String kind, String chain, String id, String name, String category, long addresses)
            implements Hit {
    }

    /**
     * @param kind   {@code address}
     * @param labels the texts of its labels
     * @param entity its entity, or null
     */
    public record AddressHit(String kind, String chain, String address, List<String> labels,
                             TraceResult.EntityRef entity) implements Hit {
    }

    /**
     * @throws InvalidFieldException naming the field at fault
     */
    public Result run(GraphStore store) {
        String text = check("q", () -> {
            if (q == null || q.isBlank() || q.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("required: 1 to " + MAX_LENGTH
                        + " characters of an address, an entity id, a name or a label");
            }
            return q.trim();
        });
        List<Chain> chains = chain == null ? List.of(Chain.values()) : List.of(check("chain", () -> Chain.of(chain)));
        int max = QueryLimits.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return store.readTogether(() -> search(store, text, chains, max));
    }

    private Result search(GraphStore store, String text, List<Chain> chains, int max) {
        Optional<Chain> only = chains.size() == 1 ? Optional.of(chains.get(0)) : Optional.empty();
        List<AddressMatch> exact = new ArrayList<>();
        for (Chain c : chains) {
            try {
                exact.add(new AddressMatch(c, c.canonicalAddress(text)));
            } catch (IllegalArgumentException notThisChain) {
                // an address of another chain, or no address at all
            }
        }
        if (!exact.isEmpty()) {
            List<AddressMatch> held = exact.stream().filter(a -> CounterpartyQuery.known(store, a.chain(), a.address()))
                    .toList();
            return result(store, text, List.of(), held, max);
        }
        List<EntityMatch> byId = store.search().entityById(text, only);
        if (!byId.isEmpty()) {
            return result(store, text, byId, List.of(), max);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<EntityMatch> entities = store.search().entitiesByName(lower, only, max + 1);
        List<AddressMatch> addresses = new ArrayList<>(store.search().addressesByLabel(lower, only, max + 1));
        prefixes(text, chains).forEach((prefix, on) -> addresses.addAll(store.search()
                .addressesByPrefix(on, List.of(prefix), max + 1)));
        return result(store, text, entities, addresses, max);
    }

    /** Each prefix the text may be the start of, with the chains whose addresses could start with it. */
    private static Map<String, List<Chain>> prefixes(String text, List<Chain> chains) {
        Map<String, List<Chain>> result = new LinkedHashMap<>();
        if (HEX_PREFIX.matcher(text).matches()) {
            result.put(text.toLowerCase(Locale.ROOT), chains.stream().filter(c -> !c.isUtxo() && !c.isTron()).toList());
            return result;
        }
        if (BASE58_PREFIX.matcher(text).matches()) {
            result.put(text, chains.stream().filter(c -> c.isUtxo() || c.isTron()).toList());
        }
        if (BECH32_PREFIX.matcher(text).matches()) {
            result.merge(text.toLowerCase(Locale.ROOT), chains.stream().filter(Chain::isUtxo).toList(),
                    (a, b) -> a);
        }
        return result;
    }

    /** Entities by name, then addresses by address, {@code max} at most; attributions only for those kept. */
    private static Result result(GraphStore store, String text, List<EntityMatch> entities,
                                 List<AddressMatch> addresses, int max) {
        List<EntityMatch> keptEntities = entities.stream().limit(max).toList();
        TreeSet<AddressMatch> sorted = new TreeSet<>(Comparator.comparing(AddressMatch::address)
                .thenComparing(a -> a.chain().id()));
        sorted.addAll(addresses);
        List<AddressMatch> keptAddresses = sorted.stream().limit(max - keptEntities.size()).toList();
        boolean truncated = entities.size() + sorted.size() > max;

        List<Hit> hits = new ArrayList<>();
        keptEntities.forEach(e -> hits.add(new EntityHit("entity", e.chain().id(), e.entity().id(), e.entity().name(),
                e.entity().category(), e.addresses())));
        Map<Chain, List<String>> byChain = new LinkedHashMap<>();
        keptAddresses.forEach(a -> byChain.computeIfAbsent(a.chain(), c -> new ArrayList<>()).add(a.address()));
        Map<Chain, Map<String, Attribution>> who = new LinkedHashMap<>();
        byChain.forEach((c, list) -> who.put(c, store.attributions(c, list)));
        for (AddressMatch a : keptAddresses) {
            Attribution attribution = who.get(a.chain()).getOrDefault(a.address(), Attribution.NONE);
            hits.add(new AddressHit("address", a.chain().id(), a.address(), AttributionQuery.labelTexts(attribution),
                    AttributionQuery.entity(attribution)));
        }
        return new Result(text, hits, truncated);
    }
}
