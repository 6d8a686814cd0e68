package org.chaintrail.analytics.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class HaircutTaintTest {
    private static BigInteger v(long n) {
        return BigInteger.valueOf(n);
    }

    @Test
    void send_halfTaintedBalance_eachTransferCarriesHalf() {
        var h = HaircutTaint.INSTANCE.newHolding();
        h.receive(Parcel.tainted(v(100))); // tainted
        h.receive(Parcel.clean(v(100)));         // clean

        assertThat(h.send(v(50)).tainted()).isEqualByComparingTo("25");  // 50 · 100/200
        assertThat(h.send(v(150)).tainted()).isEqualByComparingTo("75"); // the share stays 1/2: 150 · 75/150
        assertThat(h.send(v(10)).tainted()).isEqualByComparingTo("0");   // nothing left: unexplained funds are clean
    }

    @Test
    void send_moreThanTheDataExplains_shortfallIsClean() {
        var h = HaircutTaint.INSTANCE.newHolding();
        h.receive(Parcel.tainted(v(40)));

        // B' = max(40, 100) = 100, so t = 100 · 40/100 = 40: only what was received can be taint.
        assertThat(h.send(v(100)).tainted()).isEqualByComparingTo("40");
    }

    @Test
    void send_thirds_keepsFortyDigitsAndNeverExceedsTaint() {
        var h = HaircutTaint.INSTANCE.newHolding();
        h.receive(new Parcel(v(3), BigDecimal.ONE, java.util.List.of()));

        BigDecimal first = h.send(v(1)).tainted();
        assertThat(first.precision()).isGreaterThanOrEqualTo(30);
        assertThat(first.add(h.send(v(1)).tainted()).add(h.send(v(1)).tainted())).isLessThanOrEqualTo(BigDecimal.ONE)
                .isGreaterThan(new BigDecimal("0.99999999999999999999999999999"));
    }

    @Test
    void of_unknownModel_namesTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> TaintModel.of("lifo"));
        assertThat(e).hasMessageContaining("'lifo'").hasMessageContaining("haircut");
    }
}
