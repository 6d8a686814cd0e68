package org.chaintrail.model;

import java.util.List;
import java.util.Optional;

/**
 * What is known about who controls an address.
 *
 * @param labels the labels on the address itself, in a stable order
 * @param entity the entity the address belongs to, by a label or a clustering heuristic
 * @param via    how it joined the entity ({@code label}, {@code deposit-address}), empty without one
 */
public record Attribution(List<Label> labels, Optional<Entity> entity, Optional<String> via) {
    public static final Attribution NONE = new Attribution(List.of(), Optional.empty(), Optional.empty());

    public Attribution {
        labels = List.copyOf(labels);
    }

    /** The stop category that stands for sanctioned parties (labels whose abuse is {@code sanction}). */
    public static final String SANCTION = "sanction";

    /**
     * A terminal absorbs taint: its own label is a service or a sanction, or its entity is a service.
     */
    public boolean isTerminal() {
        return labels.stream().anyMatch(Label::marksTerminal) || entity.filter(Entity::isService).isPresent();
    }

    /**
     * Whether a trace that stops at these categories stops here: a label's category or abuse
     * (TagPack concepts such as {@code exchange}, {@code scam}, {@value #SANCTION}) or the entity's
     * category is one of them.
     */
    public boolean isTerminal(java.util.Set<String> stopAt) {
        return labels.stream().anyMatch(l -> l.category().filter(stopAt::contains).isPresent()
                        || l.abuse().filter(stopAt::contains).isPresent())
                || entity.map(Entity::category).filter(stopAt::contains).isPresent();
    }

    /**
     * The concept that says most about the risk of dealing with this address: a label's abuse
     * ({@code scam}, {@code sanction}, ...) first, then the entity's category, then a label's category.
     */
    public Optional<String> riskConcept() {
        return labels.stream().flatMap(l -> l.abuse().stream()).sorted().findFirst().or(this::category);
    }

    /**
     * How far the entity attribution can be trusted: the weakest link from the address to the
     * entity's name. By its own label, the entity's confidence; by a rule (the deposit-address
     * heuristic), the lower of the entity's and the rule's; by a cluster, the cluster's, which
     * already holds its rules' weakest. Empty without an entity.
     */
    public Optional<ConfidenceLevel> confidence() {
        return entity.map(e -> {
            ConfidenceLevel named = ConfidenceLevel.ofId(e.confidence());
            String how = via.orElse("label");
            return how.equals("label") || how.equals("cluster") ? named
                    : ConfidenceLevel.weakest(named, ConfidenceLevel.ofLink(how));
        });
    }

    /** The category for reports: the entity's, else the first label's that has one. */
    public Optional<String> category() {
        return entity.map(Entity::category)
                .or(() -> labels.stream().flatMap(l -> l.category().stream()).findFirst());
    }
}
