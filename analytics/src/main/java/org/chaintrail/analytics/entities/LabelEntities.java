package org.chaintrail.analytics.entities;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Chain;
import org.chaintrail.model.ConfidenceLevel;
import org.chaintrail.model.Entity;
import org.chaintrail.model.Label;
import org.chaintrail.model.Membership;
import org.chaintrail.model.ServiceCategory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups service-labelled addresses into entities: one entity per TagPack actor (or, without an
 * actor, per label text) and category. The entity's name is the shortest label among its
 * addresses ("Harbor Exchange" rather than "Harbor Exchange hot wallet 3").
 *
 * <p>An entity is as trustworthy as its best label: its confidence is the highest of its labels'
 * TagPack confidence levels.
 *
 * <p>An address whose labels name two service entities is a conflict; it joins the first by id
 * and the conflict is logged, never merged silently.
 */
public final class LabelEntities {
    private static final Logger LOG = LoggerFactory.getLogger(LabelEntities.class);

    private final Chain chain;
    private final List<AddressLabel> labels;

    /**
     * @param chain  the chain
     * @param labels the terminal labels of the chain (services and sanctions)
     */
    public LabelEntities(Chain chain, List<AddressLabel> labels) {
        this.chain = chain;
        this.labels = List.copyOf(labels);
    }

    /** The entities and their label-based memberships, both in a stable order. */
    public Result compute() {
        Map<String, List<String>> namesById = new TreeMap<>();
        Map<String, String> categoryById = new TreeMap<>();
        Map<String, ConfidenceLevel> confidenceById = new TreeMap<>();
        Map<String, List<String>> entitiesByAddress = new TreeMap<>();
        for (AddressLabel al : labels) {
            Label l = al.label();
            if (l.category().flatMap(ServiceCategory::of).isEmpty()) {
                continue; // sanctioned but no service: a terminal by its label, not an entity
            }
            String category = l.category().orElseThrow();
            String id = category + ":" + slug(l.actor().orElse(l.label()));
            namesById.computeIfAbsent(id, k -> new ArrayList<>()).add(l.label());
            categoryById.put(id, category);
            ConfidenceLevel c = ConfidenceLevel.ofId(l.confidence());
            confidenceById.merge(id, c, (a, b) -> b.level() > a.level() ? b : a);
            List<String> ids = entitiesByAddress.computeIfAbsent(al.address(), k -> new ArrayList<>());
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        List<Entity> entities = new ArrayList<>();
        namesById.forEach((id, names) -> entities.add(new Entity(id,
                names.stream().min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
                        .orElseThrow(), categoryById.get(id), Optional.of(confidenceById.get(id).id()))));
        List<Membership> memberships = new ArrayList<>();
        entitiesByAddress.forEach((address, ids) -> {
            List<String> sorted = ids.stream().sorted().toList();
            if (sorted.size() > 1) {
                LOG.warn("attribution conflict on {} {}: labels name {}; joined {}", chain.id(), address, sorted,
                        sorted.get(0));
            }
            memberships.add(new Membership(chain, address, sorted.get(0), "label", List.of()));
        });
        return new Result(entities, memberships);
    }

    /** A lower-case id fragment: letters and digits, runs of anything else as one underscore. */
    static String slug(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return slug.isEmpty() ? "unnamed" : slug;
    }

    /**
     * @param entities    the entities, by id
     * @param memberships one per labelled address
     */
    public record Result(List<Entity> entities, List<Membership> memberships) {
        public Result {
            entities = List.copyOf(entities);
            memberships = List.copyOf(memberships);
        }
    }
}
