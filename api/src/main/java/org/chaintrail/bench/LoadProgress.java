package org.chaintrail.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows how far loading has come (transfers, transfers per second, ETA): rewritten in place on a
 * terminal every second, a line every 30 seconds when standard error is a file.
 */
final class LoadProgress {
    private final PrintStream out;
    private final long total;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastShown;
    private long skipped;

    /**
     * @param out   where to write (standard error)
     * @param total transfers to load
     */
    LoadProgress(PrintStream out, long total) {
        this.out = out;
        this.total = total;
        this.terminal = System.console() != null;
    }

    /** Counts transfers a previous, interrupted load already stored: they are not part of the rate. */
    void skipped(long transfers) {
        skipped = transfers;
    }

    /** Reports that {@code done} transfers (skipped ones included) are in the store. */
    void update(long done) {
        long now = System.nanoTime();
        if (done < total && now - lastShown < (terminal ? 1_000_000_000L : 30_000_000_000L)) {
            return;
        }
        lastShown = now;
        double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
        long rate = Math.round((done - skipped) / seconds);
        long etaSeconds = rate == 0 ? 0 : (total - done) / rate;
        String line = String.format(Locale.ROOT, "loading: %,d / %,d transfers (%.1f %%), %,d transfers/s, ETA %s",
                done, total, 100.0 * done / total, rate, duration(etaSeconds));
        if (terminal) {
            out.print("\r" + line + "   ");
            if (done >= total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String duration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60)
                : seconds + "s";
    }
}
