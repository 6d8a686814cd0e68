package org.chaintrail.analytics.clustering;

import java.util.Arrays;
import java.util.Objects;

/**
 * Disjoint sets over dense int ids {@code 0..size()-1}, in two primitive arrays: 8 bytes an id,
 * so 100 million ids take 800 MB (plus the copy while an array grows; size it up front with
 * {@link #UnionFind(int)} when the count is known).
 *
 * <p>{@code find} halves paths as it walks; {@code union} hangs the smaller set under the larger
 * (union by size). Together they make any sequence of m operations on n ids cost
 * O(m α(n)), α the inverse Ackermann function: constant for any n that fits in memory
 * (Tarjan and van Leeuwen, "Worst-case analysis of set union algorithms", JACM 1984).
 *
 * <p>A set's {@link #representative} is its smallest id, kept at the root, so the name of an
 * entity depends only on which ids are in it, never on the order of the unions that built it.
 *
 * <p>Layout: {@code parent[x]} is x's parent, or, at a root, minus the set's size; {@code min[r]}
 * is the smallest id of the set whose root is r (stale at non-roots). Not thread-safe.
 */
public final class UnionFind {
    private static final int MAX_IDS = Integer.MAX_VALUE - 8;

    private int[] parent;
    private int[] min;
    private int size;
    private int sets;

    /** An empty structure; ids are added with {@link #ensureCapacity}. */
    public UnionFind() {
        this(0);
    }

    /**
     * @param ids ids {@code 0..ids-1}, each alone in its set
     * @throws IllegalArgumentException if ids is negative
     */
    public UnionFind(int ids) {
        if (ids < 0) {
            throw new IllegalArgumentException("ids must not be negative, was " + ids);
        }
        parent = new int[ids];
        min = new int[ids];
        initialise(0, ids);
        size = ids;
        sets = ids;
    }

    /**
     * Makes ids {@code 0..ids-1} valid; those not there yet arrive alone in their sets. Arrays grow
     * by half at least, so ids arriving one by one in increasing order cost O(1) amortised.
     *
     * @throws IllegalArgumentException if ids is negative or beyond what a Java array can hold
     */
    public void ensureCapacity(int ids) {
        if (ids <= size) {
            if (ids < 0) {
                throw new IllegalArgumentException("ids must not be negative, was " + ids);
            }
            return;
        }
        if (ids > MAX_IDS) {
            throw new IllegalArgumentException("at most " + MAX_IDS + " ids, asked for " + ids);
        }
        if (ids > parent.length) {
            int capacity = (int) Math.min(MAX_IDS, Math.max(ids, parent.length + (long) (parent.length >> 1)));
            parent = Arrays.copyOf(parent, capacity);
            min = Arrays.copyOf(min, capacity);
        }
        initialise(size, ids);
        sets += ids - size;
        size = ids;
    }

    private void initialise(int from, int to) {
        Arrays.fill(parent, from, to, -1);
        for (int i = from; i < to; i++) {
            min[i] = i;
        }
    }

    /**
     * The root of x's set, halving the path on the way (each visited id then points to its
     * grandparent).
     *
     * @throws IndexOutOfBoundsException if x is not in {@code 0..size()-1}
     */
    public int find(int x) {
        Objects.checkIndex(x, size);
        int[] p = parent;
        while (p[x] >= 0) {
            int up = p[x];
            int grand = p[up];
            if (grand >= 0) {
                p[x] = grand;
                x = grand;
            } else {
                return up;
            }
        }
        return x;
    }

    /**
     * Joins the sets of a and b.
     *
     * @return true if they were two sets and are now one; false if they were one already
     * @throws IndexOutOfBoundsException if a or b is not in {@code 0..size()-1}
     */
    public boolean union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return false;
        }
        if (parent[ra] > parent[rb]) { // sizes are negated: ra's set is the smaller one
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[ra] += parent[rb];
        parent[rb] = ra;
        if (min[rb] < min[ra]) {
            min[ra] = min[rb];
        }
        sets--;
        return true;
    }

    /** Whether a and b are in one set. */
    public boolean connected(int a, int b) {
        return find(a) == find(b);
    }

    /** How many ids are in x's set, x included. */
    public int size(int x) {
        return -parent[find(x)];
    }

    /** The smallest id in x's set: the same whatever the order of the unions. */
    public int representative(int x) {
        return min[find(x)];
    }

    /** How many ids there are: valid ids are {@code 0..size()-1}. */
    public int size() {
        return size;
    }

    /** How many disjoint sets the ids form; ids alone count as one set each. */
    public int sets() {
        return sets;
    }

    /** How many successful unions there have been: {@code size() - sets()}. */
    public int merges() {
        return size - sets;
    }

    /** The memory held by the two arrays, their spare capacity included, in bytes. */
    public long bytes() {
        return 2L * (16 + 4L * parent.length);
    }
}
