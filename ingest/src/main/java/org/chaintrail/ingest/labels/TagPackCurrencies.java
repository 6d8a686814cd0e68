package org.chaintrail.ingest.labels;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.model.Chain;

/**
 * Which TagPack currencies name a chain the graph stores. Only {@code ETH} so far: the graph holds
 * EVM chains, and a TagPack currency is not always a chain ({@code USDT} tags carry Ethereum and
 * Tron addresses alike). Tags on any other currency are skipped and counted.
 */
final class TagPackCurrencies {
    private static final Map<String, Chain> CHAINS = Map.of("ETH", Chain.ETHEREUM);

    private TagPackCurrencies() {
    }

    /** The chain a currency code denotes, case-insensitively, or empty if the graph does not hold it. */
    static Optional<Chain> chainOf(String currency) {
        return Optional.ofNullable(CHAINS.get(normalise(currency)));
    }

    /** The form a currency is counted under ({@code eth} and {@code ETH} are one currency). */
    static String normalise(String currency) {
        return currency.trim().toUpperCase(Locale.ROOT);
    }
}
