package org.chaintrail.export;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.chaintrail.analytics.tracing.TraceResult;

/**
 * The traced subgraph as an inline SVG drawing for the printed case report: one box per address
 * on a tainted flow, in columns by hop (seeds left, each address in the column of the fewest hops
 * that reached it, endpoints in a last column on the right), one arrow per payer and payee pair in
 * the direction the money moved on chain, as thick as the taint it carried. Terminals are coloured
 * by category. Rows are ordered by the mean row of each box's neighbours to the left (one
 * barycentre sweep), ties by address, so the same result gives the same drawing.
 *
 * <p>A drawing of hundreds of boxes helps nobody on paper: above {@value #MAX_NODES} addresses the
 * report says so and leaves the graph to the GraphML export.
 */
final class TraceSvg {
    static final int MAX_NODES = 200;
    private static final int BOX_W = 132;
    private static final int BOX_H = 36;
    private static final int COL_W = 178;
    private static final int ROW_H = 46;
    private static final int TOP = 28;
    private static final int LEFT = 8;
    /** Fill and stroke of terminals by category; anything else is grey. */
    private static final Map<String, String[]> CATEGORY_COLOURS = categoryColours();
    private static final String[] SEED = {"#fadbd8", "#b03a2e"};
    private static final String[] HOLDER = {"#fdebd0", "#b9770e"};
    private static final String[] PASS = {"#ffffff", "#7b7d7d"};
    private static final String[] OTHER = {"#eaeded", "#566573"};
    private static final String ARROWS = "Arrows: payer to payee as on chain, as thick as the taint they carried.";

    private TraceSvg() {
    }

    /** The number of addresses the drawing would show. */
    static int nodeCount(TraceResult r) {
        Set<String> nodes = new LinkedHashSet<>(r.parameters().seeds());
        r.flows().forEach(f -> {
            nodes.add(f.from());
            nodes.add(f.to());
        });
        return nodes.size();
    }

    /**
     * @param r      the trace
     * @param number the drawing's place on the page, which keeps its marker id apart from the others'
     */
    static String render(TraceResult r, int number) {
        TraceResult.Parameters p = r.parameters();
        boolean forward = p.direction().equals("forward");
        Set<String> seeds = new LinkedHashSet<>(p.seeds());
        Map<String, TraceResult.Endpoint> endpoints = new HashMap<>();
        r.endpoints().forEach(e -> endpoints.put(e.address(), e));
        Map<String, TraceResult.Holder> holders = new HashMap<>();
        r.holders().forEach(h -> holders.put(h.address(), h));

        // Columns: seeds at 0, each address at the fewest hops that reached it, endpoints last.
        Map<String, Integer> column = new LinkedHashMap<>();
        seeds.forEach(s -> column.put(s, 0));
        for (TraceResult.Flow f : r.flows()) {
            String near = forward ? f.from() : f.to();
            String far = forward ? f.to() : f.from();
            if (!seeds.contains(far)) {
                column.merge(far, f.hop(), Math::min);
            }
            column.putIfAbsent(near, Math.max(0, f.hop() - 1));
        }
        int last = 1 + column.entrySet().stream().filter(e -> !endpoints.containsKey(e.getKey()))
                .mapToInt(Map.Entry::getValue).max().orElse(0);
        endpoints.keySet().forEach(a -> {
            if (column.containsKey(a) && !seeds.contains(a)) {
                column.put(a, last);
            }
        });
        int columns = column.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;

        // Edges: one per payer and payee pair, in the order the flows first show them.
        Map<List<String>, Edge> edges = new LinkedHashMap<>();
        for (TraceResult.Flow f : r.flows()) {
            edges.computeIfAbsent(List.of(f.from(), f.to()), k -> new Edge(f.from(), f.to())).add(f);
        }
        Map<String, List<String>> neighbours = new HashMap<>();
        edges.values().forEach(e -> {
            neighbours.computeIfAbsent(e.from, k -> new ArrayList<>()).add(e.to);
            neighbours.computeIfAbsent(e.to, k -> new ArrayList<>()).add(e.from);
        });

        // Rows: one barycentre sweep from left to right.
        Map<Integer, List<String>> byColumn = new TreeMap<>();
        column.forEach((a, c) -> byColumn.computeIfAbsent(c, k -> new ArrayList<>()).add(a));
        Map<String, Integer> row = new HashMap<>();
        for (Map.Entry<Integer, List<String>> c : byColumn.entrySet()) {
            int col = c.getKey();
            Map<String, Double> centre = new HashMap<>();
            for (String a : c.getValue()) {
                double sum = 0;
                int n = 0;
                for (String b : neighbours.getOrDefault(a, List.of())) {
                    if (column.get(b) < col && row.containsKey(b)) {
                        sum += row.get(b);
                        n++;
                    }
                }
                centre.put(a, n == 0 ? Double.MAX_VALUE : sum / n);
            }
            List<String> ordered = new ArrayList<>(c.getValue());
            ordered.sort(Comparator.<String>comparingDouble(centre::get).thenComparing(Comparator.naturalOrder()));
            for (int i = 0; i < ordered.size(); i++) {
                row.put(ordered.get(i), i);
            }
        }
        int rows = byColumn.values().stream().mapToInt(List::size).max().orElse(1);

        String unit = TraceMethod.unit(p);
        BigDecimal heaviest = edges.values().stream().map(e -> e.tainted).max(Comparator.naturalOrder())
                .orElse(BigDecimal.ZERO);
        Set<String> categories = new LinkedHashSet<>();
        r.endpoints().forEach(e -> categories.add(e.category() == null ? "other" : e.category()));
        int legendY = TOP + rows * ROW_H + 14;
        int width = Math.max(LEFT * 2 + (columns - 1) * COL_W + BOX_W, legendWidth(categories, !holders.isEmpty()));
        int height = legendY + 38;

        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"Trace graph\" font-family=\"sans-serif\">\n");
        s.append("<defs><marker id=\"arrow-").append(number).append("\" viewBox=\"0 0 10 10\" refX=\"10\""
                + " refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#5d6d7e\"/></marker></defs>\n");
        for (int c = 0; c < columns; c++) {
            String title = c == 0 ? (forward ? "seeds" : "seeds (payees)")
                    : c == last && !endpoints.isEmpty() ? "endpoints" : "hop " + c;
            s.append("<text x=\"").append(x(c) + BOX_W / 2).append("\" y=\"16\" text-anchor=\"middle\" font-size=\"11\""
                    + " fill=\"#34495e\">").append(title).append("</text>\n");
        }
        for (Edge e : edges.values()) {
            int fc = column.get(e.from);
            int tc = column.get(e.to);
            int y1 = y(row.get(e.from)) + BOX_H / 2;
            int y2 = y(row.get(e.to)) + BOX_H / 2;
            int x1;
            int x2;
            int c1;
            int c2;
            if (tc > fc) {
                x1 = x(fc) + BOX_W;
                x2 = x(tc);
                c1 = x1 + 40;
                c2 = x2 - 40;
            } else if (tc < fc) {
                x1 = x(fc);
                x2 = x(tc) + BOX_W;
                c1 = x1 - 40;
                c2 = x2 + 40;
            } else {
                x1 = x(fc) + BOX_W;
                x2 = x(tc) + BOX_W;
                c1 = x1 + 50;
                c2 = x2 + 50;
            }
            s.append("<path d=\"M").append(x1).append(',').append(y1).append(" C").append(c1).append(',').append(y1)
                    .append(' ').append(c2).append(',').append(y2).append(' ').append(x2).append(',').append(y2)
                    .append("\" fill=\"none\" stroke=\"#5d6d7e\" stroke-opacity=\"0.65\" stroke-width=\"")
                    .append(width(e.tainted, heaviest)).append("\" marker-end=\"url(#arrow-")
                    .append(number).append(")\"><title>").append(Markup.text(e.from)).append(" to ")
                    .append(Markup.text(e.to)).append(": ").append(e.count).append(" transfer(s), ")
                    .append(e.tainted.toPlainString()).append(" of ").append(e.amount.toPlainString()).append(' ')
                    .append(Markup.text(unit)).append(" tainted</title></path>\n");
        }
        for (Map.Entry<String, Integer> n : column.entrySet()) {
            String a = n.getKey();
            TraceResult.Endpoint e = endpoints.get(a);
            TraceResult.Holder h = holders.get(a);
            String[] colour = seeds.contains(a) ? SEED : e != null ? CATEGORY_COLOURS.getOrDefault(
                    e.category() == null ? "" : e.category(), OTHER) : h != null ? HOLDER : PASS;
            String second = seeds.contains(a) ? "seed" : e != null ? (e.entity() == null ? category(e.category())
                    : e.entity().name()) : h != null ? "holds " + h.taintedAmount() + " " + unit : "";
            String title = a + (seeds.contains(a) ? ", seed" : "") + (e != null ? ", endpoint: " + second + ", "
                    + e.taintedAmount() + " " + unit + " tainted" : "") + (h != null ? ", " + second : "");
            int x = x(n.getValue());
            int y = y(row.get(a));
            s.append("<g><title>").append(Markup.text(title)).append("</title><rect x=\"").append(x).append("\" y=\"")
                    .append(y).append("\" width=\"").append(BOX_W).append("\" height=\"").append(BOX_H)
                    .append("\" rx=\"5\" fill=\"").append(colour[0]).append("\" stroke=\"").append(colour[1])
                    .append("\" stroke-width=\"").append(e != null || seeds.contains(a) ? "1.6" : "1").append("\"/>")
                    .append("<text x=\"").append(x + 7).append("\" y=\"").append(y + 15)
                    .append("\" font-size=\"11.5\" font-family=\"monospace\" fill=\"#17202a\">")
                    .append(Markup.text(shortAddress(a))).append("</text>");
            if (!second.isEmpty()) {
                s.append("<text x=\"").append(x + 7).append("\" y=\"").append(y + 29)
                        .append("\" font-size=\"10.5\" fill=\"#17202a\">").append(Markup.text(clip(second, 21)))
                        .append("</text>");
            }
            s.append("</g>\n");
        }
        legend(s, legendY, categories, !holders.isEmpty());
        return s.append("</svg>").toString();
    }

    private static void legend(StringBuilder s, int y, Set<String> categories, boolean holders) {
        int x = LEFT;
        for (Key k : legendKeys(categories, holders)) {
            String[] colour = k.colour();
            String label = k.label();
            s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"14\" height=\"11\" rx=\"2\""
                    + " fill=\"").append(colour[0]).append("\" stroke=\"").append(colour[1]).append("\"/><text x=\"")
                    .append(x + 19).append("\" y=\"").append(y + 10).append("\" font-size=\"10\" fill=\"#34495e\">")
                    .append(Markup.text(label)).append("</text>\n");
            x += legendStep(label);
        }
        s.append("<text x=\"").append(LEFT).append("\" y=\"").append(y + 26).append("\" font-size=\"10\" fill=\"#34495e\">"
                + ARROWS + "</text>\n");
    }

    private static int legendWidth(Set<String> categories, boolean holders) {
        int keys = LEFT + legendKeys(categories, holders).stream().mapToInt(k -> legendStep(k.label())).sum();
        return Math.max(keys, LEFT * 2 + ARROWS.length() * 6);
    }

    private static int legendStep(String label) {
        return 30 + label.length() * 6;
    }

    /** A legend entry: a box's colours and what they mean. */
    private record Key(String label, String[] colour) {
    }

    private static List<Key> legendKeys(Set<String> categories, boolean holders) {
        List<Key> keys = new ArrayList<>();
        keys.add(new Key("seed", SEED));
        keys.add(new Key("passed taint on", PASS));
        if (holders) {
            keys.add(new Key("still holds taint", HOLDER));
        }
        categories.forEach(c -> keys.add(new Key(category(c), CATEGORY_COLOURS.getOrDefault(c, OTHER))));
        return keys;
    }

    /** A payer and payee pair with what all its flows carried. */
    private static final class Edge {
        final String from;
        final String to;
        BigDecimal tainted = BigDecimal.ZERO;
        BigDecimal amount = BigDecimal.ZERO;
        int count;

        Edge(String from, String to) {
            this.from = from;
            this.to = to;
        }

        void add(TraceResult.Flow f) {
            tainted = tainted.add(new BigDecimal(f.taintedAmount()));
            amount = amount.add(new BigDecimal(f.amount()));
            count++;
        }
    }

    /** 1 to 8 pixels, by the square root of the share of the heaviest edge's taint (area reads as amount). */
    private static String width(BigDecimal tainted, BigDecimal heaviest) {
        double share = heaviest.signum() == 0 ? 0 : tainted.divide(heaviest, MathContext.DECIMAL64).doubleValue();
        return String.format(Locale.ROOT, "%.1f", 1 + 7 * Math.sqrt(share));
    }

    private static int x(int column) {
        return LEFT + column * COL_W;
    }

    private static int y(int row) {
        return TOP + row * ROW_H;
    }

    static String shortAddress(String a) {
        return a.length() <= 14 ? a : a.substring(0, 8) + "…" + a.substring(a.length() - 5);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String category(String c) {
        return c == null ? "other" : c.replace('_', ' ');
    }

    private static Map<String, String[]> categoryColours() {
        Map<String, String[]> m = new HashMap<>();
        m.put("exchange", new String[] {"#d6eaf8", "#1f618d"});
        m.put("mixing_service", new String[] {"#e8daef", "#6c3483"});
        m.put("coinjoin", new String[] {"#e8daef", "#6c3483"});
        m.put("otc_desk", new String[] {"#d1f2eb", "#117864"});
        m.put("defi", new String[] {"#e9f7ef", "#1e8449"});
        m.put("defi_dex", new String[] {"#e9f7ef", "#1e8449"});
        m.put("defi_bridge", new String[] {"#e9f7ef", "#1e8449"});
        m.put("gambling", new String[] {"#fae5d3", "#a04000"});
        m.put("payment_processor", new String[] {"#e8eaf6", "#283593"});
        m.put("wallet_service", new String[] {"#e8eaf6", "#283593"});
        m.put("sanction", new String[] {"#f2d7d5", "#641e16"});
        return m;
    }
}
