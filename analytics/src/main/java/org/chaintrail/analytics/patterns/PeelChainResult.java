package org.chaintrail.analytics.patterns;

import java.util.List;
import java.util.Map;
import org.chaintrail.analytics.tracing.TraceResult;

/**
 * What the peel-chain detector found, in the shape the CLI prints. The same graph and request give
 * the same result, field for field and in the same order.
 *
 * @param parameters what was asked
 * @param snapshot   the last block stored per chain when the detector ran
 * @param chains     the chains of at least the minimum length, in the order of their start addresses
 * @param shortRuns  the starts whose walk stopped short of the minimum length, with the reason: what
 *                   was checked and not found
 */
public record PeelChainResult(Parameters parameters, Map<String, Long> snapshot, List<PeelChain> chains,
                              List<ShortRun> shortRuns) {
    public PeelChainResult {
        snapshot = Map.copyOf(snapshot);
        chains = List.copyOf(chains);
        shortRuns = List.copyOf(shortRuns);
    }

    /**
     * The request as it was run.
     *
     * @param chain          chain id
     * @param asset          the asset walked
     * @param starts         the start addresses, sorted
     * @param remainderShare the least share a remainder carries
     * @param minLength      the fewest peel steps reported as a chain
     * @param maxLength      the most peel steps walked
     */
    public record Parameters(String chain, TraceResult.AssetRef asset, List<String> starts, String remainderShare,
                             int minLength, int maxLength) {
        public Parameters {
            starts = List.copyOf(starts);
        }
    }

    /**
     * A start whose walk made fewer peel steps than the minimum.
     *
     * @param start   the start address
     * @param length  the peel steps it made
     * @param reason  why the walk stopped
     * @param detail  the reason in words
     * @param address where it stopped
     */
    public record ShortRun(String start, int length, PeelChain.EndReason reason, String detail, String address) {
    }
}
