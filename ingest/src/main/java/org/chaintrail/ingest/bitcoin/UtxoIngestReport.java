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
 * @param elapsed      wall-clock time
 * @param stopped      whether the run was asked to stop before its source ended
 */
public record UtxoIngestReport(String source, long blocks, long transactions, long inputs, long outputs, long fees,
                               PrevoutSources resolved, OptionalLong lastBlock, Duration elapsed,
                               boolean stopped) {

    /** Several lines for a terminal. */
    public String describe() {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
        return String.format(Locale.ROOT, """
                %s from %s%s
                  %,d blocks (%s), %,d transactions, %,d inputs, %,d outputs, fees %s BTC
                  %.1f s: %,.1f blocks/s, %,.0f transactions/s
                  spent outputs found: %,d in the cache or the same block, %,d in the graph, %,d from the source
                """,
                stopped ? "stopped" : "ingested", source, stopped ? " (asked to stop; resume where it stopped)" : "",
                blocks, lastBlock.isPresent() ? "last " + lastBlock.getAsLong() : "none",
                transactions, inputs, outputs, btc(fees), seconds, blocks / seconds, transactions / seconds,
                resolved.cache(), resolved.graph(), resolved.source());
    }

    private static String btc(long satoshi) {
        return BigDecimal.valueOf(satoshi, 8).toPlainString();
    }
}
