package org.chaintrail.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A coin or token on one chain. The native coin has no contract.
 *
 * @param chain    the chain
 * @param contract the token contract in canonical form, or empty for the native coin
 * @param symbol   the ticker, or empty when the token's metadata is unknown
 * @param decimals how many decimal places a base unit sits below one token, or empty when unknown
 */
public record Asset(Chain chain, Optional<String> contract, Optional<String> symbol,
                    Optional<Integer> decimals) {

    /** The contract value stored in the graph for the native coin (Neo4j keys cannot be null). */
    public static final String NATIVE = "native";

    public Asset {
        Objects.requireNonNull(chain, "chain");
        contract = contract.map(chain::canonicalAddress);
        decimals.ifPresent(d -> {
            if (d < 0 || d > 77) {
                throw new IllegalArgumentException("decimals must be 0..77, was " + d);
            }
        });
    }

    public static Asset nativeCoin(Chain chain) {
        return new Asset(chain, Optional.empty(), Optional.of(chain.nativeSymbol()),
                Optional.of(chain.nativeDecimals()));
    }

    public static Asset token(Chain chain, String contract, String symbol, Integer decimals) {
        return new Asset(chain, Optional.of(contract), Optional.ofNullable(symbol).filter(s -> !s.isBlank()),
                Optional.ofNullable(decimals));
    }

    public boolean isNative() {
        return contract.isEmpty();
    }

    /** The key under which transfers of this asset are stored: the contract, or {@value #NATIVE}. */
    public String key() {
        return contract.orElse(NATIVE);
    }

    /** A name for people: the symbol, else the contract. */
    public String displayName() {
        return symbol.orElse(key());
    }
}
