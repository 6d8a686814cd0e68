package org.chaintrail.graph;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.chaintrail.model.Chain;
import org.chaintrail.model.ServiceCategory;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * The trace as a user would write it by hand: one variable-length Cypher query from the seeds
 * over {@code (:Address)-[:IN]->(:Transfer {asset})-[:OUT]->(:Address)} hops (backward: the same
 * hops walked from payee to payer), that only follows time-respecting paths (block numbers never
 * decrease along a forward path, never increase along a backward one), does not expand
 * through terminals (a service or sanction label, or membership of a service entity, as in
 * shared/DESIGN.md) and returns the terminals it reaches with the number of paths to each. It
 * computes no taint: it answers only which terminals the seeds' funds could have reached.
 *
 * <p>It is the baseline of the trace benchmark, not a tracer. Neo4j enumerates every path before
 * the time-respecting filter can drop it, so the work grows with the number of paths, roughly
 * the out-degree to the power of the depth, where the hop-by-hop tracer does one query per hop
 * over a frontier that each address joins once. Each run has a time budget; a run that exceeds
 * it is reported as {@link TimedOut}, never as a result.
 */
public final class PlainCypherTrace {
    private static final List<String> STOP_AT = Arrays.stream(ServiceCategory.values())
            .map(ServiceCategory::concept).toList();

    /*
     * Whether an address (%1$s) is a terminal: a service or sanction label, or membership of a
     * service entity. The two halves are asked apart, so a hop can require that neither holds.
     */
    private static final String LABELLED_TERMINAL = """
            EXISTS { (%1$s)-[h:HAS_LABEL]->(l:Label) WHERE h.retractedAt IS NULL
                       AND (l.category IN $stopAt OR l.abuse = 'sanction') }""";
    private static final String ENTITY_TERMINAL = "EXISTS { (%1$s)-[:MEMBER_OF]->(e:Entity) WHERE e.category IN $stopAt }";

    /*
     * One way's query: hops of %1$s (whose first address is not a terminal) from the seeds, each
     * transfer's block %2$s the next one's, to a terminal. The quantifier of a quantified path
     * pattern cannot be a parameter: %3$d is the validated depth.
     */
    private static final String QUERY = """
            UNWIND $seeds AS seed
            MATCH (s:Address {chain: $chain, address: seed})
            MATCH (s) (%1$s
                       WHERE NOT %4$s
                         AND NOT %5$s){1,%3$d} (x:Address)
            WHERE all(i IN range(0, size(t) - 2) WHERE t[i].blockNumber %2$s t[i + 1].blockNumber)
              AND (%6$s
                   OR %7$s)
            RETURN x.address AS terminal, count(*) AS paths
            ORDER BY terminal""";

    /** Which way the query walks: with the money (where did it go) or against it (where did it come from). */
    public enum Way {
        /** Payer to payee, each transfer no earlier than the one before it. */
        FORWARD("(a:Address)-[:IN]->(t:Transfer {asset: $asset})-[:OUT]->(b:Address)", "<="),
        /** Payee to payer, each transfer no later than the one before it. */
        BACKWARD("(a:Address)<-[:OUT]-(t:Transfer {asset: $asset})<-[:IN]-(b:Address)", ">=");

        private final String hop;
        private final String order;

        Way(String hop, String order) {
            this.hop = hop;
            this.order = order;
        }

        String query(int maxHops) {
            return QUERY.formatted(hop, order, maxHops, LABELLED_TERMINAL.formatted("a"), ENTITY_TERMINAL.formatted("a"),
                    LABELLED_TERMINAL.formatted("x"), ENTITY_TERMINAL.formatted("x"));
        }
    }

    private final GraphConnection connection;

    /**
     * @param connection the graph; its driver runs the query
     */
    public PlainCypherTrace(GraphConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Runs the forward query once.
     *
     * @see #run(Chain, Collection, String, int, Duration, Way)
     */
    public Outcome run(Chain chain, Collection<String> seeds, String assetKey, int maxHops, Duration budget) {
        return run(chain, seeds, assetKey, maxHops, budget, Way.FORWARD);
    }

    /**
     * Runs the query once.
     *
     * @param chain    the chain
     * @param seeds    seed addresses, at least one
     * @param assetKey the token contract, or {@code native}
     * @param maxHops  the path length limit in transfers, 1..50
     * @param budget   the transaction timeout the server enforces
     * @param way      forward (payer to payee) or backward
     * @return the terminals reached, or {@link TimedOut} if the budget ran out first
     * @throws IllegalArgumentException if there is no seed, or maxHops or the budget is out of range
     */
    public Outcome run(Chain chain, Collection<String> seeds, String assetKey, int maxHops, Duration budget, Way way) {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(way, "way");
        Objects.requireNonNull(assetKey, "assetKey");
        if (seeds == null || seeds.isEmpty()) {
            throw new IllegalArgumentException("at least one seed address is needed");
        }
        if (maxHops < 1 || maxHops > 50) {
            throw new IllegalArgumentException("max hops must be 1..50, was " + maxHops);
        }
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("time budget must be positive, was " + budget);
        }
        Map<String, Object> params = Map.of("chain", chain.id(), "asset", assetKey, "stopAt", STOP_AT,
                "seeds", seeds.stream().map(chain::canonicalAddress).distinct().sorted().toList());
        TransactionConfig config = TransactionConfig.builder().withTimeout(budget).build();
        try (var session = connection.driver().session()) {
            List<Reached> reached = session.executeRead(tx -> tx.run(way.query(maxHops), params)
                    .list(r -> new Reached(r.get("terminal").asString(), r.get("paths").asLong())), config);
            return new Finished(reached);
        } catch (Neo4jException e) {
            if (e.code() != null && e.code().contains("TransactionTimedOut")) {
                return new TimedOut(budget);
            }
            throw e;
        }
    }

    /** What one run of the query gave. */
    public sealed interface Outcome permits Finished, TimedOut {
    }

    /**
     * The query finished.
     *
     * @param terminals the terminals reached, by address, each with its number of paths
     */
    public record Finished(List<Reached> terminals) implements Outcome {
        public Finished {
            terminals = List.copyOf(terminals);
        }

        /** The paths found, over all terminals. */
        public long paths() {
            return terminals.stream().mapToLong(Reached::paths).sum();
        }
    }

    /**
     * The server stopped the query at its time budget.
     *
     * @param budget the budget it exceeded
     */
    public record TimedOut(Duration budget) implements Outcome {
    }

    /**
     * A terminal the query reached.
     *
     * @param address the terminal
     * @param paths   time-respecting paths from any seed that end there
     */
    public record Reached(String address, long paths) {
    }
}
