package org.chaintrail.ingest.labels;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.chaintrail.model.BitcoinAddress;
import org.chaintrail.model.Chain;

/**
 * Which chain a label's currency (and network, or address) puts it on.
 *
 * <ul>
 *   <li>A coin names its chain: {@code BTC} (and OFAC's {@code XBT}) Bitcoin, {@code ETH}
 *       Ethereum, {@code TRX} Tron; OFAC's {@code ARB} and {@code BSC} Arbitrum and BNB Chain.</li>
 *   <li>A token ({@code USDT}, {@code USDC}) lives on many chains: the {@code network} field names
 *       it when the file has one; otherwise the address's form does: {@code 0x} and 40 hex digits
 *       Ethereum, {@code T} and 33 Base58 characters Tron, a Bitcoin address Bitcoin (Tether's Omni
 *       layer). An EVM address on another EVM chain (Polygon USDT) cannot be told from Ethereum's
 *       and is taken as Ethereum's.</li>
 *   <li>Anything else is not a chain the graph holds: the row is skipped and counted.</li>
 * </ul>
 */
final class Currencies {
    private static final Map<String, Chain> COINS = Map.of("BTC", Chain.BITCOIN, "XBT", Chain.BITCOIN,
            "ETH", Chain.ETHEREUM, "TRX", Chain.TRON, "ARB", Chain.ARBITRUM, "BSC", Chain.BSC);
    private static final Set<String> TOKENS = Set.of("USDT", "USDC");
    private static final Pattern EVM_FORM = Pattern.compile("0[xX][0-9a-fA-F]{40}");
    private static final Pattern TRON_FORM = Pattern.compile("T[1-9A-HJ-NP-Za-km-z]{33}");

    private Currencies() {
    }

    /**
     * The chain of a row.
     *
     * @param currency the currency as written
     * @param network  the network as written, if the row has one
     * @param address  the address as written
     * @return the chain, or empty if the graph holds none for it
     */
    static Optional<Chain> chainOf(String currency, Optional<String> network, String address) {
        if (network.isPresent()) {
            return coin(network.get()).or(() -> chainId(network.get()));
        }
        String code = normalise(currency);
        if (TOKENS.contains(code)) {
            return byForm(address);
        }
        return coin(code);
    }

    /** The chain an address's form shows, for tokens that live on several. */
    static Optional<Chain> byForm(String address) {
        String a = address.trim();
        if (EVM_FORM.matcher(a).matches()) {
            return Optional.of(Chain.ETHEREUM);
        }
        if (TRON_FORM.matcher(a).matches()) {
            return Optional.of(Chain.TRON);
        }
        try {
            BitcoinAddress.canonical(a);
            return Optional.of(Chain.BITCOIN);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The form a currency is counted under ({@code eth} and {@code ETH} are one currency). */
    static String normalise(String currency) {
        return currency.trim().toUpperCase(Locale.ROOT);
    }

    /** The TagPack currency code of a chain's coin, for export. */
    static String codeOf(Chain chain) {
        return switch (chain) {
            case BITCOIN -> "BTC";
            case ETHEREUM -> "ETH";
            case TRON -> "TRX";
            default -> chain.nativeSymbol();
        };
    }

    private static Optional<Chain> coin(String code) {
        return Optional.ofNullable(COINS.get(normalise(code)));
    }

    private static Optional<Chain> chainId(String id) {
        try {
            return Optional.of(Chain.of(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
