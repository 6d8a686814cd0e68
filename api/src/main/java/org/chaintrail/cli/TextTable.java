package org.chaintrail.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns padded to their widest cell; numbers right-aligned. */
final class TextTable {
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> headers, boolean... rightAligned) {
        this.headers = List.copyOf(headers);
        this.rightAligned = rightAligned.length == headers.size() ? rightAligned : new boolean[headers.size()];
    }

    TextTable row(String... cells) {
        List<String> row = new ArrayList<>();
        for (String c : cells) {
            row.add(c == null ? "-" : c);
        }
        rows.add(row);
        return this;
    }

    String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(rightAligned[i] ? pad + cell : cell + pad).append("  ");
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
