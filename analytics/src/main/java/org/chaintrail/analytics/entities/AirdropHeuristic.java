package org.chaintrail.analytics.entities;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.AddressTraits;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Transfer;

/**
 * Airdrop multi-participation (Victor 2020): someone who collects an airdrop with many addresses
 * gathers the tokens afterwards in one of his own. When several recipients of an airdrop forward
 * that token to one address Y, each of them is joined with Y.
 *
 * <p><b>An airdrop</b> here is one distributor sending one token in one amount (above zero) to at
 * least {@code minRecipients} distinct addresses (default {@value #DEFAULT_MIN_RECIPIENTS}) within
 * {@code windowBlocks} consecutive blocks (default {@value #DEFAULT_WINDOW_BLOCKS}: about 3 h 20 min
 * on Ethereum, 50 min on Tron). Equal amounts are what set an airdrop apart from an exchange's
 * withdrawals or a pool's swaps; a pro-rata airdrop (every recipient a different amount) is
 * missed. The distributor may be the zero address (an airdrop by mint). It must not be a service,
 * and it must have received the token from at most {@code maxDistributorSources} distinct
 * addresses (default {@value #DEFAULT_MAX_SOURCES}) over the whole graph: a project's distribution
 * wallet is funded by its treasury, while an exchange hot wallet or a DEX pool that happens to pay
 * twenty equal amounts receives the token from thousands.
 *
 * <p><b>A forward</b> is a transfer of the airdropped token, above zero, from a recipient to an
 * address Y after (in chain order) the recipient's first airdrop receipt. Y must not be the
 * recipient, the zero address or a distributor of the token. Recipients forwarding to Y are
 * counted per token, over all its airdrops.
 *
 * <p><b>The rule:</b> Y and each recipient that forwarded to it are joined when at least
 * {@code minForwarders} (default {@value #DEFAULT_MIN_FORWARDERS}) distinct recipients forwarded the
 * token to Y, counting only recipients that are neither a service nor a token contract; Y is
 * shown to be an externally owned account (it paid the native value of a transaction, which no
 * contract can: this keeps the token's DEX pools and routers out, where recipients sell) and is no
 * service, so no exchange and no exchange deposit address (those are members of the exchange's
 * entity). Evidence of a link: the recipient's first airdrop receipt, its forwards to Y, then the
 * transaction that shows Y is an EOA.
 *
 * <p><b>False positives:</b> an unlabelled OTC desk, market maker or merchant that several
 * recipients sold or paid the token to directly; an unlabelled exchange's deposit address that
 * several recipients share (exchanges give one per customer, so that is rare); a distribution
 * wallet funded by few sources that is in fact a small exchange or a payroll. A single address
 * that forwards to Y is never enough. Whatever the graph does not hold (an airdrop partly
 * ingested, Y's transactions without value) makes the rule miss links, not invent them.
 *
 * <p>Reads every token transfer of the chain once ({@link GraphStore#equalAmountFanOuts}), then
 * the transfers received by the distributors and sent by the recipients, per token. Output order:
 * by token, then Y, then recipient.
 */
public final class AirdropHeuristic {
    public static final int DEFAULT_MIN_RECIPIENTS = 20;
    public static final int DEFAULT_WINDOW_BLOCKS = 1_000;
    public static final int DEFAULT_MIN_FORWARDERS = 2;
    public static final int DEFAULT_MAX_SOURCES = 3;

    /**
     * The thresholds.
     *
     * @param minRecipients         distinct recipients that make an airdrop, 2 or more
     * @param windowBlocks          the blocks an airdrop may span, 1 or more
     * @param minForwarders         distinct recipients that must forward to one address, 2 or more
     * @param maxDistributorSources the most distinct addresses a distributor may have received the token from, 0 or more
     */
    public record Rules(int minRecipients, int windowBlocks, int minForwarders, int maxDistributorSources) {
        /** @throws IllegalArgumentException naming the threshold out of range */
        public Rules {
            if (minRecipients < 2) {
                throw new IllegalArgumentException("min recipients must be 2 or more, was " + minRecipients);
            }
            if (windowBlocks < 1) {
                throw new IllegalArgumentException("window must be 1 block or more, was " + windowBlocks);
            }
            if (minForwarders < 2) {
                throw new IllegalArgumentException("min forwarders must be 2 or more, was " + minForwarders);
            }
            if (maxDistributorSources < 0) {
                throw new IllegalArgumentException("max distributor sources must not be negative, was "
                        + maxDistributorSources);
            }
        }

        /** 20 recipients in 1,000 blocks, 2 forwarders, 3 sources. */
        public static Rules defaults() {
            return new Rules(DEFAULT_MIN_RECIPIENTS, DEFAULT_WINDOW_BLOCKS, DEFAULT_MIN_FORWARDERS, DEFAULT_MAX_SOURCES);
        }
    }

    private final GraphStore store;
    private final Chain chain;
    private final Rules rules;

    /** The rule with {@link Rules#defaults()}. */
    public AirdropHeuristic(GraphStore store, Chain chain) {
        this(store, chain, Rules.defaults());
    }

    /** @throws IllegalArgumentException if the chain is a UTXO chain */
    public AirdropHeuristic(GraphStore store, Chain chain, Rules rules) {
        if (chain.isUtxo()) {
            throw new IllegalArgumentException("the airdrop heuristic is for account chains, was " + chain.id());
        }
        this.store = store;
        this.chain = chain;
        this.rules = rules;
    }

    /** The recipient–Y links, each with its airdrop receipt, forwards and Y's proof of being an EOA. */
    public List<AccountLink> links() {
        Map<String, List<Transfer>> airdrops = airdrops();
        Map<String, Set<String>> distributors = new TreeMap<>();
        airdrops.forEach((token, ts) -> ts.forEach(t ->
                distributors.computeIfAbsent(token, k -> new TreeSet<>()).add(t.from())));
        Map<String, Map<String, Transfer>> receipts = firstReceipts(airdrops, doubtfulDistributors(distributors));
        return links(receipts, gatherings(receipts, distributors));
    }

    /** Token → the transfers of its airdrops: the fan-outs' transfers that lie in a dense enough window. */
    private Map<String, List<Transfer>> airdrops() {
        Map<String, List<Transfer>> airdrops = new TreeMap<>();
        for (List<Transfer> group : groups(store.equalAmountFanOuts(chain, rules.minRecipients()))) {
            List<Transfer> within = withinWindows(group);
            if (!within.isEmpty()) {
                airdrops.computeIfAbsent(within.get(0).assetKey(), k -> new ArrayList<>()).addAll(within);
            }
        }
        return airdrops;
    }

    /** Token → recipient → its first receipt from an airdrop whose distributor is not doubtful. */
    private static Map<String, Map<String, Transfer>> firstReceipts(Map<String, List<Transfer>> airdrops,
                                                                    Set<String> doubtful) {
        Map<String, Map<String, Transfer>> receipts = new TreeMap<>();
        airdrops.forEach((token, ts) -> {
            Map<String, Transfer> first = new HashMap<>();
            ts.stream().filter(t -> !doubtful.contains(token + ":" + t.from())).sorted(Transfer.CHAIN_ORDER)
                    .forEach(t -> first.putIfAbsent(t.to(), t));
            if (!first.isEmpty()) {
                receipts.put(token, first);
            }
        });
        return receipts;
    }

    /**
     * Token → Y → recipient → its forwards to Y, only for the Ys that at least
     * {@code minForwarders} recipients forwarded the token to.
     */
    private Map<String, Map<String, Map<String, List<Transfer>>>> gatherings(
            Map<String, Map<String, Transfer>> receipts, Map<String, Set<String>> distributors) {
        Map<String, Map<String, Map<String, List<Transfer>>>> gatherings = new TreeMap<>();
        receipts.forEach((token, first) -> {
            Map<String, Map<String, List<Transfer>>> byTarget = new TreeMap<>();
            for (Transfer f : store.transfersFrom(chain, token, first.keySet())) {
                if (f.amount().signum() > 0 && Transfer.CHAIN_ORDER.compare(f, first.get(f.from())) > 0
                        && !f.to().equals(f.from()) && !f.to().equals(chain.zeroAddress())
                        && !distributors.get(token).contains(f.to())) {
                    byTarget.computeIfAbsent(f.to(), k -> new TreeMap<>())
                            .computeIfAbsent(f.from(), k -> new ArrayList<>()).add(f);
                }
            }
            byTarget.values().removeIf(byRecipient -> byRecipient.size() < rules.minForwarders());
            if (!byTarget.isEmpty()) {
                gatherings.put(token, byTarget);
            }
        });
        return gatherings;
    }

    /** The links of the gatherings whose Y is a non-service EOA and that keep enough eligible recipients. */
    private List<AccountLink> links(Map<String, Map<String, Transfer>> receipts,
                                    Map<String, Map<String, Map<String, List<Transfer>>>> gatherings) {
        Set<String> parties = new HashSet<>();
        gatherings.values().forEach(byTarget -> byTarget.forEach((y, byRecipient) -> {
            parties.add(y);
            parties.addAll(byRecipient.keySet());
        }));
        Map<String, AddressTraits> traits = store.traits(chain, parties, EntityResolver.serviceCategories());
        List<AccountLink> links = new ArrayList<>();
        gatherings.forEach((token, byTarget) -> byTarget.forEach((y, byRecipient) -> {
            AddressTraits target = traits.get(y);
            if (target == null || !target.isExternallyOwned() || target.isService()) {
                return;
            }
            Map<String, List<Transfer>> eligible = new LinkedHashMap<>();
            byRecipient.forEach((r, sent) -> {
                AddressTraits recipient = traits.get(r);
                if (recipient != null && !recipient.isService() && !recipient.tokenContract()) {
                    eligible.put(r, sent);
                }
            });
            if (eligible.size() < rules.minForwarders()) {
                return;
            }
            eligible.forEach((r, sent) -> {
                Set<String> evidence = new LinkedHashSet<>();
                evidence.add(receipts.get(token).get(r).txHash());
                sent.forEach(f -> evidence.add(f.txHash()));
                evidence.add(target.sentTransaction().orElseThrow());
                links.add(new AccountLink(r, y, AccountHeuristic.AIRDROP, List.copyOf(evidence)));
            });
        }));
        return links;
    }

    /** Transfers of one payer, token and amount, each group in chain order. */
    private static List<List<Transfer>> groups(List<Transfer> fanOuts) {
        Map<List<String>, List<Transfer>> groups = new LinkedHashMap<>();
        for (Transfer t : fanOuts) {
            groups.computeIfAbsent(List.of(t.from(), t.assetKey(), t.amount().toString()), k -> new ArrayList<>()).add(t);
        }
        groups.values().forEach(g -> g.sort(Transfer.CHAIN_ORDER));
        return List.copyOf(groups.values());
    }

    /**
     * The transfers of a group that lie in some run of {@code windowBlocks} blocks holding at least
     * {@code minRecipients} distinct recipients. Two pointers over the group: O(n).
     */
    private List<Transfer> withinWindows(List<Transfer> group) {
        boolean[] in = new boolean[group.size()];
        Map<String, Integer> recipients = new HashMap<>();
        int right = 0;
        int marked = 0;
        for (int left = 0; left < group.size(); left++) {
            long end = group.get(left).blockNumber() + rules.windowBlocks();
            while (right < group.size() && group.get(right).blockNumber() < end) {
                recipients.merge(group.get(right).to(), 1, Integer::sum);
                right++;
            }
            if (recipients.size() >= rules.minRecipients()) {
                for (int k = Math.max(left, marked); k < right; k++) {
                    in[k] = true;
                }
                marked = right;
            }
            recipients.computeIfPresent(group.get(left).to(), (k, n) -> n == 1 ? null : n - 1);
        }
        List<Transfer> result = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            if (in[i]) {
                result.add(group.get(i));
            }
        }
        return result;
    }

    /**
     * The distributors, as {@code token:address}, whose airdrops do not count: services, and those
     * that received the token from more than {@code maxDistributorSources} others (not a
     * distribution wallet).
     */
    private Set<String> doubtfulDistributors(Map<String, Set<String>> distributors) {
        Set<String> all = new HashSet<>();
        distributors.values().forEach(all::addAll);
        Map<String, AddressTraits> traits = store.traits(chain, all, EntityResolver.serviceCategories());
        Set<String> doubtful = new HashSet<>();
        distributors.forEach((token, senders) -> {
            Map<String, Set<String>> sources = new HashMap<>();
            for (Transfer t : store.transfersTo(chain, token, senders)) {
                if (!t.from().equals(t.to())) {
                    sources.computeIfAbsent(t.to(), k -> new HashSet<>()).add(t.from());
                }
            }
            for (String d : senders) {
                AddressTraits dt = traits.get(d);
                if ((dt != null && dt.isService())
                        || sources.getOrDefault(d, Set.of()).size() > rules.maxDistributorSources()) {
                    doubtful.add(token + ":" + d);
                }
            }
        });
        return doubtful;
    }
}
