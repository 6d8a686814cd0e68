package org.chaintrail.model;

import java.util.Objects;
import java.util.Optional;

/**
 * An attribution of an address, as a TagPack tag states it.
 *
 * @param label      the name given to the address ("Binance 14")
 * @param category   the TagPack concept ({@code exchange}, {@code mixing_service}, ...), or empty
 * @param abuse      the abuse concept ({@code scam}, {@code sanction}, ...), or empty
 * @param actor      the TagPack actor (the real-world entity, "binance"), or empty
 * @param source     where the attribution comes from (a URL or a document)
 * @param confidence the TagPack confidence level ({@code service_data}, {@code forensic}, ...), or empty
 */
public record Label(String label, Optional<String> category, Optional<String> abuse,
                    Optional<String> actor, String source, Optional<String> confidence) {
    public Label {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(abuse, "abuse");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(confidence, "confidence");
        source = source == null ? "" : source;
    }

    /** True if this label makes its address a terminal: a service, or a sanctioned party. */
    public boolean marksTerminal() {
        return category.flatMap(ServiceCategory::of).isPresent() || abuse.filter("sanction"::equals).isPresent();
    }
}
