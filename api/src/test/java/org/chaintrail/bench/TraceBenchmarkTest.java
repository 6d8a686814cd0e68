package org.chaintrail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TraceBenchmarkTest {
    private static long[] millis(long... values) {
        return LongStream.of(values).map(v -> v * 1_000_000).toArray();
    }

    @Test
    void timing_twentyRuns_medianOfTheMiddleTwoAndP99IsTheSlowest() {
        // 1..20 ms in a shuffled order: median (10 + 11) / 2, nearest-rank p99 = rank 20 = 20 ms.
        var t = new TraceBenchmark.Timing(millis(7, 3, 20, 1, 15, 9, 12, 2, 18, 4, 6, 19, 10, 5, 14, 8, 11, 17, 13, 16));

        assertThat(t.medianMillis()).isEqualTo(10.5);
        assertThat(t.p99Millis()).isEqualTo(20.0);
        assertThat(t.minMillis()).isEqualTo(1.0);
        assertThat(t.maxMillis()).isEqualTo(20.0);
    }

    @Test
    void timing_twoHundredRuns_p99IsRank198() {
        var t = new TraceBenchmark.Timing(LongStream.rangeClosed(1, 200).map(v -> v * 1_000_000).toArray());

        assertThat(t.p99Millis()).isEqualTo(198.0);
        assertThat(t.medianMillis()).isEqualTo(100.5);
    }

    @Test
    void settings_depthOutOfRange_namesTheValue() {
        assertThatThrownBy(() -> new TraceBenchmark.Settings(new SyntheticChain.Config(2_000, 10_000, 1, 7L),
                Path.of("unused"), 20, 3, 60, Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 60");
    }

    @Test
    void percentileMillis_tenTimes_nearestRank() {
        long[] sorted = millis(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

        assertThat(TraceBenchmark.Timing.percentileMillis(sorted, 0.50)).isEqualTo(5.0);
        assertThat(TraceBenchmark.Timing.percentileMillis(sorted, 0.90)).isEqualTo(9.0);
        assertThat(TraceBenchmark.Timing.percentileMillis(sorted, 0.99)).isEqualTo(10.0);
        assertThat(TraceBenchmark.Timing.percentileMillis(new long[0], 0.99)).isZero();
    }
}
