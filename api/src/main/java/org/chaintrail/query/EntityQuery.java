package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

import java.util.Optional;
import org.chaintrail.graph.GraphStore;

/**
 * An entity look-up as the CLI and the API receive it.
 *
 * @param id the entity id ({@code exchange:binance}, {@code cluster:bitcoin:1…})
 */
public record EntityQuery(String id) {
    /** Labels on members listed at most. */
    static final int LABELS = 100;
    /** Counterparties listed at most per chain and asset. */
    static final int COUNTERPARTIES = 10;

    public static String notFound(String id) {
        return "no entity " + id;
    }

    /**
     * @return the entity view, or empty if no entity has the id
     * @throws InvalidFieldException if the id is blank or too long to be one
     */
    public Optional<EntityView> run(GraphStore store) {
        String checked = check("id", () -> {
            if (id == null || id.isBlank() || id.length() > 200) {
                throw new IllegalArgumentException("an entity id is 1 to 200 characters, such as exchange:binance");
            }
            return id.trim();
        });
        return store.entities().page(checked, LABELS, COUNTERPARTIES).map(EntityView::of);
    }
}
