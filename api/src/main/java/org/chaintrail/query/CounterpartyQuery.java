package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chaintrail.analytics.tracing.AssetResolver;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.AddressCounterparty;
import org.chaintrail.model.Amounts;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Chain;
import org.chaintrail.model.FlowDirection;
import org.chaintrail.model.FlowFilter;

/**
 * The addresses one address paid or was paid by, summed per direction and asset, largest first
 * ({@code GET /api/v1/addresses/{chain}/{address}/counterparties}): the address page and the
 * graph's "expand next hop". A movement to or from the address itself is no counterparty.
 *
 * @param chain     chain id
 * @param address   the address, any case
 * @param asset     symbol or contract, or null for every asset (one row per asset)
 * @param direction {@code in}, {@code out} or {@code both} (null)
 * @param limit     rows at most, 1..{@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT})
 */
public record CounterpartyQuery(String chain, String address, String asset, String direction, Integer limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /**
     * @param chain          chain id
     * @param address        canonical form
     * @param counterparties largest amount (in token units) first, then by address, asset and direction
     * @param truncated      whether the limit left rows out
     */
    public record Result(String chain, String address, List<CounterpartyView> counterparties, boolean truncated) {
    }

    /**
     * @param address   the counterparty
     * @param direction {@code out}: the address paid it; {@code in}: it paid the address
     * @param asset     the asset of the row
     * @param amount    summed, in token units
     * @param transfers how many transfers the amount sums
     * @param firstTx   the first of them in chain order; firstBlock and firstTime are its block and time
     * @param lastTx    the last of them in chain order
     * @param labels    the texts of the counterparty's labels
     * @param entity    the counterparty's entity, or null
     */
    public record CounterpartyView(String address, String direction, TraceResult.AssetRef asset, String amount,
                                   long transfers, String firstTx, String lastTx, long firstBlock, long lastBlock,
                                   String firstTime, String lastTime, List<String> labels,
                                   TraceResult.EntityRef entity) {
    }

    /**
     * @return the counterparties, or empty if the graph has never seen the address
     * @throws InvalidFieldException naming the field at fault
     */
    public Optional<Result> run(GraphStore store) {
        Chain c = check("chain", () -> Chain.of(chain));
        String canonical = check("address", () -> c.canonicalAddress(address));
        Set<FlowDirection> directions = directions(direction);
        int max = QueryLimits.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return store.readTogether(() -> {
            FlowFilter filter = new FlowFilter(Optional.empty(), assetKey(store, c, asset), directions);
            if (!known(store, c, canonical)) {
                return Optional.empty();
            }
            List<AddressCounterparty> all = store.counterparties().counterparties(c, canonical, filter);
            Map<String, Asset> assets = store.assets(c, all.stream().map(AddressCounterparty::assetKey).distinct().toList());
            List<AddressCounterparty> rows = all.stream()
                    .sorted(Comparator.comparing((AddressCounterparty p) -> tokens(p, assets)).reversed()
                            .thenComparing(AddressCounterparty::address)
                            .thenComparing(AddressCounterparty::assetKey)
                            .thenComparing(AddressCounterparty::direction))
                    .limit(max).toList();
            Map<String, Attribution> who = store.attributions(c, rows.stream().map(AddressCounterparty::address)
                    .distinct().toList());
            return Optional.of(new Result(c.id(), canonical, rows.stream().map(p -> view(p, assets.get(p.assetKey()),
                    who.getOrDefault(p.address(), Attribution.NONE))).toList(), all.size() > max));
        });
    }

    private static BigDecimal tokens(AddressCounterparty p, Map<String, Asset> assets) {
        return new BigDecimal(p.amount(), assets.get(p.assetKey()).decimals().orElse(0));
    }

    private static CounterpartyView view(AddressCounterparty p, Asset asset, Attribution who) {
        return new CounterpartyView(p.address(), p.direction().id(), new TraceResult.AssetRef(asset.symbol().orElse(null),
                asset.contract().orElse(null), asset.decimals().orElse(null)), Amounts.format(p.amount(), asset.decimals()),
                p.transfers(), p.first().txHash(), p.last().txHash(), p.first().blockNumber(), p.last().blockNumber(),
                Instant.ofEpochSecond(p.first().timestamp()).toString(),
                Instant.ofEpochSecond(p.last().timestamp()).toString(),
                AttributionQuery.labelTexts(who), AttributionQuery.entity(who));
    }

    /**
     * @throws InvalidFieldException {@code direction} unless it is in, out or both (null)
     */
    static Set<FlowDirection> directions(String direction) {
        String d = direction == null ? "both" : direction.trim().toLowerCase(Locale.ROOT);
        return switch (d) {
            case "both" -> EnumSet.allOf(FlowDirection.class);
            case "in" -> EnumSet.of(FlowDirection.IN);
            case "out" -> EnumSet.of(FlowDirection.OUT);
            default -> throw new InvalidFieldException("direction", "must be in, out or both, was '" + direction + "'");
        };
    }

    /** The asset's key by symbol or contract; empty (every asset) when none is given. */
    static Optional<String> assetKey(GraphStore store, Chain c, String asset) {
        if (asset == null) {
            return Optional.empty();
        }
        return Optional.of(check("asset", () -> new AssetResolver(store).resolve(c, asset)).key());
    }

    /** Whether the graph holds the address (its attribution is known exactly then). */
    static boolean known(GraphStore store, Chain c, String canonical) {
        return store.attributions(c, List.of(canonical)).containsKey(canonical);
    }
}
