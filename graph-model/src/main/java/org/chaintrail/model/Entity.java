package org.chaintrail.model;

import java.util.Objects;

/**
 * A real-world owner of addresses: an exchange, a mixer, a scam operation.
 *
 * @param id       stable id derived from the attribution ({@code exchange:binance})
 * @param name     the name for people
 * @param category the TagPack category of the owner
 */
public record Entity(String id, String name, String category) {
    public Entity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
    }

    public boolean isService() {
        return ServiceCategory.of(category).isPresent();
    }
}
