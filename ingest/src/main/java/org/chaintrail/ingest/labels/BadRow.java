package org.chaintrail.ingest.labels;

/**
 * A row of a label file that could not be imported.
 *
 * @param file    the file name
 * @param line    the 1-based line the row (or the value) is on; 0 for the file as a whole
 * @param field   the field at fault ({@code address}, {@code category}, ...)
 * @param value   the value as written, empty if it is missing
 * @param problem what is wrong with it
 */
public record BadRow(String file, long line, String field, String value, String problem) {
    /** One line for people: {@code ofac.yaml line 12, field category, value 'exchnage': unknown concept ...}. */
    public String describe() {
        return file + (line > 0 ? " line " + line : "") + ", field " + field
                + (value.isEmpty() ? "" : ", value '" + value + "'") + ": " + problem;
    }
}
