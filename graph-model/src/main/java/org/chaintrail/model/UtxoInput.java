package org.chaintrail.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One input of a non-coinbase transaction: it spends a whole earlier output.
 *
 * @param index the input's position in its transaction (vin)
 * @param spent the output it spends
 * @param prevout that output (its value and address), when known: a node's verbosity-3 block or an
 *                enriched export carries it; otherwise the ingestor resolves it before writing
 */
public record UtxoInput(int index, OutPoint spent, Optional<UtxoOutput> prevout) {
    public UtxoInput {
        Objects.requireNonNull(spent, "spent");
        Objects.requireNonNull(prevout, "prevout");
        if (index < 0) {
            throw new IllegalArgumentException("input index must not be negative, was " + index);
        }
        if (prevout.isPresent() && prevout.get().index() != spent.vout()) {
            throw new IllegalArgumentException("input " + index + " spends " + spent + " but its prevout is output "
                    + prevout.get().index());
        }
    }

    /** The same input with its spent output resolved. */
    public UtxoInput resolved(UtxoOutput output) {
        return new UtxoInput(index, spent, Optional.of(output));
    }
}
