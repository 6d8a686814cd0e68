package org.chaintrail.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A real-world owner of addresses: an exchange, a mixer, a scam operation.
 *
 * @param id       stable id derived from the attribution ({@code exchange:binance})
 * @param name     the name for people
 * @param category   the TagPack category of the owner
 * @param confidence how far its name can be trusted (a TagPack confidence id): the best of its
 *                   own labels, or for a cluster named by a member's label, the weakest link
 */
public record Entity(String id, String name, String category, Optional<String> confidence) {
    public Entity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(confidence, "confidence");
    }

    /** An entity whose confidence is not known. */
    public Entity(String id, String name, String category) {
        this(id, name, category, Optional.empty());
    }

    public boolean isService() {
        return ServiceCategory.of(category).isPresent();
    }
}
