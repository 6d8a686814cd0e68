package org.chaintrail.analytics.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnionFindTest {

    /** The obvious implementation: a label per id, relabelled on every union. */
    private static final class Naive {
        int[] label = new int[0];

        void grow(int n) {
            int old = label.length;
            if (n > old) {
                label = Arrays.copyOf(label, n);
                for (int i = old; i < n; i++) {
                    label[i] = i;
                }
            }
        }

        boolean union(int a, int b) {
            int la = label[a];
            int lb = label[b];
            if (la == lb) {
                return false;
            }
            for (int i = 0; i < label.length; i++) {
                if (label[i] == lb) {
                    label[i] = la;
                }
            }
            return true;
        }

        int min(int x) {
            for (int i = 0; i < label.length; i++) {
                if (label[i] == label[x]) {
                    return i; // the first id found with x's label is the set's smallest
                }
            }
            throw new AssertionError();
        }

        int size(int x) {
            return (int) Arrays.stream(label).filter(l -> l == label[x]).count();
        }

        int sets() {
            return (int) Arrays.stream(label).distinct().count();
        }
    }

    @Test
    void union_randomOperationsWithGrowth_agreeWithNaiveEverywhere() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            UnionFind uf = new UnionFind();
            Naive naive = new Naive();
            int n = 0;
            for (int step = 0; step < 3_000; step++) {
                if (n == 0 || random.nextInt(10) == 0) {
                    n += 1 + random.nextInt(20); // ids arrive in increasing order, a few at a time
                    uf.ensureCapacity(n);
                    naive.grow(n);
                }
                int a = random.nextInt(n);
                int b = random.nextInt(n);
                assertThat(uf.union(a, b)).as("seed %d step %d union(%d, %d)", seed, step, a, b)
                        .isEqualTo(naive.union(a, b));
            }
            assertThat(uf.size()).isEqualTo(n);
            assertThat(uf.sets()).isEqualTo(naive.sets());
            assertThat(uf.merges()).isEqualTo(n - naive.sets());
            for (int x = 0; x < n; x++) {
                assertThat(uf.representative(x)).as("seed %d representative(%d)", seed, x).isEqualTo(naive.min(x));
                assertThat(uf.size(x)).as("seed %d size(%d)", seed, x).isEqualTo(naive.size(x));
                int y = random.nextInt(n);
                assertThat(uf.connected(x, y)).isEqualTo(naive.label[x] == naive.label[y]);
            }
        }
    }

    @Test
    void representative_sameUnionsInAnyOrder_sameSmallestId() {
        int[][] pairs = {{9, 4}, {4, 7}, {12, 3}, {7, 12}, {20, 21}, {21, 15}};
        UnionFind forward = new UnionFind(25);
        UnionFind backward = new UnionFind(25);
        for (int i = 0; i < pairs.length; i++) {
            forward.union(pairs[i][0], pairs[i][1]);
            int[] p = pairs[pairs.length - 1 - i];
            backward.union(p[1], p[0]);
        }
        for (int x : new int[] {9, 4, 7, 12, 3}) {
            assertThat(forward.representative(x)).isEqualTo(3);
            assertThat(backward.representative(x)).isEqualTo(3);
            assertThat(forward.size(x)).isEqualTo(5);
        }
        assertThat(forward.representative(20)).isEqualTo(15);
        assertThat(backward.representative(21)).isEqualTo(15);
        assertThat(forward.representative(0)).isZero(); // alone: its own representative
        assertThat(forward.sets()).isEqualTo(25 - 6);
    }

    @Test
    void union_sameSetTwice_secondReturnsFalseAndCountsNothing() {
        UnionFind uf = new UnionFind(3);

        assertThat(uf.union(0, 1)).isTrue();
        assertThat(uf.union(1, 0)).isFalse();
        assertThat(uf.union(2, 2)).isFalse();
        assertThat(uf.sets()).isEqualTo(2);
        assertThat(uf.merges()).isEqualTo(1);
    }

    @Test
    void find_idBeyondSize_throwsNamingTheId() {
        UnionFind uf = new UnionFind(4);
        uf.ensureCapacity(6); // capacity may be larger, size is 6

        assertThat(uf.find(5)).isEqualTo(5);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> uf.find(6));
        assertThat(e.getMessage()).contains("6");
        assertThrows(IndexOutOfBoundsException.class, () -> uf.union(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> uf.ensureCapacity(-1));
    }

    @Test
    void bytes_eightBytesAnIdOfCapacity() {
        assertThat(new UnionFind(1_000).bytes()).isEqualTo(2 * (16 + 4_000));
        UnionFind grown = new UnionFind(1_000);
        grown.ensureCapacity(1_001); // grows by half
        assertThat(grown.bytes()).isEqualTo(2 * (16 + 4 * 1_500));
        assertThat(grown.size()).isEqualTo(1_001);
    }

    @Test
    void hundredMillionIds_fitInUnderOneGigabyteAndUnite() {
        int n = 100_000_000;
        UnionFind uf = new UnionFind(n);
        for (int x = n - 1; x > 0; x -= 2) {
            uf.union(x, x - 1); // pairs (n-2, n-1), ..., (0, 1)
        }
        uf.union(n - 1, 0);

        assertThat(uf.bytes()).isLessThan(1L << 30);
        assertThat(uf.sets()).isEqualTo(n / 2 - 1);
        assertThat(uf.representative(n - 2)).isZero();
        assertThat(uf.size(1)).isEqualTo(4);
        assertThat(uf.representative(n / 2)).isEqualTo(n / 2);
    }
}
