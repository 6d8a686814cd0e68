package org.chaintrail.analytics.clustering;

import java.util.Objects;
import java.util.Set;

/**
 * Why a transaction was taken for a CoinJoin, so that its inputs were not merged.
 *
 * @param shape  the known shape it matched: {@value #WASABI}, {@value #WASABI2}, {@value #WHIRLPOOL}
 *               or {@value #JOINMARKET}
 * @param reason for people, with the counts and amounts that matched: "5 inputs, 5 outputs of 0.05
 *               BTC: Whirlpool pool"
 */
public record CoinJoinVerdict(String shape, String reason) {
    /** Wasabi 1.x, ZeroLink. */
    public static final String WASABI = "wasabi";
    /** Wasabi 2.x, WabiSabi. */
    public static final String WASABI2 = "wasabi2";
    /** Samourai Whirlpool. */
    public static final String WHIRLPOOL = "whirlpool";
    /** JoinMarket, and equal-output CoinJoins of its shape by other software. */
    public static final String JOINMARKET = "joinmarket";
    /** The shapes, in the order {@link CoinJoinDetector} tries them. */
    public static final Set<String> SHAPES = Set.of(WHIRLPOOL, WASABI2, WASABI, JOINMARKET);

    public CoinJoinVerdict {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(reason, "reason");
        if (!SHAPES.contains(shape)) {
            throw new IllegalArgumentException("unknown CoinJoin shape '" + shape + "', expected one of " + SHAPES);
        }
    }
}
