package org.chaintrail.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Funds from a watched address reached a terminal: the transaction that brought them, how much
 * of it was tainted, and whose the terminal is. One alert per watch, terminal and transaction: its
 * id is derived from the three, so checking again never raises it twice.
 *
 * @param id          {@link #idOf} of the watch, terminal and transaction
 * @param watchId     the watch that raised it
 * @param caseId      the watch's case
 * @param chain       the chain
 * @param watched     the watched address
 * @param terminal    the terminal address the funds reached
 * @param entity      the terminal's entity (an exchange for a deposit address), if known
 * @param category    the terminal's category ({@code exchange}, {@code mixing_service}, {@code sanction}...), if known
 * @param asset       the asset's symbol, or its contract when the symbol is unknown
 * @param contract    the token contract, empty for the native coin
 * @param amount      the tainted amount the transaction brought, in token units (base units when the
 *                    decimals are unknown), as the trace prints it: exact decimal text, rounded half-even
 *                    to the base unit
 * @param txHash      the transaction
 * @param blockNumber its block
 * @param timestamp   its block's time
 * @param hops        transfers from the watched address to the terminal
 * @param raisedAt    when the check found it, kept to the millisecond
 * @param delivery    where its delivery to the webhook stands
 */
public record Alert(String id, String watchId, String caseId, Chain chain, String watched, String terminal,
                    Optional<Entity> entity, Optional<String> category, String asset, Optional<String> contract,
                    String amount, String txHash, long blockNumber, Instant timestamp, int hops, Instant raisedAt,
                    Delivery delivery) {
    public Alert {
        Watch.requireText(id, "id");
        Watch.requireText(watchId, "watch id");
        Watch.requireText(caseId, "case id");
        Objects.requireNonNull(chain, "chain");
        watched = chain.canonicalAddress(watched);
        terminal = chain.canonicalAddress(terminal);
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(category, "category");
        Watch.requireText(asset, "asset");
        Objects.requireNonNull(contract, "contract");
        if (new BigDecimal(Objects.requireNonNull(amount, "amount")).signum() <= 0) {
            throw new IllegalArgumentException("an alert's tainted amount must be positive, was " + amount);
        }
        txHash = chain.canonicalTxHash(txHash);
        Objects.requireNonNull(timestamp, "timestamp");
        raisedAt = Objects.requireNonNull(raisedAt, "raisedAt").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(delivery, "delivery");
    }

    /** The id of the alert a watch raises for a terminal and a transaction: hex SHA-256 of the three. */
    public static String idOf(String watchId, String terminal, String txHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\u001f", watchId, terminal, txHash)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** The same alert with another delivery state. */
    public Alert with(Delivery d) {
        return new Alert(id, watchId, caseId, chain, watched, terminal, entity, category, asset, contract, amount,
                txHash, blockNumber, timestamp, hops, raisedAt, d);
    }

    /**
     * Where the delivery of an alert to the webhook stands.
     *
     * @param attempts    POSTs made so far, over all dispatches
     * @param deliveredAt when the webhook accepted it (a 2xx answer), if it has
     * @param lastError   what the last failed attempt got, if one failed
     */
    public record Delivery(int attempts, Optional<Instant> deliveredAt, Optional<String> lastError) {
        /** Not tried yet. */
        public static final Delivery NONE = new Delivery(0, Optional.empty(), Optional.empty());

        public Delivery {
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
            }
            deliveredAt = Objects.requireNonNull(deliveredAt, "deliveredAt").map(t -> t.truncatedTo(ChronoUnit.MILLIS));
            Objects.requireNonNull(lastError, "lastError");
        }

        public boolean delivered() {
            return deliveredAt.isPresent();
        }
    }
}
