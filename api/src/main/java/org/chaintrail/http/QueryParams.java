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
        String text = ctx.queryParam(name);
        if (text == null) {
            return null;
        }
        if (!text.matches("[+-]?[0-9]+")) {
            throw new InvalidFieldException(name, "must be a whole number in ASCII digits, was '" + text + "'");
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(name, "must be a whole number that fits 32 bits, was '" + text + "'");
        }
    }
}
