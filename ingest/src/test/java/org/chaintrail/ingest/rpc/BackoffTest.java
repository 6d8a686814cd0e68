package org.chaintrail.ingest.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a node's {@code Retry-After} is read (RFC 9110 §10.2.3: delay-seconds or an HTTP date). */
class BackoffTest {
    @Test
    void retryAfter_delaySeconds_thatManySeconds() {
        assertThat(Backoff.retryAfter("1")).contains(Duration.ofSeconds(1));
        assertThat(Backoff.retryAfter(" 120 ")).contains(Duration.ofSeconds(120));
        assertThat(Backoff.retryAfter("0")).contains(Duration.ZERO);
    }

    @Test
    void retryAfter_httpDateAnHourAhead_aboutAnHour() {
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));

        assertThat(Backoff.retryAfter(inAnHour)).hasValueSatisfying(d ->
                assertThat(d).isBetween(Duration.ofMinutes(58), Duration.ofMinutes(60)));
    }

    @Test
    void retryAfter_httpDateInThePast_empty() {
        assertThat(Backoff.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "soon", "-5", "1.5", "99999999999"})
    void retryAfter_absentOrNotUnderstood_empty(String header) {
        assertThat(Backoff.retryAfter(header)).isEmpty();
    }
}
