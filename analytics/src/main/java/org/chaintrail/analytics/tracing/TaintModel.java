package org.chaintrail.analytics.tracing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an address's outgoing value inherits the taint it holds (shared/DESIGN.md, tracing rules).
 * Each model keeps a {@link Holding} per address and answers, for each transfer out, what it carries.
 */
public sealed interface TaintModel permits HaircutTaint, PoisonTaint, FifoTaint {
    /** Taint is carried at 40 significant digits; only printed figures are rounded. */
    MathContext PRECISION = new MathContext(40);

    /** The model's name in the CLI, the API and results. */
    String name();

    /** A new, empty holding: an address before it has received anything. */
    Holding newHolding();

    /**
     * A holding for a backward trace, replayed in reverse chain order (each transfer into the
     * address is a {@code send}, each transfer out of it a {@code receive}). Models whose rule is
     * symmetric in time (haircut, poison) use their forward holding; FIFO, whose matching of
     * inputs to outputs depends on their order, needs the address's whole sequence.
     *
     * @param address   the address
     * @param movements every transfer of the asset into or out of it, in chain order
     */
    default Holding newBackwardHolding(String address, java.util.List<org.chaintrail.model.Transfer> movements) {
        return newHolding();
    }

    /** What one address holds of one asset under this model. */
    interface Holding {
        /** The address receives a parcel. */
        void receive(Parcel parcel);

        /** The address sends {@code amount} base units; returns what they carry. */
        Parcel send(BigInteger amount);

        /** The taint the address holds now. */
        BigDecimal tainted();
    }

    /** All models, in the order the help text lists them. */
    static TaintModel[] all() {
        return new TaintModel[] {HaircutTaint.INSTANCE, PoisonTaint.INSTANCE, FifoTaint.INSTANCE};
    }

    /**
     * Finds a model by name.
     *
     * @throws IllegalArgumentException naming the known models
     */
    static TaintModel of(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(all()).filter(m -> m.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown taint model '" + name + "', expected one of "
                        + Arrays.stream(all()).map(TaintModel::name).collect(Collectors.joining(", "))));
    }
}
