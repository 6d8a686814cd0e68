package org.chaintrail.analytics.clustering;

import java.util.Arrays;

/** A growable bitset of the address ids seen so far: one bit an id, 12.5 MB for 100 million. */
final class SeenAddresses implements AddressHistory {
    private long[] words = new long[0];

    @Override
    public boolean seenBefore(int address) {
        int w = address >>> 6;
        return w < words.length && (words[w] & (1L << address)) != 0;
    }

    void see(int address) {
        int w = address >>> 6;
        if (w >= words.length) {
            words = Arrays.copyOf(words, Math.max(w + 1, words.length + (words.length >> 1)));
        }
        words[w] |= 1L << address;
    }

    /** Marks every id below the bound as seen. */
    void seeBelow(int bound) {
        if (bound <= 0) {
            return;
        }
        int full = bound >>> 6;
        if (((bound - 1) >>> 6) >= words.length) {
            words = Arrays.copyOf(words, ((bound - 1) >>> 6) + 1);
        }
        Arrays.fill(words, 0, full, -1L);
        if ((bound & 63) != 0) {
            words[full] |= (1L << bound) - 1;
        }
    }

    long bytes() {
        return 16 + 8L * words.length;
    }
}
