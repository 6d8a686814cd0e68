package org.chaintrail.analytics.tracing;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;

/**
 * Turns what an analyst types for an asset ("USDT", a contract, "ETH") into the asset in the graph.
 * A ticker that several contracts claim is refused: fake USDT tokens are a scam tool of their own.
 */
public final class AssetResolver {
    private static final Pattern CONTRACT = Pattern.compile("0x[0-9a-fA-F]{40}");

    private final GraphStore store;

    public AssetResolver(GraphStore store) {
        this.store = store;
    }

    /**
     * @throws IllegalArgumentException if no asset or more than one asset matches
     */
    public Asset resolve(Chain chain, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("asset is required (a symbol such as USDT, or a token contract)");
        }
        String wanted = text.trim();
        if (wanted.equalsIgnoreCase(Asset.NATIVE) || wanted.equalsIgnoreCase(chain.nativeSymbol())) {
            return Asset.nativeCoin(chain);
        }
        if (CONTRACT.matcher(wanted).matches()) {
            String key = chain.canonicalAddress(wanted);
            return store.assets(chain, List.of(key)).get(key);
        }
        List<Asset> matches = store.assetsBySymbol(chain, wanted);
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no asset with symbol '" + wanted + "' on " + chain.id()
                    + "; give the token contract instead");
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("symbol '" + wanted + "' is claimed by " + matches.size()
                    + " contracts on " + chain.id() + " (" + matches.stream().map(Asset::key)
                    .collect(Collectors.joining(", ")) + "); give the contract");
        }
        return matches.get(0);
    }
}
