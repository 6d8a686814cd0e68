package org.chaintrail.ingest.etl;

/**
 * What an ethereum-etl import read and stored.
 *
 * @param filesRead                   export files read
 * @param blocks                      block rows read from blocks files
 * @param nativeTransfers             native-coin transfers stored (transactions with value above 0
 *                                    that did not fail)
 * @param tokenTransfers              token transfers stored, zero-value ones included: a zero or dust
 *                                    transfer is how address poisoning shows itself
 * @param tokenAssets                 distinct token contracts written as assets, from tokens files,
 *                                    transfers and approvals
 * @param approvals                   ERC-20 {@code Approval} events stored, from logs files
 * @param skippedFailedTransactions   transactions whose receipt status is 0: they move no value
 * @param skippedFailedTokenTransfers token transfers belonging to a failed transaction
 * @param skippedZeroValue            successful transactions with value 0 (a plain contract call)
 * @param skippedContractCreations    contract creations with value above 0 whose new contract's
 *                                    address the export does not give, so the payee is unknown
 */
public record ImportReport(int filesRead, long blocks, long nativeTransfers, long tokenTransfers, long tokenAssets,
                           long approvals, long skippedFailedTransactions, long skippedFailedTokenTransfers, long skippedZeroValue,
                           long skippedContractCreations) {

    /** One line for people: what was stored, then what was skipped and why. */
    public String describe() {
        return String.format("%d file(s): %d blocks, %d native and %d token transfers, %d token(s), %d approval(s); "
                        + "skipped %d failed transaction(s) (%d token transfers), %d zero-value, %d contract creation(s) "
                        + "without address",
                filesRead, blocks, nativeTransfers, tokenTransfers, tokenAssets, approvals, skippedFailedTransactions,
                skippedFailedTokenTransfers, skippedZeroValue, skippedContractCreations);
    }
}
