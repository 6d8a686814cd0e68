package org.chaintrail.ingest.bitcoin;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What a UTXO ingest stored.
 *
 * @param source       the source, described
 * @param blocks       blocks written
 * @param transactions transactions written (coinbases included)
 * @param inputs       inputs written
 * @param outputs      outputs written
 * @param fees         the sum of the written transactions' fees, satoshi
 * @param resolved     where the spent outputs of inputs were found
 * @param lastBlock    the last block written, if any
 * @param rolledBack   blocks rolled back because the node reorganised them away
 * @param elapsed      wall-clock time
 * @param stopped      whether the run was asked to stop before its source ended
 */
public record UtxoIngestReport(String source, long blocks, long transactions, long inputs, long outputs, long fees,
                               PrevoutSources resolved, OptionalLong lastBlock, long rolledBack, Duration elapsed,
                               boolean stopped) {

    /** Nothing stored. */
    public static UtxoIngestReport empty(String source) {
        return new UtxoIngestReport(source, 0, 0, 0, 0, 0, new PrevoutSources(0, 0, 0), OptionalLong.empty(), 0,
                Duration.ZERO, false);
    }

    /** This run followed by a later one of the same ingest. */
    public UtxoIngestReport plus(UtxoIngestReport later) {
        return new UtxoIngestReport(source, blocks + later.blocks, transactions + later.transactions,
                inputs + later.inputs, outputs + later.outputs, fees + later.fees,
                new PrevoutSources(resolved.cache() + later.resolved.cache(),
                        resolved.graph() + later.resolved.graph(), resolved.source() + later.resolved.source()),
                later.lastBlock.isPresent() ? later.lastBlock : lastBlock, rolledBack + later.rolledBack,
                elapsed.plus(later.elapsed), stopped || later.stopped);
    }

    public UtxoIngestReport withRolledBack(long blocksRolledBack) {
        return new UtxoIngestReport(source, blocks, transactions, inputs, outputs, fees, resolved, lastBlock,
                blocksRolledBack, elapsed, stopped);
    }

    public UtxoIngestReport withStopped(boolean wasStopped) {
        return new UtxoIngestReport(source, blocks, transactions, inputs, outputs, fees, resolved, lastBlock,
                rolledBack, elapsed, wasStopped);
    }

    /** Several lines for a terminal. */
    public String describe() {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
        return String.format(Locale.ROOT, """
                %s from %s%s
                  %,d blocks (%s), %,d transactions, %,d inputs, %,d outputs, fees %s BTC
                  %.1f s: %,.1f blocks/s, %,.0f transactions/s
                  spent outputs found: %,d in the cache or the same block, %,d in the graph, %,d from the source
                %s""",
                stopped ? "stopped" : "ingested", source, stopped ? " (asked to stop; resume where it stopped)" : "",
                blocks, lastBlock.isPresent() ? "last " + lastBlock.getAsLong() : "none",
                transactions, inputs, outputs, BigDecimal.valueOf(fees, 8).toPlainString(), seconds, blocks / seconds,
                transactions / seconds, resolved.cache(), resolved.graph(), resolved.source(),
                rolledBack > 0 ? String.format(Locale.ROOT,
                        "  reorganisations: %,d blocks rolled back and re-ingested%n", rolledBack) : "");
    }
}
