package org.chaintrail.analytics.patterns;

import java.util.List;
import java.util.Map;
import org.chaintrail.analytics.tracing.TraceResult;

/**
 * What the victim fan-in detector found, in the shape the CLI prints. Amounts are exact token
 * units with their base units beside them; shares have 6 decimals. The same graph and request
 * give the same result, field for field and in the same order.
 *
 * @param parameters    what was asked
 * @param snapshot      the last block stored per chain when the detector ran
 * @param flagged       the wallets that meet every rule, most payers first, then by address
 * @param notFlagged    the other wallets judged, with the rules they fail, most payers first
 * @param scanTruncated true when the scan found more wallets than its limit (the ones with fewest
 *                      payers were left out)
 */
public record VictimFanInResult(Parameters parameters, Map<String, Long> snapshot, List<FanInWallet> flagged,
                                List<NotFlagged> notFlagged, boolean scanTruncated) {
    public VictimFanInResult {
        snapshot = Map.copyOf(snapshot);
        flagged = List.copyOf(flagged);
        notFlagged = List.copyOf(notFlagged);
    }

    /**
     * The request as it was run.
     *
     * @param chain                     chain id
     * @param asset                     the asset examined
     * @param candidates                the wallets given, sorted
     * @param scan                      whether the chain was scanned for more
     * @param minPayers                 fewest distinct payers
     * @param firstTimeShare            least share of first-time payers
     * @param consolidationShare        least share of the receipts consolidated
     * @param maxConsolidationTransfers most transfers the consolidation may take
     * @param scanLimit                 most wallets a scan judges
     */
    public record Parameters(String chain, TraceResult.AssetRef asset, List<String> candidates, boolean scan,
                             int minPayers, String firstTimeShare, String consolidationShare,
                             int maxConsolidationTransfers, int scanLimit) {
        public Parameters {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * A flagged wallet: paid by many first-time payers, then emptied in a few transfers.
     *
     * @param address               the wallet
     * @param payerCount            distinct payers
     * @param firstTimePayers       payers counted as first-time (see {@link Payer#firstTime()})
     * @param firstTimeShare        firstTimePayers / payerCount
     * @param received              everything the payers paid it, token units
     * @param receivedBaseUnits     the same in base units
     * @param consolidated          what its largest transfers to non-payers carried, token units
     * @param consolidatedBaseUnits the same in base units
     * @param consolidatedShare     consolidated / received
     * @param consolidation         those transfers, in chain order
     * @param payers                the payers, in the order of their first payment
     * @param paymentAmounts        the distribution of the payments' amounts, token units
     * @param interArrivalSeconds   the distribution of the seconds between consecutive payments
     */
    public record FanInWallet(String address, int payerCount, int firstTimePayers, String firstTimeShare,
                              String received, String receivedBaseUnits, String consolidated,
                              String consolidatedBaseUnits, String consolidatedShare, List<Movement> consolidation,
                              List<Payer> payers, Distribution paymentAmounts, Distribution interArrivalSeconds) {
        public FanInWallet {
            consolidation = List.copyOf(consolidation);
            payers = List.copyOf(payers);
        }
    }

    /**
     * One payer of a wallet.
     *
     * @param address       the payer
     * @param firstTime     a first-time payer: {@code firstOutgoing} and not a {@code collector}
     * @param firstOutgoing its first payment to the wallet was its first outgoing transfer of the asset
     * @param collector     before paying, it had been paid by at least {@code minPayers} distinct
     *                      funders: a wallet passing on what it collected, not a victim
     * @param service       it is a service (an exchange paying out a withdrawal, say): never first-time
     * @param amount        everything it paid the wallet, token units
     * @param baseUnits     the same in base units
     * @param payments      its payments, in chain order
     * @param funderCount   how many distinct addresses funded it before its first payment
     * @param fundedBy      those funders with their attribution, largest first (up to ten); empty for a service
     */
    public record Payer(String address, boolean firstTime, boolean firstOutgoing, boolean collector, boolean service,
                        String amount, String baseUnits, List<Payment> payments, int funderCount,
                        List<Funder> fundedBy) {
        public Payer {
            payments = List.copyOf(payments);
            fundedBy = List.copyOf(fundedBy);
        }
    }

    /**
     * @param txHash      the transaction
     * @param blockNumber the block
     * @param timestamp   ISO-8601 UTC
     * @param amount      token units
     * @param baseUnits   base units
     */
    public record Payment(String txHash, long blockNumber, String timestamp, String amount, String baseUnits) {
    }

    /**
     * An address that funded a payer before its first payment.
     *
     * @param address   the funder
     * @param entity    its entity's (else label's) name, or null: "Kestrel Exchange" says where the victim bought
     * @param category  its category, or null
     * @param via       how it was attributed, or null
     * @param amount    what it sent the payer before the payment, token units
     * @param baseUnits the same in base units
     * @param txHashes  the transfers, in chain order
     */
    public record Funder(String address, String entity, String category, String via, String amount, String baseUnits,
                         List<String> txHashes) {
        public Funder {
            txHashes = List.copyOf(txHashes);
        }
    }

    /**
     * A wallet judged and not flagged.
     *
     * @param address           the wallet
     * @param payerCount        distinct payers (for a service: as the scan counted them, else 0)
     * @param firstTimePayers   payers counted as first-time
     * @param consolidatedShare share of its receipts its largest transfers to non-payers carried, or null
     * @param reasons           every rule it fails, in words with the figures
     */
    public record NotFlagged(String address, int payerCount, int firstTimePayers, String consolidatedShare,
                             List<String> reasons) {
        public NotFlagged {
            reasons = List.copyOf(reasons);
        }
    }
}
