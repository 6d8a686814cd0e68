package org.chaintrail.ingest.etl;

import java.util.Map;
import java.util.Optional;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;

/**
 * The two dollar stablecoins on Ethereum, built in. Scam proceeds move mostly as USDT, and
 * ethereum-etl exports often come without {@code tokens.csv}: without this, the tokens an
 * investigator cares about most would show as bare contracts with unknown decimals. An export's
 * tokens file always wins over these.
 */
final class KnownStablecoins {
    private static final Map<String, Asset> ETHEREUM = Map.of(
            "0xdac17f958d2ee523a2206206994597c13d831ec7",
            Asset.token(Chain.ETHEREUM, "0xdac17f958d2ee523a2206206994597c13d831ec7", "USDT", 6),
            "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
            Asset.token(Chain.ETHEREUM, "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "USDC", 6));

    private KnownStablecoins() {
    }

    /** The built-in metadata of a token contract (canonical form), if it is one of these. */
    static Optional<Asset> of(Chain chain, String contract) {
        return chain == Chain.ETHEREUM ? Optional.ofNullable(ETHEREUM.get(contract)) : Optional.empty();
    }
}
