package org.chaintrail.ingest.etl;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;

/**
 * Token metadata for one import: what the export's tokens files say, else the built-in
 * {@link KnownStablecoins}, else a token of unknown symbol and decimals.
 */
final class TokenCatalog {
    private final Chain chain;
    private final Map<String, Asset> fromFiles = new LinkedHashMap<>();

    TokenCatalog(Chain chain) {
        this.chain = chain;
    }

    /** Records a token from a tokens file; a later row for the same contract replaces it. */
    void add(Asset token) {
        fromFiles.put(token.key(), token);
    }

    /** The asset to store for a transfer's asset key (a contract, or {@link Asset#NATIVE}). */
    Asset assetFor(String assetKey) {
        if (assetKey.equals(Asset.NATIVE)) {
            return Asset.nativeCoin(chain);
        }
        Asset known = fromFiles.get(assetKey);
        if (known != null) {
            return known;
        }
        return KnownStablecoins.of(chain, assetKey).orElseGet(() -> Asset.token(chain, assetKey, null, null));
    }

    /** The tokens the export's files named, in the order first read. */
    Collection<Asset> fromFiles() {
        return fromFiles.values();
    }
}
