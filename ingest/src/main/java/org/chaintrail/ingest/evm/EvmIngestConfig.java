package org.chaintrail.ingest.evm;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.Chain;

/**
 * What to ingest from which node, and how hard to push it.
 *
 * @param rpc                the node's JSON-RPC URL (for Tron, its {@code /jsonrpc})
 * @param chain              the chain the node serves
 * @param fromBlock          the first block, when there is no checkpoint to resume from
 * @param toBlock            the last block; empty: the head less the confirmations
 * @param follow             keep going as the chain grows
 * @param tokens             token contracts to ingest, canonical form; empty means all
 * @param confirmations      how far behind the head to stay when no {@code toBlock} is given
 * @param traces             where internal transfers come from
 * @param fetchers           concurrent block fetches
 * @param blocksPerRequest   blocks per batch request
 * @param batchTransfers     transfers per write transaction (a write also happens at the end of
 *                           each round of fetching, so the checkpoint keeps up with the chain)
 * @param timeout            per request
 * @param backoff            retry policy
 * @param pollInterval       how often to look for new blocks when following
 * @param maxReorgDepth      the deepest reorganisation rolled back before giving up
 */
public record EvmIngestConfig(URI rpc, Chain chain, OptionalLong fromBlock, OptionalLong toBlock, boolean follow,
                              Set<String> tokens, int confirmations, TraceSource traces, int fetchers,
                              int blocksPerRequest, int batchTransfers, Duration timeout, Backoff backoff,
                              Duration pollInterval, int maxReorgDepth) {
    public EvmIngestConfig {
        Objects.requireNonNull(rpc, "rpc");
        Objects.requireNonNull(chain, "chain");
        tokens = Set.copyOf(tokens);
        if (follow && toBlock.isPresent()) {
            throw new IllegalArgumentException("--follow and --to-block exclude each other");
        }
        if (confirmations < 0 || fetchers < 1 || blocksPerRequest < 1 || batchTransfers < 1 || maxReorgDepth < 1) {
            throw new IllegalArgumentException("confirmations must be ≥ 0 and the sizes ≥ 1");
        }
        if (fromBlock.isPresent() && fromBlock.getAsLong() < 0) {
            throw new IllegalArgumentException("--from-block must not be negative");
        }
        if (fromBlock.isPresent() && toBlock.isPresent() && toBlock.getAsLong() < fromBlock.getAsLong()) {
            throw new IllegalArgumentException("--to-block " + toBlock.getAsLong() + " is below --from-block "
                    + fromBlock.getAsLong());
        }
    }

    /** The defaults for a node on the network: 4 fetchers of 10 blocks, 12 confirmations, all tokens. */
    public static EvmIngestConfig of(URI rpc, Chain chain) {
        return new EvmIngestConfig(rpc, chain, OptionalLong.empty(), OptionalLong.empty(), false, Set.of(), 12,
                TraceSource.AUTO, 4, 10, 20_000, Duration.ofSeconds(30), Backoff.DEFAULT, Duration.ofSeconds(5), 256);
    }

    public EvmIngestConfig withRange(OptionalLong from, OptionalLong to) {
        return new EvmIngestConfig(rpc, chain, from, to, follow, tokens, confirmations, traces, fetchers,
                blocksPerRequest, batchTransfers, timeout, backoff, pollInterval, maxReorgDepth);
    }

    public EvmIngestConfig withFollow(boolean follow, Duration pollInterval) {
        return new EvmIngestConfig(rpc, chain, fromBlock, toBlock, follow, tokens, confirmations, traces, fetchers,
                blocksPerRequest, batchTransfers, timeout, backoff, pollInterval, maxReorgDepth);
    }

    public EvmIngestConfig withTokens(Set<String> tokens) {
        return new EvmIngestConfig(rpc, chain, fromBlock, toBlock, follow, tokens, confirmations, traces, fetchers,
                blocksPerRequest, batchTransfers, timeout, backoff, pollInterval, maxReorgDepth);
    }

    public EvmIngestConfig withConfirmations(int confirmations) {
        return new EvmIngestConfig(rpc, chain, fromBlock, toBlock, follow, tokens, confirmations, traces, fetchers,
                blocksPerRequest, batchTransfers, timeout, backoff, pollInterval, maxReorgDepth);
    }

    public EvmIngestConfig withTraces(TraceSource traces) {
        return new EvmIngestConfig(rpc, chain, fromBlock, toBlock, follow, tokens, confirmations, traces, fetchers,
                blocksPerRequest, batchTransfers, timeout, backoff, pollInterval, maxReorgDepth);
    }

    public EvmIngestConfig withThroughput(int fetchers, int blocksPerRequest, int batchTransfers) {
        return new EvmIngestConfig(rpc, chain, fromBlock, toBlock, follow, tokens, confirmations, traces, fetchers,
                blocksPerRequest, batchTransfers, timeout, backoff, pollInterval, maxReorgDepth);
    }

    public EvmIngestConfig withRetries(Duration timeout, Backoff backoff) {
        return new EvmIngestConfig(rpc, chain, fromBlock, toBlock, follow, tokens, confirmations, traces, fetchers,
                blocksPerRequest, batchTransfers, timeout, backoff, pollInterval, maxReorgDepth);
    }
}
