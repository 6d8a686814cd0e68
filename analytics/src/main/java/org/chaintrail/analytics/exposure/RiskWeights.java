package org.chaintrail.analytics.exposure;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How much each kind of counterparty weighs in the risk score, from 0 (no concern) to 1 (never
 * acceptable). Keys are TagPack concepts: abuse concepts ({@code scam}, {@code sanction}, ...)
 * and service categories. Anything not listed weighs 0: exchanges, DeFi, unattributed funds.
 *
 * <p>The score: {@code round(100 · max(self, received, sent))}, where {@code self} is the highest
 * weight among the address's own labels, {@code received} is Σ weight(c) · share of the address's
 * received funds that came from category c (backward haircut, up to the hop limit), and
 * {@code sent} is Σ weight(c) · share of what it sent that went directly to category c. A
 * sanctioned address scores 100 on its own label; an address half of whose funds came from a
 * scam wallet scores 50.
 */
public final class RiskWeights {
    /** The formula, as the response states it. */
    public static final String FORMULA = "score = round(100 * max(self, received, sent)); self = highest weight "
            + "among the address's own labels; received = sum over categories of weight * share of received funds "
            + "from that category (backward haircut); sent = sum over categories of weight * share of sent funds "
            + "going directly to that category";

    private static final Map<String, BigDecimal> WEIGHTS = weights();

    private RiskWeights() {
    }

    private static Map<String, BigDecimal> weights() {
        Map<String, BigDecimal> w = new TreeMap<>();
        for (String c : Set.of("sanction", "terrorism", "terrorism_financing", "ransomware", "scam", "child_abuse")) {
            w.put(c, BigDecimal.ONE);
        }
        for (String c : Set.of("phishing", "ponzi_scheme", "sextortion", "service_hack", "hack", "theft")) {
            w.put(c, new BigDecimal("0.9"));
        }
        w.put("market", new BigDecimal("0.8")); // GraphSense's darknet markets
        w.put("mixing_service", new BigDecimal("0.75"));
        w.put("coinjoin", new BigDecimal("0.5"));
        w.put("gambling", new BigDecimal("0.3"));
        w.put("otc_desk", new BigDecimal("0.25")); // unlicensed OTC desks are a common cash-out of scam proceeds
        return Map.copyOf(w);
    }

    /** The weight of a concept, 0 when it is not listed. */
    public static BigDecimal of(String concept) {
        return WEIGHTS.getOrDefault(concept, BigDecimal.ZERO);
    }

    /** Every weighted concept: the categories where an exposure trace stops. */
    public static Set<String> concepts() {
        return WEIGHTS.keySet();
    }

    /** The table, for the docs and responses. */
    public static Map<String, BigDecimal> table() {
        return new TreeMap<>(WEIGHTS);
    }
}
