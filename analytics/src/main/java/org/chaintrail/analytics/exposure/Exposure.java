package org.chaintrail.analytics.exposure;

import java.util.List;
import java.util.Map;
import org.chaintrail.analytics.tracing.TraceResult;

/**
 * What an exchange asks about an address: whom it dealt with directly, where its funds came from,
 * and one score that sums it up. Amounts are decimal strings in token units; shares have 6 decimals.
 *
 * @param chain     chain id
 * @param address   the address
 * @param asset     the asset examined
 * @param maxHops   how far back the indirect exposure looked
 * @param snapshot  last block per chain
 * @param self      the risk concepts of the address's own labels
 * @param received  everything the address received of the asset
 * @param sent      everything it sent
 * @param direct    counterparties by concept, sent and received
 * @param indirect  where the received funds came from, by concept (backward haircut)
 * @param score     the risk score and how it was reached
 */
public record Exposure(String chain, String address, TraceResult.AssetRef asset, int maxHops, Map<String, Long> snapshot,
                       List<String> self, String received, String sent, List<Direct> direct, List<Indirect> indirect,
                       Score score) {
    public Exposure {
        snapshot = Map.copyOf(snapshot);
        self = List.copyOf(self);
        direct = List.copyOf(direct);
        indirect = List.copyOf(indirect);
    }

    /**
     * Direct counterparties of one concept.
     *
     * @param category       the concept ({@code exchange}, {@code scam}, ..., or {@code unattributed})
     * @param received       received from them
     * @param sent           sent to them
     * @param transfersIn    transfers from them
     * @param transfersOut   transfers to them
     * @param counterparties the addresses, largest volume first
     */
    public record Direct(String category, String received, String sent, int transfersIn, int transfersOut,
                         List<Counterparty> counterparties) {
    }

    /**
     * @param address the counterparty
     * @param entity  its entity name, or null
     * @param volume  received from plus sent to it
     */
    public record Counterparty(String address, String entity, String volume) {
    }

    /**
     * Received funds traced back to one concept.
     *
     * @param category the concept, or {@code unattributed} for funds whose origin the data does not show
     * @param amount   the amount
     * @param share    amount / received
     * @param sources  the terminals behind it, largest first
     */
    public record Indirect(String category, String amount, String share, List<Source> sources) {
    }

    /**
     * @param address the terminal address the funds came from
     * @param entity  its entity name, or null
     * @param labels  its labels
     * @param amount  how much of the received funds it accounts for
     * @param txHashes the transactions that carried it
     */
    public record Source(String address, String entity, List<String> labels, String amount, List<String> txHashes) {
    }

    /**
     * @param value    0..100
     * @param verdict  {@code high} (75+), {@code medium} (25+) or {@code low}
     * @param self     highest weight among the address's own labels
     * @param received weighted share of received funds
     * @param sent     weighted share of sent funds
     * @param formula  how the value was computed
     * @param weights  the weight of every concept that has one
     */
    public record Score(int value, String verdict, String self, String received, String sent, String formula,
                        Map<String, String> weights) {
    }
}
