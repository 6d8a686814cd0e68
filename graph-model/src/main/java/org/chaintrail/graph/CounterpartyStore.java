package org.chaintrail.graph;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.model.AddressCounterparty;
import org.chaintrail.model.AddressCounterparty.Sighting;
import org.chaintrail.model.Chain;
import org.chaintrail.model.FlowDirection;
import org.chaintrail.model.FlowFilter;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.TransferPosition;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;

/**
 * An address's transfers with other addresses: summed per counterparty, and one by one in chain
 * order. Both read the same rows, so a counterparty's amount is the sum of its transfers.
 *
 * <p>On a UTXO chain a transfer is what a transaction paid one address from another: for each
 * address that spent an input of the transaction, the outputs to each address that did not (an
 * output to a spender is change), summed per payee, placed at the payee's first output. A
 * transaction with several spending addresses credits each of them with the whole payment: inputs
 * are not split. Coinbases have no payer and appear in neither list.
 */
public final class CounterpartyStore {
    /*
     * Shared head: rows of direction, tx, block, txIndex, position, time, from, to, other, asset,
     * amount. A direction the filter leaves out stops before it expands anything.
     */
    private static final String ACCOUNT_MOVEMENTS = """
            MATCH (x:Address {chain: $chain, address: $address})
            CALL (x) {
              WITH x WHERE $sent
              MATCH (x)-[:IN]->(t:Transfer)-[:OUT]->(b:Address)
              WHERE b <> x AND ($asset IS NULL OR t.asset = $asset)
                AND ($counterparty IS NULL OR b.address = $counterparty)
              RETURN 'out' AS direction, t, x.address AS from, b.address AS to, b.address AS other
              UNION ALL
              WITH x WHERE $received
              MATCH (b:Address)-[:IN]->(t:Transfer)-[:OUT]->(x)
              WHERE b <> x AND ($asset IS NULL OR t.asset = $asset)
                AND ($counterparty IS NULL OR b.address = $counterparty)
              RETURN 'in' AS direction, t, b.address AS from, x.address AS to, b.address AS other
            }
            WITH direction, t.txHash AS tx, t.blockNumber AS block, t.txIndex AS txIndex, t.logIndex AS position,
                 t.timestamp AS time, from, to, other, t.asset AS asset, t.amount AS amount
            """;

    private static final String UTXO_MOVEMENTS = """
            MATCH (x:Address {chain: $chain, address: $address})
            WHERE $asset IS NULL OR $asset = 'native'
            CALL (x) {
              WITH x WHERE $sent
              MATCH (x)-[:IN]->(t:Transaction)
              WITH DISTINCT x, t
              MATCH (t)-[o:OUT]->(b:Address)
              WHERE NOT EXISTS { (b)-[:IN]->(t) } AND ($counterparty IS NULL OR b.address = $counterparty)
              WITH x, t, b, sum(o.value) AS value, min(o.index) AS position
              RETURN 'out' AS direction, t, position, value, x.address AS from, b.address AS to, b.address AS other
              UNION ALL
              WITH x WHERE $received
              MATCH (t:Transaction)-[o:OUT]->(x)
              WHERE NOT EXISTS { (x)-[:IN]->(t) }
              WITH x, t, sum(o.value) AS value, min(o.index) AS position
              MATCH (b:Address)-[:IN]->(t)
              WHERE $counterparty IS NULL OR b.address = $counterparty
              WITH DISTINCT x, t, value, position, b
              RETURN 'in' AS direction, t, position, value, b.address AS from, x.address AS to, b.address AS other
            }
            WITH direction, t.txid AS tx, t.blockNumber AS block, t.txIndex AS txIndex, position,
                 t.timestamp AS time, from, to, other, 'native' AS asset, toString(value) AS amount
            """;

    private static final String SUMMED = """
            ORDER BY block, txIndex, position, from, to
            WITH direction, other, asset, collect(amount) AS amounts, collect([tx, block, time]) AS seen
            RETURN direction, other, asset, amounts, seen[0] AS first, seen[-1] AS last""";

    // Keyset paging: the rows after the last one of the previous page, in the same order.
    private static final String PAGE = """
            WHERE $after IS NULL OR block > $after.block OR (block = $after.block AND (txIndex > $after.txIndex
              OR (txIndex = $after.txIndex AND (position > $after.position OR (position = $after.position
              AND (from > $after.from OR (from = $after.from AND to > $after.to)))))))
            RETURN tx, block, txIndex, position, time, from, to, asset, amount
            ORDER BY block, txIndex, position, from, to LIMIT $limit""";

    private final Driver driver;

    CounterpartyStore(Driver driver) {
        this.driver = driver;
    }

    /**
     * Every counterparty of an address per direction and asset, in no particular order.
     *
     * @param address canonical form
     * @param filter  the counterparty (if any), asset and directions to include
     * @return empty if the address has no such transfers or the graph does not hold it
     */
    public List<AddressCounterparty> counterparties(Chain chain, String address, FlowFilter filter) {
        return GraphStore.read(driver, movements(chain) + SUMMED, params(chain, address, filter), r -> {
            BigInteger amount = BigInteger.ZERO;
            List<String> amounts = r.get("amounts").asList(Value::asString);
            for (String a : amounts) {
                amount = amount.add(new BigInteger(a));
            }
            return new AddressCounterparty(r.get("other").asString(),
                    FlowDirection.valueOf(r.get("direction").asString().toUpperCase(Locale.ROOT)),
                    r.get("asset").asString(), amount, amounts.size(), sighting(r.get("first")), sighting(r.get("last")));
        });
    }

    /**
     * An address's transfers in chain order (then by payer and payee), a page at a time.
     *
     * @param address canonical form
     * @param filter  the counterparty (if any), asset and directions to include
     * @param after   where the previous page ended, or empty for the first page
     * @param limit   the most transfers to return, 1 or more
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    public List<Transfer> transfers(Chain chain, String address, FlowFilter filter, Optional<TransferPosition> after,
                                    int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
        }
        Map<String, Object> params = params(chain, address, filter);
        params.put("after", after.map(p -> Map.<String, Object>of("block", p.blockNumber(), "txIndex", p.txIndex(),
                "position", p.logIndex(), "from", p.from(), "to", p.to())).orElse(null));
        params.put("limit", limit);
        return GraphStore.read(driver, movements(chain) + PAGE, params, r -> new Transfer(chain,
                r.get("tx").asString(), r.get("block").asLong(), r.get("txIndex").asInt(), r.get("position").asInt(),
                r.get("time").asLong(), r.get("from").asString(), r.get("to").asString(), r.get("asset").asString(),
                new BigInteger(r.get("amount").asString())));
    }

    private static String movements(Chain chain) {
        return chain.isUtxo() ? UTXO_MOVEMENTS : ACCOUNT_MOVEMENTS;
    }

    private static Map<String, Object> params(Chain chain, String address, FlowFilter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("chain", chain.id());
        params.put("address", address);
        params.put("asset", filter.assetKey().orElse(null));
        params.put("counterparty", filter.counterparty().orElse(null));
        params.put("sent", filter.directions().contains(FlowDirection.OUT));
        params.put("received", filter.directions().contains(FlowDirection.IN));
        return params;
    }

    private static Sighting sighting(Value v) {
        return new Sighting(v.get(0).asString(), v.get(1).asLong(), v.get(2).asLong());
    }
}
