package org.chaintrail.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which of an address's transfers with other addresses a question is about.
 *
 * @param counterparty only those with this address (canonical form), or empty for every counterparty
 * @param assetKey     only this asset (token contract or {@link Asset#NATIVE}), or empty for every asset
 * @param directions   paid, was paid, or both; at least one
 */
public record FlowFilter(Optional<String> counterparty, Optional<String> assetKey, Set<FlowDirection> directions) {
    public FlowFilter {
        Objects.requireNonNull(counterparty, "counterparty");
        Objects.requireNonNull(assetKey, "assetKey");
        if (directions.isEmpty()) {
            throw new IllegalArgumentException("at least one direction is needed");
        }
        directions = Set.copyOf(EnumSet.copyOf(directions));
    }
}
