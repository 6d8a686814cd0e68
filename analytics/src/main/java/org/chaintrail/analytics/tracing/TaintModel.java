package org.chaintrail.analytics.tracing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an address's outgoing value inherits the taint it holds (shared/DESIGN.md, tracing rules).
 * Each model keeps a {@link Holding} per address and answers, for each transfer out, how much of
 * it is tainted.
 */
public sealed interface TaintModel permits HaircutTaint {
    /** Taint is carried at 40 significant digits; only printed figures are rounded. */
    MathContext PRECISION = new MathContext(40);

    /** The model's name in the CLI, the API and results. */
    String name();

    /** A new, empty holding: an address before it has received anything. */
    Holding newHolding();

    /** What one address holds of one asset under this model. */
    interface Holding {
        /** The address receives {@code amount} base units, {@code tainted} of them tainted. */
        void receive(BigInteger amount, BigDecimal tainted);

        /** The address sends {@code amount} base units; returns the tainted part. */
        BigDecimal send(BigInteger amount);

        /** The taint the address holds now. */
        BigDecimal tainted();
    }

    /**
     * Finds a model by name.
     *
     * @throws IllegalArgumentException naming the known models
     */
    static TaintModel of(String name) {
        TaintModel[] known = {HaircutTaint.INSTANCE};
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(known).filter(m -> m.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown taint model '" + name + "', expected one of "
                        + Arrays.stream(known).map(TaintModel::name).collect(Collectors.joining(", "))));
    }
}
