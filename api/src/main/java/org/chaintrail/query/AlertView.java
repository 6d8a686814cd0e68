package org.chaintrail.query;

import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.model.Alert;

/**
 * An alert as the webhook receives it and the API lists it: funds from a watched address reached a
 * terminal.
 *
 * @param id          stable id (the same alert is never raised twice)
 * @param watchId     the watch that raised it
 * @param caseId      the watch's case
 * @param chain       chain id
 * @param watched     the watched address
 * @param terminal    the terminal address the funds reached
 * @param entity      the terminal's entity, or null
 * @param category    the terminal's category, or null
 * @param asset       symbol (or the contract when the symbol is unknown)
 * @param contract    token contract, or null for the native coin
 * @param amount      the tainted amount the transaction brought, in token units, exact decimal text
 * @param txHash      the transaction
 * @param blockNumber its block
 * @param timestamp   its time, ISO-8601 UTC
 * @param hops        transfers from the watched address
 * @param raisedAt    when the check found it, ISO-8601 UTC
 */
public record AlertView(String id, String watchId, String caseId, String chain, String watched, String terminal,
                        TraceResult.EntityRef entity, String category, String asset, String contract, String amount,
                        String txHash, long blockNumber, String timestamp, int hops, String raisedAt) {

    public static AlertView of(Alert a) {
        return new AlertView(a.id(), a.watchId(), a.caseId(), a.chain().id(), a.watched(), a.terminal(),
                a.entity().map(e -> new TraceResult.EntityRef(e.id(), e.name(), e.category())).orElse(null),
                a.category().orElse(null), a.asset(), a.contract().orElse(null), a.amount(), a.txHash(),
                a.blockNumber(), a.timestamp().toString(), a.hops(), a.raisedAt().toString());
    }

    /**
     * An alert with where its delivery to the webhook stands: the items of the alert lists.
     *
     * @param alert    the alert
     * @param delivery its delivery
     */
    public record Listed(AlertView alert, DeliveryView delivery) {
        public static Listed of(Alert a) {
            Alert.Delivery d = a.delivery();
            return new Listed(AlertView.of(a), new DeliveryView(d.attempts(),
                    d.deliveredAt().map(Object::toString).orElse(null), d.lastError().orElse(null)));
        }
    }

    /**
     * @param attempts    POSTs made so far
     * @param deliveredAt when the webhook accepted it, ISO-8601 UTC, or null
     * @param lastError   what the last failed attempt got, or null
     */
    public record DeliveryView(int attempts, String deliveredAt, String lastError) {
    }
}
