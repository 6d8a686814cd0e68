package org.chaintrail.analytics.tracing;

import java.util.List;
import java.util.Map;

/**
 * A trace's answer, in the shape the CLI prints and the API returns. Amounts are decimal strings
 * in token units, rounded half-even to the asset's base unit; every figure names the transactions
 * behind it. The same graph and request give the same result, field for field and in the same order.
 *
 * @param parameters what was asked
 * @param snapshot   the last block stored per chain when the trace ran
 * @param summary    totals
 * @param endpoints  terminals that received taint, largest first
 * @param entities   per-entity totals over the endpoints, largest first
 * @param holders    unattributed addresses still holding taint at the end of the data, largest first:
 *                   the wallets to watch
 * @param flows      every transfer that carried taint, in chain order
 */
public record TraceResult(Parameters parameters, Map<String, Long> snapshot, Summary summary,
                          List<Endpoint> endpoints, List<EntityTotal> entities, List<Holder> holders,
                          List<Flow> flows) {
    public TraceResult {
        snapshot = Map.copyOf(snapshot);
        endpoints = List.copyOf(endpoints);
        entities = List.copyOf(entities);
        holders = List.copyOf(holders);
        flows = List.copyOf(flows);
    }

    /**
     * The request as it was run.
     *
     * @param chain     chain id
     * @param asset     the asset followed
     * @param seeds     the seed addresses, sorted
     * @param direction forward or backward
     * @param model     taint model name
     * @param maxHops   the hop limit
     * @param since     first block or time followed (ISO-8601), or null
     * @param until     last block or time followed (ISO-8601), or null
     * @param minAmount the dust limit in token units
     * @param stopAt    the categories treated as terminals, sorted
     */
    public record Parameters(String chain, AssetRef asset, List<String> seeds, String direction, String model,
                             int maxHops, String since, String until, String minAmount, List<String> stopAt) {
    }

    /**
     * @param symbol   ticker, or null when unknown
     * @param contract token contract, or null for the native coin
     * @param decimals decimals, or null when unknown (amounts are then base units)
     */
    public record AssetRef(String symbol, String contract, Integer decimals) {
    }

    /**
     * @param id       entity id
     * @param name     name
     * @param category TagPack category
     */
    public record EntityRef(String id, String name, String category) {
    }

    /**
     * Where the seeds' funds went (forward) or came from (backward):
     * {@code seedFlow = taintedToEndpoints + taintStillHeld + the cuts + taintBurned}, each
     * rounded on its own. Poison does not conserve taint, so there the parts can exceed the whole.
     *
     * @param seedFlow           what the seeds sent to (forward) or received from (backward) other addresses
     * @param taintedToEndpoints taint that reached terminals
     * @param taintStillHeld     taint resting with unattributed addresses at the end of the data
     * @param cutByHopLimit      taint not followed beyond the hop limit
     * @param cutByWindow        taint carried by transfers outside the time or block window
     * @param cutAsDust          taint carried by transfers below the minimum amount
     * @param taintBurned        taint sent to the zero address
     * @param flowCount          transfers that carried taint and were followed
     * @param cutByTimeBudget    where discovery stopped because its time budget ran out, or null when it did not
     */
    public record Summary(String seedFlow, String taintedToEndpoints, String taintStillHeld, Cut cutByHopLimit,
                          Cut cutByWindow, Cut cutAsDust, String taintBurned, int flowCount,
                          TimeBudgetCut cutByTimeBudget) {
    }

    /**
     * A trace whose time budget ran out: it followed {@code hops} hops and replayed what they found.
     * The taint resting at addresses it reached but had no time to follow further is counted here,
     * not as still held: it may well have moved on.
     *
     * @param budgetMillis the budget, in milliseconds
     * @param hops         hops followed before it ran out
     * @param taint        taint at the addresses reached but not followed
     * @param addresses    how many such addresses (UTXO: outputs' owners) hold it
     */
    public record TimeBudgetCut(long budgetMillis, int hops, String taint, int addresses) {
    }

    /**
     * Taint a limit stopped.
     *
     * @param taint     the tainted amount not followed
     * @param transfers the transfers that carried it
     */
    public record Cut(String taint, int transfers) {
    }

    /**
     * An unattributed address where the trail rests: forward, it still holds proceeds when the data
     * ends; backward, funds it passed towards the seeds have no earlier source in the data.
     *
     * @param address       the address
     * @param taintedAmount taint it holds
     * @param hop           transfers from the nearest seed
     */
    public record Holder(String address, String taintedAmount, int hop) {
    }

    /**
     * A terminal that taint reached: forward, a terminal that received proceeds; backward, a
     * terminal the seeds' funds came from.
     *
     * @param address            the terminal
     * @param entity             its entity, or null
     * @param category           its category, or null
     * @param via                how it is attributed: {@code label}, {@code deposit-address}, or null
     * @param asset              the asset symbol (or contract)
     * @param taintedAmount      taint received
     * @param shareOfSeedFlow    taintedAmount / seedFlow, 6 decimals
     * @param txHashes           the transactions that brought the taint, in chain order
     * @param firstTime          first such transaction, ISO-8601 UTC
     * @param lastTime           last such transaction, ISO-8601 UTC
     */
    public record Endpoint(String address, EntityRef entity, String category, String via, String asset,
                           String taintedAmount, String shareOfSeedFlow, List<String> txHashes,
                           String firstTime, String lastTime) {
    }

    /**
     * @param entity        the entity
     * @param taintedAmount taint received over all its endpoint addresses
     * @param addresses     those addresses, sorted
     */
    public record EntityTotal(EntityRef entity, String taintedAmount, List<String> addresses) {
    }

    /**
     * A transfer that carried taint, with {@code from} and {@code to} as on chain.
     *
     * @param txHash        transaction
     * @param blockNumber   block
     * @param timestamp     ISO-8601 UTC
     * @param from          payer
     * @param to            payee
     * @param asset         asset symbol (or contract)
     * @param amount        the whole amount moved
     * @param taintedAmount the tainted part of it
     * @param hop           transfers from the nearest seed (1 = sent by a seed)
     */
    public record Flow(String txHash, long blockNumber, String timestamp, String from, String to, String asset,
                       String amount, String taintedAmount, int hop) {
    }
}
