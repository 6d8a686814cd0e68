package org.chaintrail.graph;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One input group of {@code neo4j-admin database import}: a one-line header file beside a data
 * file, written row by row in the tool's default dialect: comma between fields, every string in
 * double quotes with quotes inside doubled, {@code ;} between array elements, UTF-8, {@code \n}
 * between rows.
 *
 * <p>The importer reads an unquoted empty field as "no property" and a quoted empty one as the
 * empty string, so {@code null} and {@code ""} survive the trip apart. It has no empty array: an
 * empty list is written as "no property".
 */
final class ImportCsvFile implements Closeable {
    /** What a column holds; the header suffix is the importer's type name. */
    enum Kind {
        STRING(""), LONG(":long"), STRING_ARRAY(":string[]");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }
    }

    /**
     * One column. {@code name} is the header field without its type ({@code number},
     * {@code :ID(Block)}, {@code key:ID(Label)}).
     */
    record Column(String name, Kind kind) {
        /** Parses a header field as written ({@code number:long}); no suffix means a string. */
        static Column parse(String header) {
            for (Kind kind : List.of(Kind.LONG, Kind.STRING_ARRAY)) {
                if (header.endsWith(kind.suffix)) {
                    return new Column(header.substring(0, header.length() - kind.suffix.length()), kind);
                }
            }
            return new Column(header, Kind.STRING);
        }

        String header() {
            return name + kind.suffix;
        }
    }

    static final char ARRAY_DELIMITER = ';';

    private final Path headerFile;
    private final Path dataFile;
    private final List<Column> columns;
    private final Writer out;
    private long rows;
    private boolean multiline;

    /**
     * Creates (or truncates) {@code name-header.csv} and {@code name.csv} in {@code dir}.
     *
     * @throws UncheckedIOException if a file cannot be written
     */
    ImportCsvFile(Path dir, String name, List<Column> columns) {
        this.headerFile = dir.resolve(name + "-header.csv");
        this.dataFile = dir.resolve(name + ".csv");
        this.columns = List.copyOf(columns);
        try {
            Files.writeString(headerFile, String.join(",", columns.stream().map(Column::header).toList()) + "\n",
                    StandardCharsets.UTF_8);
            this.out = Files.newBufferedWriter(dataFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataFile, e);
        }
    }

    /**
     * Writes one row, a value per column: a {@code String} for a string column, a {@code Long}
     * (or {@code Integer}) for a long one, a {@code List} of strings for an array; {@code null}
     * for no property.
     *
     * @param what names the row in error messages ({@code Block ethereum:17000000})
     * @throws IllegalStateException if a value does not fit its column: written, it would come
     *                               back from the import with another type or other elements
     */
    void row(String what, List<?> values) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException(what + ": " + values.size() + " values for " + columns.size()
                    + " columns of " + dataFile.getFileName());
        }
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            append(line, what, columns.get(i), values.get(i));
        }
        line.append('\n');
        try {
            out.write(line.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataFile, e);
        }
        rows++;
    }

    private void append(StringBuilder line, String what, Column column, Object value) {
        if (value == null) {
            return;
        }
        switch (column.kind()) {
            case STRING -> {
                if (!(value instanceof String s)) {
                    throw mismatch(what, column, value);
                }
                quoted(line, s);
            }
            case LONG -> {
                if (!(value instanceof Long) && !(value instanceof Integer)) {
                    throw mismatch(what, column, value);
                }
                line.append(value);
            }
            case STRING_ARRAY -> {
                if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                    throw mismatch(what, column, value);
                }
                if (list.isEmpty()) {
                    return;
                }
                for (Object element : list) {
                    if (((String) element).indexOf(ARRAY_DELIMITER) >= 0) {
                        throw new IllegalStateException(what + ": an element of " + column.name() + " contains '"
                                + ARRAY_DELIMITER + "', the importer's array delimiter: " + element);
                    }
                }
                quoted(line, String.join(String.valueOf(ARRAY_DELIMITER), list.stream().map(String.class::cast).toList()));
            }
        }
    }

    private void quoted(StringBuilder line, String s) {
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            multiline = true;
        }
        line.append('"').append(s.replace("\"", "\"\"")).append('"');
    }

    private static IllegalStateException mismatch(String what, Column column, Object value) {
        return new IllegalStateException(what + ": property " + column.name() + " is a "
                + value.getClass().getSimpleName() + " (" + value + "), the export writes it as "
                + column.kind().name().toLowerCase(Locale.ROOT));
    }

    /** The header file and the data file, in the order the importer takes them. */
    String fileList() {
        return headerFile.toAbsolutePath() + "," + dataFile.toAbsolutePath();
    }

    long rows() {
        return rows;
    }

    /** Whether a value holds a line break, so the importer needs {@code --multiline-fields=true}. */
    boolean multiline() {
        return multiline;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataFile, e);
        }
    }
}
