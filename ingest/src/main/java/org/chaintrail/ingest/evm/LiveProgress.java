package org.chaintrail.ingest.evm;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A progress line every few seconds: position, speed, distance to the head, time to go. */
final class LiveProgress {
    private static final Logger LOG = LoggerFactory.getLogger(LiveProgress.class);
    private static final long EVERY_NANOS = Duration.ofSeconds(2).toNanos();

    private final String chain;
    private final long started = System.nanoTime();
    private long lastPrint = started;
    private long blocks;
    private long transfers;

    LiveProgress(String chain) {
        this.chain = chain;
    }

    void stored(long blockCount, long transferCount, long lastBlock, long target, long head) {
        blocks += blockCount;
        transfers += transferCount;
        long now = System.nanoTime();
        if (now - lastPrint < EVERY_NANOS) {
            return;
        }
        lastPrint = now;
        double seconds = (now - started) / 1e9;
        double blocksPerSecond = blocks / seconds;
        long toGo = Math.max(0, target - lastBlock);
        String eta = blocksPerSecond > 0 ? format(Duration.ofSeconds((long) (toGo / blocksPerSecond))) : "?";
        LOG.info(String.format("%s block %,d of %,d (head %,d, %,d behind): %,.0f blocks/s, %,.0f transfers/s, ETA %s",
                chain, lastBlock, target, head, head - lastBlock, blocksPerSecond, transfers / seconds, eta));
    }

    private static String format(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
