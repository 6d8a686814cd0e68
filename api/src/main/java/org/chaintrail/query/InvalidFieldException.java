package org.chaintrail.query;

/** Input that cannot be used, with the name of the field that holds it. */
public final class InvalidFieldException extends IllegalArgumentException {
    private final String field;

    public InvalidFieldException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The field, as the user named it ({@code seeds[1]}, {@code maxHops}). */
    public String field() {
        return field;
    }

    /** Runs a parse step; an IllegalArgumentException it throws is blamed on {@code field}. */
    static <T> T check(String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidFieldException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, e.getMessage());
        }
    }
}
