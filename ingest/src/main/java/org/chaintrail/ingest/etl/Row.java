package org.chaintrail.ingest.etl;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.model.Chain;

/**
 * One row of an ethereum-etl export, CSV or JSON lines alike, with the place it came from so that
 * every error can name file, line and field.
 *
 * <p>Values are kept as the text the file holds: numbers are never read through {@code double},
 * so a 100-bit token amount arrives exactly. An empty CSV cell and a JSON {@code null} are both
 * absent.
 *
 * @param source the file as the user knows it (relative to the import directory)
 * @param line   the 1-based line the row starts on (a CSV header is line 1)
 * @param values field name to text, only for fields with a value
 */
record Row(String source, long line, Map<String, String> values) {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    Row {
        values = Map.copyOf(values);
    }

    /** The field's text; an error if it is absent. */
    String text(String field) {
        String value = values.get(field);
        if (value == null) {
            throw error(field, "missing or empty");
        }
        return value;
    }

    Optional<String> optionalText(String field) {
        return Optional.ofNullable(values.get(field));
    }

    /** A non-negative decimal integer of any size, parsed exactly. */
    BigInteger amount(String field) {
        return parseInteger(field, text(field));
    }

    long number(String field) {
        return toLong(field, amount(field));
    }

    Optional<Long> optionalNumber(String field) {
        return optionalText(field).map(text -> toLong(field, parseInteger(field, text)));
    }

    int index(String field) {
        long value = number(field);
        if (value > Integer.MAX_VALUE) {
            throw error(field, "too large for an index: " + value);
        }
        return (int) value;
    }

    Optional<Integer> optionalSmallNumber(String field) {
        return optionalNumber(field).map(value -> {
            if (value > Integer.MAX_VALUE) {
                throw error(field, "too large: " + value);
            }
            return value.intValue();
        });
    }

    /** The address in canonical (lower-case) form. */
    String address(Chain chain, String field) {
        return canonicalAddress(chain, field, text(field));
    }

    Optional<String> optionalAddress(Chain chain, String field) {
        return optionalText(field).map(text -> canonicalAddress(chain, field, text));
    }

    /** A transaction or block hash (0x and 64 hex digits) in canonical form. */
    String hash(Chain chain, String field) {
        String text = text(field);
        try {
            return chain.canonicalTxHash(text);
        } catch (IllegalArgumentException e) {
            throw error(field, "not a hash (0x and 64 hex digits): '" + text + "'");
        }
    }

    /** An error about one field of this row. */
    IngestException error(String field, String problem) {
        return IngestException.atField(source, line, field, problem);
    }

    private String canonicalAddress(Chain chain, String field, String text) {
        try {
            return chain.canonicalAddress(text);
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    private BigInteger parseInteger(String field, String text) {
        if (!DIGITS.matcher(text).matches()) {
            boolean negative = text.startsWith("-") && DIGITS.matcher(text.substring(1)).matches();
            throw error(field, (negative ? "must not be negative: '" : "not an integer: '") + text + "'");
        }
        return new BigInteger(text);
    }

    private long toLong(String field, BigInteger value) {
        if (value.bitLength() > 63) {
            throw error(field, "too large: " + value);
        }
        return value.longValue();
    }
}
