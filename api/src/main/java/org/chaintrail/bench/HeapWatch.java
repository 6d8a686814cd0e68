package org.chaintrail.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Watches the heap during a benchmark run: samples its use every 50 ms on a daemon thread (the
 * most it held, garbage included, and the most the collectors left behind: what was live), and
 * reads the heap pools' own peaks, which the JVM tracks exactly, reset after a collection at the
 * start.
 */
public final class HeapWatch implements AutoCloseable {
    private final List<MemoryPoolMXBean> pools;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long used;
    private volatile long afterGc;

    /**
     * @param usedBytes       the largest heap use sampled, garbage included
     * @param afterGcBytes    the largest heap use right after a collection, summed over the pools
     * @param poolPeaksBytes  the sum of each heap pool's peak since the start: an upper bound on the
     *                        heap's peak, as the pools need not peak at one moment
     */
    public record Peak(long usedBytes, long afterGcBytes, long poolPeaksBytes) {
    }

    private HeapWatch() {
        pools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-watch");
        thread.setDaemon(true);
    }

    private void sample() {
        used = Math.max(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        long live = 0;
        for (MemoryPoolMXBean p : pools) {
            MemoryUsage u = p.getCollectionUsage();
            live += u == null ? 0 : u.getUsed();
        }
        afterGc = Math.max(afterGc, live);
    }

    /** Collects garbage, so that what the collectors leave is this run's, resets the pools' peaks and starts. */
    static HeapWatch start() {
        System.gc();
        HeapWatch watch = new HeapWatch();
        watch.pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        watch.thread.start();
        return watch;
    }

    /** The peaks so far. */
    Peak peak() {
        sample();
        long poolPeaks = 0;
        for (MemoryPoolMXBean p : pools) {
            MemoryUsage u = p.getPeakUsage();
            poolPeaks += u == null ? 0 : u.getUsed();
        }
        return new Peak(used, afterGc, poolPeaks);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
