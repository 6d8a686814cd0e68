package org.chaintrail.analytics.patterns;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;
import org.chaintrail.model.Amounts;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Entity;
import org.chaintrail.model.Label;
import org.chaintrail.model.Transfer;

/**
 * One transfer as a pattern reports it: where it sits in the chain, what it moved, and who
 * received it.
 *
 * @param txHash      the transaction
 * @param blockNumber the block
 * @param timestamp   the block time, ISO-8601 UTC
 * @param from        the payer
 * @param to          the payee
 * @param amount      token units, exact
 * @param baseUnits   the same amount in base units, as an integer string
 * @param entity      the payee's entity name (else its first label's name), or null
 * @param category    the payee's category (entity's, else a label's), or null
 * @param via         how the payee's entity was attributed ({@code label}, {@code deposit-address}), or null
 */
public record Movement(String txHash, long blockNumber, String timestamp, String from, String to, String amount,
                       String baseUnits, String entity, String category, String via) {

    static Movement of(Transfer t, Attribution payee, Optional<Integer> decimals) {
        return new Movement(t.txHash(), t.blockNumber(), time(t.timestamp()), t.from(), t.to(),
                Amounts.format(t.amount(), decimals), t.amount().toString(), name(payee).orElse(null),
                payee.category().orElse(null), payee.via().orElse(null));
    }

    /** The name people know an attributed address by: its entity's, else its first label's. */
    static Optional<String> name(Attribution who) {
        return who.entity().map(Entity::name).or(() -> who.labels().stream().map(Label::label).findFirst());
    }

    /** "Harbor Exchange (exchange)", for explanations. */
    static String describe(Attribution who) {
        return name(who).orElse("unnamed") + who.category().map(c -> " (" + c + ")").orElse("");
    }

    static String time(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    /** part / whole with 6 decimals, half-even; "0" for an empty whole. */
    static String share(BigInteger part, BigInteger whole) {
        if (whole.signum() == 0) {
            return "0";
        }
        return new BigDecimal(part).divide(new BigDecimal(whole), 6, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** part / whole as a percentage with one decimal ("87.5 %"), for explanations. */
    static String percent(BigInteger part, BigInteger whole) {
        if (whole.signum() == 0) {
            return "0 %";
        }
        return new BigDecimal(part).multiply(BigDecimal.valueOf(100))
                .divide(new BigDecimal(whole), 1, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + " %";
    }

    /** A configured share (0.8) as a percentage ("80 %"). */
    static String percent(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }
}
