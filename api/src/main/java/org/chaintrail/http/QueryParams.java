package org.chaintrail.http;

import io.javalin.http.Context;
import org.chaintrail.query.InvalidFieldException;

/** Query-string values that are not text. */
final class QueryParams {
    private QueryParams() {
    }

    /**
     * An integer in ASCII digits, or null when the parameter is absent.
     *
     * @throws InvalidFieldException naming the parameter if it is not one (Integer.parseInt alone would read
     *                               Arabic-Indic or other scripts' digits as a number)
     */
    static Integer integer(Context ctx, String name) {
        String text = asciiDigits(ctx, name);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(name, "must be a whole number that fits 32 bits, was '" + text + "'");
        }
    }

    /**
     * A 64-bit integer in ASCII digits, or null when the parameter is absent.
     *
     * @throws InvalidFieldException naming the parameter if it is not one
     * @see #integer(Context, String)
     */
    static Long longInteger(Context ctx, String name) {
        String text = asciiDigits(ctx, name);
        if (text == null) {
            return null;
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(name, "must be a whole number that fits 64 bits, was '" + text + "'");
        }
    }

    private static String asciiDigits(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text != null && !text.matches("[+-]?[0-9]+")) {
            throw new InvalidFieldException(name, "must be a whole number in ASCII digits, was '" + text + "'");
        }
        return text;
    }
}
