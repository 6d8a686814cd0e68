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
import org.chaintrail.analytics.patterns.VictimFanInResult.FanInWallet;
import org.chaintrail.analytics.patterns.VictimFanInResult.Funder;
import org.chaintrail.analytics.patterns.VictimFanInResult.NotFlagged;
import org.chaintrail.analytics.patterns.VictimFanInResult.Payer;
import org.chaintrail.analytics.patterns.VictimFanInResult.Payment;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Amounts;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Transfer;

/**
 * Flags victim fan-in: a wallet that many people pay, each typically for the first time from a
 * wallet freshly funded at an exchange, and that then moves the money on in a few large transfers.
 * It is the signature of the collection wallets of pig-butchering and investment scams.
 *
 * <p>The rule, for one asset, counting only non-zero transfers (zero-value address-poisoning spam
 * moves nothing) and leaving mints (from the zero address) and self-payments aside. A wallet
 * {@code W} is flagged when all of these hold:
 * <ol>
 *   <li>at least {@code minPayers} (default 5) distinct addresses paid it;</li>
 *   <li>at least {@code firstTimeShare} (default 60 %) of them are <em>first-time payers</em>:
 *       the first payment to {@code W} was the payer's first outgoing transfer of the asset, the
 *       payer is not a service, and it is not a <em>collector</em>, one that had itself been paid
 *       by at least {@code minPayers} distinct funders before paying (so a wallet that consolidates
 *       several collection wallets is not mistaken for one that victims paid);</li>
 *   <li>{@code W} consolidates: its {@code maxConsolidationTransfers} (default 3) largest transfers
 *       after the first payment, to addresses that are not its payers, carry at least
 *       {@code consolidationShare} (default 80 %) of everything the payers paid it.</li>
 * </ol>
 * Services (exchanges, mixers, OTC desks, and deposit addresses that joined an exchange) are never
 * flagged: their customers' deposits are a fan-in of first-time payers by design. Each payer is
 * listed with its payments and the funders behind it, whose attribution says where a victim bought
 * the coins.
 *
 * <p>Cost: a scan reads every transfer of the asset once (one aggregate query). Judging W wallets
 * takes seven batched queries whatever W is: attributions of the wallets, their transfers in and out,
 * attributions of payers and recipients, the payers' first outgoing transfers, and the payers'
 * funding with its attributions; memory is those transfers.
 *
 * <p>Where it fails. Victims who pay straight from an exchange account appear as the exchange's
 * hot wallet: one payer, a service, never first-time, so such a scam wallet is under-counted or
 * missed. A scam wallet that holds the proceeds, or drains them in many small transfers, fails the
 * consolidation rule. Payment processors, payroll or airdrop collectors without a label can look
 * the same as scam wallets: a flag is a lead for an analyst, not a finding. A first-time payer
 * whose funding came in another asset shows no funders here.
 */
public final class VictimFanInDetector {
    private static final int FUNDERS_SHOWN = 10;

    private final GraphStore store;
    private final VictimFanInRequest request;

    /**
     * @param store   the graph
     * @param request the wallets to judge and the thresholds
     */
    public VictimFanInDetector(GraphStore store, VictimFanInRequest request) {
        this.store = Objects.requireNonNull(store, "store");
        this.request = Objects.requireNonNull(request, "request");
    }

    /** Judges the candidate wallets (and, when asked, the chain's fan-in addresses). */
    public VictimFanInResult detect() {
        Map<String, Long> snapshot = new TreeMap<>(store.lastBlocks());
        var chain = request.chain();
        String asset = request.asset().key();
        Map<String, Long> scanned = new LinkedHashMap<>();
        boolean truncated = false;
        if (request.scan()) {
            scanned.putAll(store.fanInCandidates(chain, asset, request.minPayers(), request.scanLimit() + 1));
            truncated = scanned.size() > request.scanLimit();
            if (truncated) {
                scanned.remove(new ArrayList<>(scanned.keySet()).get(request.scanLimit()));
            }
        }
        Set<String> wallets = new TreeSet<>(request.candidates());
        wallets.addAll(scanned.keySet());

        Map<String, Attribution> attributions = new HashMap<>(store.attributions(chain, wallets));
        List<NotFlagged> notFlagged = new ArrayList<>();
        List<String> judged = new ArrayList<>();
        for (String wallet : wallets) {
            Attribution who = attributions.getOrDefault(wallet, Attribution.NONE);
            if (who.isTerminal()) {
                notFlagged.add(new NotFlagged(wallet, Math.toIntExact(scanned.getOrDefault(wallet, 0L)), 0, null,
                        List.of("a service, " + Movement.describe(who) + ": deposits from its customers are not victims' payments")));
            } else {
                judged.add(wallet);
            }
        }

        Map<String, List<Transfer>> payments = new HashMap<>();
        for (Transfer t : store.transfersTo(chain, asset, judged)) {
            if (t.amount().signum() > 0 && !t.from().equals(t.to()) && !t.from().equals(chain.zeroAddress())) {
                payments.computeIfAbsent(t.to(), w -> new ArrayList<>()).add(t);
            }
        }
        Map<String, List<Transfer>> sent = new HashMap<>();
        for (Transfer t : store.transfersFrom(chain, asset, judged)) {
            if (t.amount().signum() > 0 && !t.from().equals(t.to())) {
                sent.computeIfAbsent(t.from(), w -> new ArrayList<>()).add(t);
            }
        }
        Set<String> payers = new TreeSet<>();
        payments.values().forEach(list -> list.forEach(t -> payers.add(t.from())));
        Set<String> unknown = new HashSet<>(payers);
        sent.values().forEach(list -> list.forEach(t -> unknown.add(t.to())));
        unknown.removeAll(attributions.keySet());
        attributions.putAll(store.attributions(chain, unknown));

        Set<String> privatePayers = new TreeSet<>();
        payers.forEach(p -> {
            if (!attributions.getOrDefault(p, Attribution.NONE).isTerminal()) {
                privatePayers.add(p);
            }
        });
        Map<String, Transfer> firstSent = store.firstTransfersFrom(chain, asset, privatePayers);
        Map<String, List<Transfer>> funding = new HashMap<>();
        for (Transfer t : store.transfersTo(chain, asset, privatePayers)) {
            if (t.amount().signum() > 0 && !t.from().equals(t.to())) {
                funding.computeIfAbsent(t.to(), p -> new ArrayList<>()).add(t);
            }
        }
        Set<String> funders = new HashSet<>();
        funding.values().forEach(list -> list.forEach(t -> funders.add(t.from())));
        funders.removeAll(attributions.keySet());
        attributions.putAll(store.attributions(chain, funders));

        Context context = new Context(attributions, firstSent, funding);
        List<FanInWallet> flagged = new ArrayList<>();
        for (String wallet : judged) {
            judge(wallet, payments.getOrDefault(wallet, List.of()), sent.getOrDefault(wallet, List.of()), context,
                    flagged, notFlagged);
        }
        flagged.sort(Comparator.comparingInt(FanInWallet::payerCount).reversed().thenComparing(FanInWallet::address));
        notFlagged.sort(Comparator.comparingInt(NotFlagged::payerCount).reversed().thenComparing(NotFlagged::address));

        Asset a = request.asset();
        var parameters = new VictimFanInResult.Parameters(chain.id(),
                new TraceResult.AssetRef(a.symbol().orElse(null), a.contract().orElse(null), a.decimals().orElse(null)),
                request.candidates(), request.scan(), request.minPayers(), request.firstTimeShare().toPlainString(),
                request.consolidationShare().toPlainString(), request.maxConsolidationTransfers(), request.scanLimit());
        return new VictimFanInResult(parameters, snapshot, flagged, notFlagged, truncated);
    }

    /** What the judging of every wallet shares. */
    private record Context(Map<String, Attribution> attributions, Map<String, Transfer> firstSent,
                           Map<String, List<Transfer>> funding) {
        Attribution of(String address) {
            return attributions.getOrDefault(address, Attribution.NONE);
        }
    }

    private void judge(String wallet, List<Transfer> in, List<Transfer> out, Context context, List<FanInWallet> flagged,
                       List<NotFlagged> notFlagged) {
        if (in.isEmpty()) {
            notFlagged.add(new NotFlagged(wallet, 0, 0, null, List.of("no payments of " + request.asset().displayName()
                    + " received")));
            return;
        }
        Map<String, List<Transfer>> byPayer = new LinkedHashMap<>(); // in the order of first payments
        in.forEach(t -> byPayer.computeIfAbsent(t.from(), p -> new ArrayList<>()).add(t));
        List<Payer> payers = new ArrayList<>();
        int firstTimePayers = 0;
        for (Map.Entry<String, List<Transfer>> e : byPayer.entrySet()) {
            Payer payer = payer(e.getKey(), e.getValue(), context);
            payers.add(payer);
            if (payer.firstTime()) {
                firstTimePayers++;
            }
        }
        BigInteger received = sum(in);
        Transfer firstPayment = in.get(0);
        List<Transfer> largest = out.stream()
                .filter(t -> !byPayer.containsKey(t.to()) && Transfer.CHAIN_ORDER.compare(t, firstPayment) > 0)
                .sorted(Comparator.comparing(Transfer::amount).reversed().thenComparing(Transfer.CHAIN_ORDER))
                .limit(request.maxConsolidationTransfers())
                .sorted(Transfer.CHAIN_ORDER)
                .toList();
        BigInteger consolidated = sum(largest);

        List<String> reasons = new ArrayList<>();
        int payerCount = byPayer.size();
        if (payerCount < request.minPayers()) {
            reasons.add(payerCount + " distinct payer(s), fewer than the " + request.minPayers() + " required");
        }
        if (new BigDecimal(firstTimePayers).compareTo(request.firstTimeShare().multiply(new BigDecimal(payerCount))) < 0) {
            reasons.add(firstTimePayers + " of " + payerCount + " payer(s) ("
                    + Movement.percent(BigInteger.valueOf(firstTimePayers), BigInteger.valueOf(payerCount))
                    + ") paid as first-time payers, less than " + Movement.percent(request.firstTimeShare()));
        }
        if (new BigDecimal(consolidated).compareTo(request.consolidationShare().multiply(new BigDecimal(received))) < 0) {
            reasons.add("its " + request.maxConsolidationTransfers() + " largest transfer(s) out to non-payers carry "
                    + Movement.percent(consolidated, received) + " of the " + format(received) + " received, less than "
                    + Movement.percent(request.consolidationShare()));
        }
        String consolidatedShare = Movement.share(consolidated, received);
        if (!reasons.isEmpty()) {
            notFlagged.add(new NotFlagged(wallet, payerCount, firstTimePayers, consolidatedShare, reasons));
            return;
        }
        Optional<Integer> decimals = request.asset().decimals();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < in.size(); i++) {
            gaps.add(in.get(i).timestamp() - in.get(i - 1).timestamp());
        }
        flagged.add(new FanInWallet(wallet, payerCount, firstTimePayers,
                Movement.share(BigInteger.valueOf(firstTimePayers), BigInteger.valueOf(payerCount)),
                format(received), received.toString(), format(consolidated), consolidated.toString(), consolidatedShare,
                largest.stream().map(t -> Movement.of(t, context.of(t.to()), decimals)).toList(), payers,
                Distribution.ofAmounts(in.stream().map(Transfer::amount).toList(), decimals),
                Distribution.ofSeconds(gaps)));
    }

    private Payer payer(String address, List<Transfer> paid, Context context) {
        Transfer first = paid.get(0);
        boolean service = context.of(address).isTerminal();
        Transfer firstSent = context.firstSent().get(address);
        boolean firstOutgoing = !service && firstSent != null && firstSent.id().equals(first.id());
        Map<String, List<Transfer>> byFunder = new TreeMap<>();
        if (!service) {
            context.funding().getOrDefault(address, List.of()).stream()
                    .filter(t -> Transfer.CHAIN_ORDER.compare(t, first) < 0)
                    .forEach(t -> byFunder.computeIfAbsent(t.from(), f -> new ArrayList<>()).add(t));
        }
        boolean collector = byFunder.size() >= request.minPayers();
        Optional<Integer> decimals = request.asset().decimals();
        List<Funder> funders = byFunder.entrySet().stream()
                .map(e -> {
                    Attribution who = context.of(e.getKey());
                    BigInteger amount = sum(e.getValue());
                    return new Funder(e.getKey(), Movement.name(who).orElse(null), who.category().orElse(null),
                            who.via().orElse(null), format(amount), amount.toString(),
                            e.getValue().stream().map(Transfer::txHash).toList());
                })
                .sorted(Comparator.comparing((Funder f) -> new BigInteger(f.baseUnits())).reversed()
                        .thenComparing(Funder::address))
                .limit(FUNDERS_SHOWN)
                .toList();
        BigInteger total = sum(paid);
        List<Payment> payments = paid.stream().map(t -> new Payment(t.txHash(), t.blockNumber(), Movement.time(t.timestamp()),
                Amounts.format(t.amount(), decimals), t.amount().toString())).toList();
        return new Payer(address, firstOutgoing && !collector, firstOutgoing, collector, service, format(total),
                total.toString(), payments, byFunder.size(), funders);
    }

    private String format(BigInteger baseUnits) {
        return Amounts.format(baseUnits, request.asset().decimals());
    }

    private static BigInteger sum(List<Transfer> transfers) {
        return transfers.stream().map(Transfer::amount).reduce(BigInteger.ZERO, BigInteger::add);
    }
}
