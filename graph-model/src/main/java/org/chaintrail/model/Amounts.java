package org.chaintrail.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;

/** Conversions between base units and the decimal text people read. */
public final class Amounts {
    private Amounts() {
    }

    /**
     * Formats base units as token units, exactly ({@code 1500000} with 6 decimals is {@code "1.5"}).
     * Without known decimals the base units are printed as they are.
     */
    public static String format(BigInteger baseUnits, Optional<Integer> decimals) {
        BigDecimal value = new BigDecimal(baseUnits, decimals.orElse(0));
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** Rounds an exact (fractional) base-unit amount to whole base units, half-even. */
    public static BigInteger roundToBaseUnit(BigDecimal baseUnits) {
        return baseUnits.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    }

    /**
     * Parses token units ("1.5") into base units.
     *
     * @throws IllegalArgumentException if the text is not a non-negative number or is finer than a base unit
     */
    public static BigInteger parse(String text, int decimals) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal amount: '" + text + "'");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative, was " + text);
        }
        try {
            return value.movePointRight(decimals).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + text + " is finer than one base unit (" + decimals + " decimals)");
        }
    }
}
