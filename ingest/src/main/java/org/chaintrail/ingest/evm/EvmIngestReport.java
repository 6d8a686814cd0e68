package org.chaintrail.ingest.evm;

import java.time.Duration;

/**
 * What an ingest run stored.
 *
 * @param chain          the chain's id
 * @param firstBlock     the first block stored this run, or -1 if none
 * @param lastBlock      the checkpoint at the end
 * @param blocks         blocks stored
 * @param nativeTransfers transactions' own native value
 * @param tokenTransfers token events
 * @param internalTransfers native value passed on by contracts
 * @param approvals      token {@code Approval} events
 * @param failedTxs      reverted transactions, which moved nothing
 * @param reorgs         reorganisations rolled back
 * @param blocksRolledBack blocks those rollbacks removed
 * @param receipts       how receipts were read
 * @param traces         where internal transfers came from, or why there were none
 * @param elapsed        wall time
 */
public record EvmIngestReport(String chain, long firstBlock, long lastBlock, long blocks, long nativeTransfers,
                              long tokenTransfers, long internalTransfers, long approvals, long failedTxs, long reorgs,
                              long blocksRolledBack, String receipts, String traces, Duration elapsed) {

    public long transfers() {
        return nativeTransfers + tokenTransfers + internalTransfers;
    }

    public String describe() {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        StringBuilder text = new StringBuilder();
        if (blocks == 0) {
            text.append(String.format("%s: nothing new; checkpoint at block %,d%n", chain, lastBlock));
        } else {
            text.append(String.format("%s: stored blocks %,d–%,d (%,d blocks) in %.1f s: %,.1f blocks/s, %,.0f transfers/s%n",
                    chain, firstBlock, lastBlock, blocks, seconds, blocks / seconds, transfers() / seconds));
        }
        text.append(String.format("  transfers: %,d native, %,d token, %,d internal; %,d token approvals; "
                + "%,d reverted transactions skipped%n", nativeTransfers, tokenTransfers, internalTransfers, approvals,
                failedTxs));
        if (reorgs > 0) {
            text.append(String.format("  reorganisations rolled back: %,d (%,d blocks)%n", reorgs, blocksRolledBack));
        }
        text.append("  receipts: ").append(receipts).append(System.lineSeparator());
        text.append("  internal transfers: ").append(traces).append(System.lineSeparator());
        return text.toString();
    }
}
