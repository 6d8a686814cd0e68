package org.chaintrail.analytics.patterns;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.chaintrail.analytics.patterns.PeelChain.EndReason;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Amounts;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Transfer;

/**
 * Finds peel chains: the layering pattern in which a wallet sends a small piece of its balance to
 * a cash-out point (an exchange deposit address, say) and the large rest to a brand-new address,
 * which does the same, hop after hop.
 *
 * <p>The rule, for one asset. An address {@code A} that received the remainder {@code r} (for a
 * start address: whatever it received, ever) is a <em>peel step</em> when its non-zero outgoing
 * transfers after {@code r} in chain order, to addresses other than itself,
 * <ol>
 *   <li>are two or more;</li>
 *   <li>include one, the <em>remainder</em>, carrying at least {@code remainderShare} (default
 *       80 %) of their sum (the largest output; the earliest of equals);</li>
 *   <li>whose payee is <em>fresh</em>: it had no earlier non-zero transfer of the asset, received
 *       or sent, so this transfer is its first;</li>
 * </ol>
 * and every other output is a <em>peel</em>. The walk moves to the remainder's payee and checks it
 * the same way; the chain ends at the first address that is not a peel step (the reason is
 * reported), at a service (exchange, mixer, OTC desk: funds inside are pooled), or at the maximum
 * length. Chains with at least {@code minLength} steps are reported; shorter walks are listed with
 * their reason. A start that lies on another start's chain is reported as part of that chain.
 * Zero-value transfers (address-poisoning spam) move nothing and are ignored.
 *
 * <p>Cost: the walks from all starts advance together, one hop at a time: per hop, one query for
 * the outgoing transfers of every current chain end and one existence check for the candidate
 * remainders' payees (it stops at the first earlier transfer, so a busy payee is cheap); then one
 * query for the attributions of everything reported. Memory is the outgoing transfers of one hop's
 * chain ends plus the chains found: O(S·L) for S starts and chains of length L.
 *
 * <p>Where it fails. A peel chain that passes through a reused address (one with history in the
 * asset) ends there, as the fresh-address rule demands; so does one that moves the remainder and
 * the peel through an intermediate address, or splits the remainder into several similar parts
 * (no output reaches the share). An address that receives unrelated funds between its hops has
 * those outputs judged with the chain's, which can hide or fake a dominant output. Peels themselves
 * are not followed: a peel that starts a chain of its own is found by giving it as a start. On
 * UTXO chains the change output usually plays the remainder; this detector reads account-chain
 * transfers only.
 */
public final class PeelChainDetector {
    private static final int END_TRANSFERS_SHOWN = 10;

    private final GraphStore store;
    private final PeelChainRequest request;

    /**
     * @param store   the graph
     * @param request where to start and what counts as a peel step
     */
    public PeelChainDetector(GraphStore store, PeelChainRequest request) {
        this.store = Objects.requireNonNull(store, "store");
        this.request = Objects.requireNonNull(request, "request");
    }

    /** Walks from every start and reports the chains found. */
    public PeelChainResult detect() {
        Map<String, Long> snapshot = new TreeMap<>(store.lastBlocks());
        Map<String, Attribution> attributions = new HashMap<>(store.attributions(request.chain(), request.starts()));
        List<Walk> walks = new ArrayList<>();
        List<Walk> active = new ArrayList<>();
        for (String start : request.starts()) {
            Walk walk = new Walk(start);
            walks.add(walk);
            Attribution who = attributions.getOrDefault(start, Attribution.NONE);
            if (who.isTerminal()) {
                walk.end(EndReason.SERVICE, "the start is a service, " + Movement.describe(who)
                        + ": what it sends belongs to its customers, not to a chain", List.of());
            } else {
                active.add(walk);
            }
        }
        while (!active.isEmpty()) {
            active = hop(active);
        }
        Set<String> reported = new HashSet<>();
        walks.forEach(w -> reported.addAll(w.addresses));
        walks.forEach(w -> w.hops.forEach(h -> h.outputs.forEach(t -> reported.add(t.to()))));
        walks.forEach(w -> w.endOutputs.forEach(t -> reported.add(t.to())));
        reported.removeAll(attributions.keySet());
        attributions.putAll(store.attributions(request.chain(), reported));
        walks.forEach(w -> w.stopAtService(attributions));
        return result(walks, attributions, snapshot);
    }

    /** Advances every active walk by one hop; returns the walks that go on. */
    private List<Walk> hop(List<Walk> active) {
        Set<String> heads = new TreeSet<>();
        active.forEach(w -> heads.add(w.head()));
        Map<String, List<Transfer>> sentBy = new HashMap<>();
        for (Transfer t : store.transfersFrom(request.chain(), request.asset().key(), heads)) {
            sentBy.computeIfAbsent(t.from(), a -> new ArrayList<>()).add(t); // chain order is kept
        }
        Map<Walk, Transfer> candidates = new LinkedHashMap<>();
        Map<Walk, List<Transfer>> outputsOf = new HashMap<>();
        for (Walk walk : active) {
            List<Transfer> outputs = sentBy.getOrDefault(walk.head(), List.of()).stream()
                    .filter(t -> t.amount().signum() > 0 && !t.to().equals(t.from()))
                    .filter(t -> walk.arrival == null || Transfer.CHAIN_ORDER.compare(t, walk.arrival) > 0)
                    .toList();
            outputsOf.put(walk, outputs);
            if (outputs.isEmpty()) {
                walk.end(EndReason.HOLDING, (walk.arrival == null ? "has never sent " : "has sent nothing of ")
                        + request.asset().displayName() + (walk.arrival == null ? "" : " since it received the remainder")
                        + ": it still holds the funds", outputs);
                continue;
            }
            if (outputs.size() == 1) {
                walk.end(EndReason.SINGLE_OUTPUT, "sent everything on in one transfer of " + format(outputs.get(0).amount())
                        + " " + request.asset().displayName() + ": no peel", outputs);
                continue;
            }
            BigInteger sent = sum(outputs);
            Transfer largest = outputs.get(0);
            for (Transfer t : outputs) {
                if (t.amount().compareTo(largest.amount()) > 0) {
                    largest = t;
                }
            }
            if (new BigDecimal(largest.amount()).compareTo(request.remainderShare().multiply(new BigDecimal(sent))) < 0) {
                walk.end(EndReason.NO_DOMINANT_OUTPUT, "its largest of " + outputs.size() + " outputs carries "
                        + Movement.percent(largest.amount(), sent) + " of the " + format(sent) + " it sent, less than the "
                        + Movement.percent(request.remainderShare()) + " a remainder carries", outputs);
                continue;
            }
            candidates.put(walk, largest);
        }
        Set<String> fresh = store.transfersWithFreshPayee(candidates.values());
        List<Walk> next = new ArrayList<>();
        for (Map.Entry<Walk, Transfer> candidate : candidates.entrySet()) {
            Walk walk = candidate.getKey();
            Transfer remainder = candidate.getValue();
            List<Transfer> outputs = outputsOf.get(walk);
            if (!fresh.contains(remainder.id())) {
                walk.end(EndReason.REMAINDER_NOT_FRESH, "its largest output (" + Movement.percent(remainder.amount(),
                        sum(outputs)) + ", tx " + remainder.txHash() + ") went to " + remainder.to()
                        + ", which had moved " + request.asset().displayName() + " before: not a fresh address", outputs);
                continue;
            }
            walk.step(outputs, remainder);
            if (walk.hops.size() >= request.maxLength()) {
                walk.end(EndReason.MAX_LENGTH, "the walk stopped at the maximum length of " + request.maxLength()
                        + " peel steps", List.of());
                continue;
            }
            next.add(walk);
        }
        return next;
    }

    private PeelChainResult result(List<Walk> walks, Map<String, Attribution> attributions, Map<String, Long> snapshot) {
        Set<String> inside = new HashSet<>();
        walks.forEach(w -> inside.addAll(w.addresses.subList(1, w.addresses.size())));
        List<PeelChain> chains = new ArrayList<>();
        List<PeelChainResult.ShortRun> shortRuns = new ArrayList<>();
        for (Walk walk : walks) {
            if (inside.contains(walk.start())) {
                continue; // a suffix of a chain found from an earlier start
            }
            if (walk.hops.size() < request.minLength()) {
                shortRuns.add(new PeelChainResult.ShortRun(walk.start(), walk.hops.size(), walk.reason, walk.detail,
                        walk.head()));
            } else {
                chains.add(chain(walk, attributions));
            }
        }
        Asset asset = request.asset();
        var parameters = new PeelChainResult.Parameters(request.chain().id(),
                new TraceResult.AssetRef(asset.symbol().orElse(null), asset.contract().orElse(null),
                        asset.decimals().orElse(null)),
                request.starts(), request.remainderShare().toPlainString(), request.minLength(), request.maxLength());
        return new PeelChainResult(parameters, snapshot, chains, shortRuns);
    }

    private PeelChain chain(Walk walk, Map<String, Attribution> attributions) {
        Optional<Integer> decimals = request.asset().decimals();
        List<PeelChain.Hop> hops = new ArrayList<>();
        List<BigInteger> peelAmounts = new ArrayList<>();
        Map<String, DestinationTally> destinations = new HashMap<>();
        BigInteger peeled = BigInteger.ZERO;
        for (int i = 0; i < walk.hops.size(); i++) {
            Step step = walk.hops.get(i);
            List<Movement> peels = new ArrayList<>();
            for (Transfer t : step.outputs) {
                if (t == step.remainder) {
                    continue;
                }
                Attribution payee = attributions.getOrDefault(t.to(), Attribution.NONE);
                peels.add(Movement.of(t, payee, decimals));
                peelAmounts.add(t.amount());
                peeled = peeled.add(t.amount());
                String entity = Movement.name(payee).orElse(null);
                destinations.computeIfAbsent(entity == null ? "" : entity,
                        k -> new DestinationTally(entity, payee.category().orElse(null))).add(t);
            }
            BigInteger sent = sum(step.outputs);
            hops.add(new PeelChain.Hop(i + 1, step.remainder.from(), format(sent), sent.toString(), peels,
                    Movement.of(step.remainder, attributions.getOrDefault(step.remainder.to(), Attribution.NONE), decimals),
                    Movement.share(step.remainder.amount(), sent)));
        }
        List<Long> intervals = new ArrayList<>();
        for (int i = 1; i < walk.hops.size(); i++) {
            intervals.add(walk.hops.get(i).remainder.timestamp() - walk.hops.get(i - 1).remainder.timestamp());
        }
        List<PeelChain.Destination> places = destinations.values().stream()
                .sorted(Comparator.comparing((DestinationTally d) -> d.amount).reversed()
                        .thenComparing(d -> d.entity == null ? "\uffff" : d.entity))
                .map(d -> new PeelChain.Destination(d.entity, d.category, format(d.amount), d.amount.toString(), d.peels,
                        List.copyOf(d.addresses)))
                .toList();
        List<Movement> endTransfers = walk.endOutputs.stream().limit(END_TRANSFERS_SHOWN)
                .map(t -> Movement.of(t, attributions.getOrDefault(t.to(), Attribution.NONE), decimals)).toList();
        PeelChain.End end = new PeelChain.End(walk.reason, walk.detail, walk.head(), endTransfers, walk.endOutputs.size());
        return new PeelChain(walk.addresses, hops.size(), format(peeled), peeled.toString(), hops, places, end,
                Distribution.ofAmounts(peelAmounts, decimals), Distribution.ofSeconds(intervals));
    }

    private String format(BigInteger baseUnits) {
        return Amounts.format(baseUnits, request.asset().decimals());
    }

    private static BigInteger sum(List<Transfer> transfers) {
        return transfers.stream().map(Transfer::amount).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** One peel step as walked: the outputs considered and which of them is the remainder. */
    private record Step(List<Transfer> outputs, Transfer remainder) {
    }

    /** The walk from one start. Identity equality: each walk is its own key. */
    private static final class Walk {
        final List<String> addresses = new ArrayList<>();
        final List<Step> hops = new ArrayList<>();
        Transfer arrival;
        EndReason reason;
        String detail;
        List<Transfer> endOutputs = List.of();

        Walk(String start) {
            addresses.add(start);
        }

        String start() {
            return addresses.get(0);
        }

        String head() {
            return addresses.get(addresses.size() - 1);
        }

        void step(List<Transfer> outputs, Transfer remainder) {
            hops.add(new Step(outputs, remainder));
            addresses.add(remainder.to());
            arrival = remainder;
        }

        void end(EndReason why, String words, List<Transfer> outputs) {
            reason = why;
            detail = words;
            endOutputs = outputs;
        }

        /** Cuts the chain at the first address after the start that is a service. */
        void stopAtService(Map<String, Attribution> attributions) {
            for (int i = 1; i < addresses.size(); i++) {
                Attribution who = attributions.getOrDefault(addresses.get(i), Attribution.NONE);
                if (who.isTerminal()) {
                    addresses.subList(i + 1, addresses.size()).clear();
                    hops.subList(i, hops.size()).clear();
                    end(EndReason.SERVICE, "the remainder entered " + Movement.describe(who)
                            + ", a service: funds inside are pooled, so the chain ends there", List.of());
                    return;
                }
            }
        }
    }

    /** Peels that reached one entity (or unattributed addresses). */
    private static final class DestinationTally {
        final String entity;
        final String category;
        final Set<String> addresses = new TreeSet<>();
        BigInteger amount = BigInteger.ZERO;
        int peels;

        DestinationTally(String entity, String category) {
            this.entity = entity;
            this.category = category;
        }

        void add(Transfer t) {
            amount = amount.add(t.amount());
            addresses.add(t.to());
            peels++;
        }
    }
}
