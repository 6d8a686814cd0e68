package org.chaintrail.analytics.patterns;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Descriptive statistics of a sample (peel sizes, payment amounts, intervals), computed with
 * Apache Commons Math's {@link DescriptiveStatistics} in double precision and printed rounded.
 * They describe a pattern's shape; they are not figures to add up.
 *
 * @param count                  the number of values
 * @param median                 the 50th percentile, or null without values
 * @param mean                   the arithmetic mean, or null without values
 * @param standardDeviation      the sample standard deviation (n − 1), or null with fewer than two values
 * @param coefficientOfVariation standard deviation / mean with 4 decimals (0 means all values are
 *                               equal), or null with fewer than two values or a zero mean
 */
public record Distribution(int count, String median, String mean, String standardDeviation,
                           String coefficientOfVariation) {
    static final Distribution EMPTY = new Distribution(0, null, null, null, null);

    /** Amounts given in base units, reported in token units rounded half-even to the base unit. */
    static Distribution ofAmounts(List<BigInteger> baseUnits, Optional<Integer> decimals) {
        // Money is BigInteger everywhere else. It becomes double here, and only here, because these
        // are descriptive statistics (a median, a spread), printed rounded and never summed.
        double[] values = baseUnits.stream().mapToDouble(BigInteger::doubleValue).toArray();
        int d = decimals.orElse(0);
        return of(values, d, d);
    }

    /** Durations in seconds, reported in seconds with one decimal at most. */
    static Distribution ofSeconds(List<Long> seconds) {
        return of(seconds.stream().mapToDouble(Long::doubleValue).toArray(), 0, 1);
    }

    private static Distribution of(double[] values, int pointsLeft, int scale) {
        if (values.length == 0) {
            return EMPTY;
        }
        DescriptiveStatistics stats = new DescriptiveStatistics(values);
        double mean = stats.getMean();
        double deviation = stats.getStandardDeviation();
        boolean spread = values.length >= 2;
        return new Distribution(values.length, text(stats.getPercentile(50), pointsLeft, scale),
                text(mean, pointsLeft, scale), spread ? text(deviation, pointsLeft, scale) : null,
                spread && mean != 0 ? text(deviation / mean, 0, 4) : null);
    }

    private static String text(double value, int pointsLeft, int scale) {
        BigDecimal rounded = BigDecimal.valueOf(value).movePointLeft(pointsLeft).setScale(scale, RoundingMode.HALF_EVEN);
        return rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
    }
}
