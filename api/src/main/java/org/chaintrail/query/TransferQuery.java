package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Amounts;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.chaintrail.model.FlowDirection;
import org.chaintrail.model.FlowFilter;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.TransferPosition;

/**
 * Every transfer behind a counterparty row, the evidence for one edge, in chain order and a page at
 * a time ({@code GET /api/v1/addresses/{chain}/{address}/transfers}). The same transfers as
 * {@link CounterpartyQuery} sums, so a row's amount is the sum of its transfers here.
 *
 * @param chain        chain id
 * @param address      the address, any case
 * @param counterparty only the transfers with this address, or null for all
 * @param asset        symbol or contract, or null for every asset
 * @param direction    {@code in}, {@code out} or {@code both} (null)
 * @param limit        transfers per page, 1..{@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT})
 * @param after        the {@code next} cursor of the previous page, or null for the first
 */
public record TransferQuery(String chain, String address, String counterparty, String asset, String direction,
                            Integer limit, String after) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,19}");
    private static final int MAX_CURSOR = 1_000;

    /**
     * @param chain     chain id
     * @param address   canonical form
     * @param transfers in chain order
     * @param next      the cursor of the next page ({@code after=}), or null on the last page
     */
    public record Result(String chain, String address, List<TransferView> transfers, String next) {
    }

    /**
     * @param txHash      transaction hash (txid on Bitcoin)
     * @param blockNumber its block
     * @param timestamp   ISO-8601 UTC block time
     * @param from        the payer
     * @param to          the payee
     * @param asset       symbol (or the contract when the symbol is unknown)
     * @param amount      token units
     */
    public record TransferView(String txHash, long blockNumber, String timestamp, String from, String to,
                               String asset, String amount) {
    }

    /**
     * @return the page, or empty if the graph has never seen the address
     * @throws InvalidFieldException naming the field at fault
     */
    public Optional<Result> run(GraphStore store) {
        Chain c = check("chain", () -> Chain.of(chain));
        String canonical = check("address", () -> c.canonicalAddress(address));
        Optional<String> other = counterparty == null ? Optional.empty()
                : Optional.of(check("counterparty", () -> c.canonicalAddress(counterparty)));
        Set<FlowDirection> directions = CounterpartyQuery.directions(direction);
        int max = QueryLimits.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        Optional<TransferPosition> cursor = after == null ? Optional.empty()
                : Optional.of(check("after", () -> decode(after)));
        return store.readTogether(() -> {
            FlowFilter filter = new FlowFilter(other, CounterpartyQuery.assetKey(store, c, asset), directions);
            if (!CounterpartyQuery.known(store, c, canonical)) {
                return Optional.empty();
            }
            List<Transfer> page = store.counterparties().transfers(c, canonical, filter, cursor, max + 1);
            List<Transfer> shown = page.subList(0, Math.min(max, page.size()));
            Map<String, Asset> assets = store.assets(c, shown.stream().map(Transfer::assetKey).distinct().toList());
            String next = page.size() > max ? encode(TransferPosition.of(shown.get(max - 1))) : null;
            return Optional.of(new Result(c.id(), canonical, shown.stream().map(t -> view(t, assets.get(t.assetKey())))
                    .toList(), next));
        });
    }

    private static TransferView view(Transfer t, Asset asset) {
        return new TransferView(t.txHash(), t.blockNumber(), Instant.ofEpochSecond(t.timestamp()).toString(), t.from(),
                t.to(), asset.displayName(), Amounts.format(t.amount(), asset.decimals()));
    }

    /** The cursor: where the page ended, base64url so that it travels in a URL as it is. */
    static String encode(TransferPosition p) {
        String text = p.blockNumber() + ":" + p.txIndex() + ":" + p.logIndex() + ":" + p.from() + ":" + p.to();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws IllegalArgumentException if the text is not a cursor {@link #encode} made
     */
    static TransferPosition decode(String cursor) {
        try {
            if (cursor.length() > MAX_CURSOR) {
                throw new IllegalArgumentException("too long");
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", -1);
            if (parts.length != 5 || !NUMBER.matcher(parts[0]).matches() || !NUMBER.matcher(parts[1]).matches()
                    || !NUMBER.matcher(parts[2]).matches() || parts[3].isEmpty() || parts[4].isEmpty()) {
                throw new IllegalArgumentException("not five fields");
            }
            return new TransferPosition(Long.parseLong(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]), parts[3], parts[4]);
        } catch (IllegalArgumentException e) { // a number too large is one too
            throw new IllegalArgumentException("not a cursor of this API: pass the next of the previous page as it was");
        }
    }
}
