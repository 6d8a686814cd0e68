package org.chaintrail.ingest.etl;

import org.slf4j.Logger;

/**
 * Logs how far the reading of one file has come, as rows and rows per second, every
 * {@value #EVERY} rows and when the file is done.
 */
final class FileProgress {
    static final long EVERY = 100_000;

    private final Logger log;
    private final String source;
    private final long startNanos = System.nanoTime();
    private long rows;

    FileProgress(Logger log, String source) {
        this.log = log;
        this.source = source;
        log.info("{}: reading", source);
    }

    void row() {
        rows++;
        if (rows % EVERY == 0) {
            log.info("{}: {} rows, {} rows/s", source, rows, rate());
        }
    }

    void done() {
        log.info("{}: {} rows in {} ms ({} rows/s)", source, rows, (System.nanoTime() - startNanos) / 1_000_000, rate());
    }

    private long rate() {
        double seconds = Math.max((System.nanoTime() - startNanos) / 1e9, 1e-3);
        return Math.round(rows / seconds);
    }
}
