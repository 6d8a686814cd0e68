package org.chaintrail.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws how the suite's costs grow with size, from its JSON alone (so a plot can be redrawn from
 * a kept file): six panels, each figure against transfers, both axes logarithmic, each Chaintrail
 * figure in a solid line beside its baselines in dashed ones. Plain Java 2D, headless.
 */
final class SuitePlot {
    private static final int PANEL_W = 520;
    private static final int PANEL_H = 340;
    private static final int COLUMNS = 3;
    private static final int TITLE_H = 40;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};

    /**
     * A line: a JSON pointer into each size's object, whether it is a baseline (dashed), and for the
     * plain Cypher query the pointer of its object, whose {@code timedOut} puts a hollow point at the
     * budget instead: the time was more than that.
     */
    private record Series(String name, String pointer, boolean baseline, String timeoutPointer) {
        Series(String name, String pointer, boolean baseline) {
            this(name, pointer, baseline, null);
        }
    }

    private record Panel(String title, List<Series> series) {
    }

    private static final List<Panel> PANELS = List.of(
            new Panel("import, transfers/s", List.of(new Series("GraphStore.write", "/import/transfersPerSecond", false),
                    new Series("naive MERGE (prefix)", "/naive/transfersPerSecond", true))),
            new Panel("forward trace p50, ms", List.of(new Series("TaintTracer over Neo4j", "/forward/tracer/p50Ms", false),
                    new Series("plain Cypher", "/forward/plain/p50Ms", true, "/forward/plain"),
                    new Series("in-memory bound", "/forward/inMemory/p50Ms", true))),
            new Panel("backward trace p50, ms", List.of(new Series("TaintTracer over Neo4j", "/backward/tracer/p50Ms", false),
                    new Series("plain Cypher", "/backward/plain/p50Ms", true, "/backward/plain"),
                    new Series("in-memory bound", "/backward/inMemory/p50Ms", true))),
            new Panel("exposure p50, ms", List.of(new Series("ExposureAnalyzer over Neo4j", "/exposure/analyzer/p50Ms", false),
                    new Series("in-memory bound", "/exposure/inMemory/p50Ms", true))),
            new Panel("clustering, s; screening, addresses/s", List.of(
                    new Series("entity resolution, s", "/clustering/seconds", false),
                    new Series("screen, addresses/s", "/screen/addressesPerSecond", false))),
            new Panel("memory and disk, MB", List.of(new Series("store on disk", "/storeBytes", false),
                    new Series("peak heap, clustering", "/clustering/peakUsedBytes", false))));

    private SuitePlot() {
    }

    /**
     * Reads the suite's JSON and writes the plot as PNG.
     *
     * @throws IllegalArgumentException if the file is not the suite's JSON
     */
    static void draw(Path json, Path png) {
        System.setProperty("java.awt.headless", "true");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json, e);
        }
        if (!"suite".equals(root.path("benchmark").asText()) || !root.path("sizes").isArray()) {
            throw new IllegalArgumentException(json + " is not the JSON of chaintrail bench suite");
        }
        List<JsonNode> sizes = new ArrayList<>();
        root.path("sizes").forEach(sizes::add);
        int rows = (PANELS.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage image = new BufferedImage(PANEL_W * COLUMNS, TITLE_H + PANEL_H * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        JsonNode machine = root.path("machine");
        g.drawString(String.format(Locale.ROOT, "Chaintrail benchmark suite: cost against size (seed %s; %s cores, "
                        + "max heap %,d MB, Java %s)", root.path("parameters").path("seed").asText(),
                machine.path("cores").asText(), machine.path("maxHeapBytes").asLong() >> 20, machine.path("java").asText()),
                12, 26);
        for (int i = 0; i < PANELS.size(); i++) {
            panel(g, PANELS.get(i), sizes, (i % COLUMNS) * PANEL_W, TITLE_H + (i / COLUMNS) * PANEL_H);
        }
        g.dispose();
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IllegalStateException("no PNG writer in this JRE");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    private static void panel(Graphics2D g, Panel panel, List<JsonNode> sizes, int x0, int y0) {
        int left = x0 + 70;
        int right = x0 + PANEL_W - 20;
        int top = y0 + 30;
        int bottom = y0 + PANEL_H - 95;
        double[] xs = sizes.stream().mapToDouble(s -> s.path("transfers").asDouble()).toArray();
        List<double[]> values = new ArrayList<>();
        List<boolean[]> timedOut = new ArrayList<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Series s : panel.series()) {
            double[] v = new double[sizes.size()];
            boolean[] out = new boolean[sizes.size()];
            for (int i = 0; i < sizes.size(); i++) {
                JsonNode n = sizes.get(i).at(s.pointer());
                v[i] = n.isNumber() ? n.asDouble() / (s.pointer().endsWith("Bytes") ? 1e6 : 1) : Double.NaN;
                JsonNode plain = s.timeoutPointer() == null ? null : sizes.get(i).at(s.timeoutPointer());
                if (plain != null && plain.path("timedOut").asBoolean()) {
                    v[i] = plain.path("budgetSeconds").asDouble() * 1000;
                    out[i] = true;
                }
                if (v[i] > 0) {
                    min = Math.min(min, v[i]);
                    max = Math.max(max, v[i]);
                }
            }
            values.add(v);
            timedOut.add(out);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(panel.title(), left, y0 + 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawRect(left, top, right - left, bottom - top);
        if (max == 0) {
            g.drawString("no figures", left + 10, top + 20);
            return;
        }
        double yLow = Math.pow(10, Math.floor(Math.log10(min)));
        double yHigh = Math.pow(10, Math.ceil(Math.log10(max)));
        if (yHigh <= yLow) {
            yHigh = yLow * 10;
        }
        double xLow = xs[0] / 2;
        double xHigh = xs[xs.length - 1] * 2;
        Scale sx = new Scale(xLow, xHigh, left, right);
        Scale sy = new Scale(yLow, yHigh, bottom, top);
        g.setColor(new Color(0xdddddd));
        for (double y = yLow; y <= yHigh * 1.0001; y *= 10) {
            int py = sy.at(y);
            g.drawLine(left, py, right, py);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, top, left, bottom);
        g.drawLine(left, bottom, right, bottom);
        for (double y = yLow; y <= yHigh * 1.0001; y *= 10) {
            String label = label(y);
            g.drawString(label, left - 6 - g.getFontMetrics().stringWidth(label), sy.at(y) + 4);
        }
        for (double x : xs) {
            int px = sx.at(x);
            g.drawLine(px, bottom, px, bottom + 4);
            String label = label(x);
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, bottom + 16);
        }
        g.drawString("transfers", right - g.getFontMetrics().stringWidth("transfers"), bottom + 30);
        for (int s = 0; s < panel.series().size(); s++) {
            Series series = panel.series().get(s);
            g.setColor(COLOURS[s % COLOURS.length]);
            g.setStroke(series.baseline() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {7f, 5f}, 0f) : new BasicStroke(2.5f));
            double[] v = values.get(s);
            int lastX = -1;
            int lastY = -1;
            for (int i = 0; i < v.length; i++) {
                if (!(v[i] > 0)) {
                    lastX = -1;
                    continue;
                }
                int px = sx.at(xs[i]);
                int py = sy.at(v[i]);
                if (timedOut.get(s)[i]) {
                    g.drawOval(px - 5, py - 5, 10, 10);
                } else {
                    g.fillOval(px - 4, py - 4, 8, 8);
                }
                if (lastX >= 0) {
                    g.drawLine(lastX, lastY, px, py);
                }
                lastX = px;
                lastY = py;
            }
            int ly = bottom + 46 + s * 15;
            g.drawLine(left, ly - 4, left + 28, ly - 4);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(series.name() + (series.baseline() ? " (baseline)" : "")
                    + (series.timeoutPointer() != null ? "; hollow: timed out, drawn at its budget" : ""), left + 36, ly);
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** A logarithmic axis. */
    private record Scale(double low, double high, int from, int to) {
        int at(double v) {
            double f = (Math.log10(v) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
            return (int) Math.round(from + f * (to - from));
        }
    }

    /** 20k, 1M, 5M, 0.1 ... */
    private static String label(double v) {
        if (v >= 1e9) {
            return trim(v / 1e9) + "G";
        }
        if (v >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (v >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
