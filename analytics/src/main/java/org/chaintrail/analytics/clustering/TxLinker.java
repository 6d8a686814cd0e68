package org.chaintrail.analytics.clustering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the {@link UtxoHeuristic}s to one transaction: which of its addresses belong together,
 * and the evidence for each link.
 *
 * <p>In order: a coinbase links nothing. A transaction of a known CoinJoin shape
 * ({@link CoinJoinDetector}) links nothing, and the verdict says why. Otherwise common-input
 * ownership links each distinct input address to the first input's address (the first input with
 * an address, if an input's address is unknown). Then each enabled change rule names the change
 * output or stays silent; the change is linked to the first input's address. When enabled change
 * rules name different outputs, at most one of them is right and none is linked: the transaction
 * counts as a conflict.
 *
 * <p>Links come in a fixed order (common-input by input position, then change rules in the order
 * of {@link UtxoHeuristic}), so equal input gives equal output. Cost: O(k) for a transaction of k
 * inputs and outputs, O(k log k) for large ones. Immutable and thread-safe, given a history that is.
 */
public final class TxLinker {
    /** Above this many input × output pairs, distinctness and self-change are checked by sorting. */
    private static final int QUADRATIC_LIMIT = 1_024;

    private final Set<UtxoHeuristic> enabled;
    private final boolean oneTime;
    private final boolean scriptType;
    private final boolean roundPayment;

    /**
     * @param enabled the rules to apply; common-input ownership is applied whether listed or not
     */
    public TxLinker(Set<UtxoHeuristic> enabled) {
        EnumSet<UtxoHeuristic> rules = EnumSet.of(UtxoHeuristic.COMMON_INPUT);
        rules.addAll(Objects.requireNonNull(enabled, "enabled"));
        this.enabled = Collections.unmodifiableSet(rules);
        oneTime = rules.contains(UtxoHeuristic.CHANGE_ONE_TIME);
        scriptType = rules.contains(UtxoHeuristic.CHANGE_SCRIPT_TYPE);
        roundPayment = rules.contains(UtxoHeuristic.CHANGE_ROUND_PAYMENT);
    }

    /** The rules applied, common-input always among them. */
    public Set<UtxoHeuristic> enabled() {
        return enabled;
    }

    /**
     * What one transaction says.
     *
     * @param coinJoin the CoinJoin verdict, when the transaction was skipped as one
     * @param links    the links, empty for a coinbase or a CoinJoin
     * @param conflict whether enabled change rules named different change outputs, so none was linked
     */
    public record Result(Optional<CoinJoinVerdict> coinJoin, List<Link> links, boolean conflict) {
        public Result {
            Objects.requireNonNull(coinJoin, "coinJoin");
            links = List.copyOf(links);
        }
    }

    /**
     * Links the addresses of one transaction.
     *
     * @param tx      the transaction
     * @param history what came before it in chain order; only the one-time change rule asks
     */
    public Result link(ClusterTx tx, AddressHistory history) {
        List<Link> links = new ArrayList<>();
        Outcome outcome = apply(tx, history, (heuristic, a, b, anchor, position) ->
                links.add(new Link(a, b, heuristic, evidence(tx, heuristic, anchor, position))));
        return new Result(outcome.coinJoin(), links, outcome.conflict());
    }

    /** Receives links without evidence text: the clusterer's path, which has millions to apply. */
    @FunctionalInterface
    interface LinkSink {
        /**
         * @param anchor   the position of the first input with an address, a's position
         * @param position b's position: an input for common-input, an output for the change rules
         */
        void link(UtxoHeuristic heuristic, int a, int b, int anchor, int position);
    }

    /** What {@link #apply} found besides links. */
    record Outcome(Optional<CoinJoinVerdict> coinJoin, boolean conflict) {
        static final Outcome PLAIN = new Outcome(Optional.empty(), false);
        static final Outcome CONFLICT = new Outcome(Optional.empty(), true);
    }

    Outcome apply(ClusterTx tx, AddressHistory history, LinkSink sink) {
        int[] inputs = tx.inputs();
        if (inputs.length == 0) {
            return Outcome.PLAIN;
        }
        Optional<CoinJoinVerdict> coinJoin = CoinJoinDetector.detect(tx);
        if (coinJoin.isPresent()) {
            return new Outcome(coinJoin, false);
        }
        int anchor = 0;
        while (anchor < inputs.length && inputs[anchor] == ClusterTx.NO_ADDRESS) {
            anchor++;
        }
        if (anchor == inputs.length) {
            return Outcome.PLAIN;
        }
        commonInput(inputs, anchor, sink);
        if (!oneTime && !scriptType && !roundPayment || !changeMayBeNamed(tx)) {
            return Outcome.PLAIN;
        }
        int oneTimeChange = oneTime ? oneTimeChange(tx, history) : -1;
        int typeChange = scriptType ? scriptTypeChange(tx) : -1;
        int roundChange = roundPayment ? roundChange(tx) : -1;
        int change = -1;
        for (int named : new int[] {oneTimeChange, typeChange, roundChange}) {
            if (named >= 0) {
                if (change >= 0 && named != change) {
                    return Outcome.CONFLICT;
                }
                change = named;
            }
        }
        int a = inputs[anchor];
        if (oneTimeChange >= 0) {
            sink.link(UtxoHeuristic.CHANGE_ONE_TIME, a, tx.outputs()[change], anchor, change);
        }
        if (typeChange >= 0) {
            sink.link(UtxoHeuristic.CHANGE_SCRIPT_TYPE, a, tx.outputs()[change], anchor, change);
        }
        if (roundChange >= 0) {
            sink.link(UtxoHeuristic.CHANGE_ROUND_PAYMENT, a, tx.outputs()[change], anchor, change);
        }
        return Outcome.PLAIN;
    }

    private static void commonInput(int[] inputs, int anchor, LinkSink sink) {
        int a = inputs[anchor];
        if (inputs.length <= 32) {
            for (int i = anchor + 1; i < inputs.length; i++) {
                int b = inputs[i];
                if (b != ClusterTx.NO_ADDRESS && firstAt(inputs, b, i)) {
                    sink.link(UtxoHeuristic.COMMON_INPUT, a, b, anchor, i);
                }
            }
            return;
        }
        // Many inputs: sort (address, position) pairs; the first of each address's run is its first position.
        long[] pairs = new long[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            pairs[i] = ((long) inputs[i] << 32) | i;
        }
        Arrays.sort(pairs);
        boolean[] first = new boolean[inputs.length];
        for (int k = 0; k < pairs.length; k++) {
            if (k == 0 || (pairs[k] >> 32) != (pairs[k - 1] >> 32)) {
                first[(int) pairs[k]] = true;
            }
        }
        for (int i = anchor + 1; i < inputs.length; i++) {
            if (first[i] && inputs[i] != ClusterTx.NO_ADDRESS) {
                sink.link(UtxoHeuristic.COMMON_INPUT, a, inputs[i], anchor, i);
            }
        }
    }

    /** Whether b does not occur in ids before position i. */
    private static boolean firstAt(int[] ids, int b, int i) {
        for (int j = 0; j < i; j++) {
            if (ids[j] == b) {
                return false;
            }
        }
        return true;
    }

    /** Two or more outputs with an address, and none paying an address that is also an input. */
    private static boolean changeMayBeNamed(ClusterTx tx) {
        int[] inputs = tx.inputs();
        int[] outputs = tx.outputs();
        int spendable = 0;
        for (int o : outputs) {
            if (o != ClusterTx.NO_ADDRESS) {
                spendable++;
            }
        }
        if (spendable < 2) {
            return false;
        }
        if ((long) inputs.length * outputs.length <= QUADRATIC_LIMIT) {
            for (int o : outputs) {
                if (o != ClusterTx.NO_ADDRESS) {
                    for (int i : inputs) {
                        if (i == o) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }
        int[] sorted = inputs.clone();
        Arrays.sort(sorted);
        for (int o : outputs) {
            if (o != ClusterTx.NO_ADDRESS && Arrays.binarySearch(sorted, o) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The one output to a never-seen address, or -1 if there is none or more than one. */
    private static int oneTimeChange(ClusterTx tx, AddressHistory history) {
        int found = -1;
        int[] outputs = tx.outputs();
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] != ClusterTx.NO_ADDRESS && !history.seenBefore(outputs[i])) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    /** The one output of the inputs' common family, or -1. */
    private static int scriptTypeChange(ClusterTx tx) {
        ScriptFamily family = inputFamily(tx);
        if (family == ScriptFamily.OTHER) {
            return -1;
        }
        int found = -1;
        int[] outputs = tx.outputs();
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] != ClusterTx.NO_ADDRESS && tx.outputFamilies()[i] == family) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    /** The family of every input, or OTHER when they differ. */
    private static ScriptFamily inputFamily(ClusterTx tx) {
        ScriptFamily[] families = tx.inputFamilies();
        ScriptFamily family = families[0];
        for (ScriptFamily f : families) {
            if (f != family) {
                return ScriptFamily.OTHER;
            }
        }
        return family;
    }

    /** The one output whose value is not round, the others' being round, or -1. */
    private static int roundChange(ClusterTx tx) {
        int found = -1;
        int[] outputs = tx.outputs();
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] != ClusterTx.NO_ADDRESS && !UtxoHeuristic.round(tx.outputValues()[i])) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    // ---------------------------------------------------------------- evidence

    private static String evidence(ClusterTx tx, UtxoHeuristic heuristic, int anchor, int position) {
        String head = "tx " + tx.txid() + ": ";
        if (heuristic == UtxoHeuristic.COMMON_INPUT) {
            return head + "inputs " + anchor + " and " + position;
        }
        String change = "output " + position + " (";
        StringBuilder others = new StringBuilder();
        int count = 0;
        int[] outputs = tx.outputs();
        for (int i = 0; i < outputs.length; i++) {
            if (i == position || outputs[i] == ClusterTx.NO_ADDRESS) {
                continue;
            }
            others.append(count++ == 0 ? "" : ", ").append(i);
            if (heuristic == UtxoHeuristic.CHANGE_SCRIPT_TYPE) {
                others.append(' ').append(tx.outputFamilies()[i].label());
            } else if (heuristic == UtxoHeuristic.CHANGE_ROUND_PAYMENT) {
                others.append(" of ").append(CoinJoinDetector.btc(tx.outputValues()[i])).append(" BTC");
            }
        }
        String outputsWord = count == 1 ? "output " : "outputs ";
        String anchorNote = anchor == 0 ? "" : "; linked to input " + anchor;
        return head + change + switch (heuristic) {
            case CHANGE_ONE_TIME -> "never seen; " + outputsWord + others + " reused";
            case CHANGE_SCRIPT_TYPE -> tx.outputFamilies()[position].label() + " like the " + tx.inputs().length
                    + (tx.inputs().length == 1 ? " input; " : " inputs; ") + outputsWord + others;
            case CHANGE_ROUND_PAYMENT -> CoinJoinDetector.btc(tx.outputValues()[position]) + " BTC, not round; "
                    + outputsWord + others + " round";
            case COMMON_INPUT -> throw new AssertionError("handled above");
        } + anchorNote + ")";
    }
}
