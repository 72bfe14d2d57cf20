package io.plimsoll.vuln.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FeedInputTest {

    @Test
    void readsEachFeedsTimestampSpelling() {
        // NVD: no zone, meaning UTC, with milli- or microseconds
        assertThat(FeedInput.instant("2020-06-19T18:15:11.163")).contains(Instant.parse("2020-06-19T18:15:11.163Z"));
        assertThat(FeedInput.instant("2025-08-07T03:01:40.660439")).contains(Instant.parse("2025-08-07T03:01:40.660439Z"));
        // KEV's dateReleased and our own cursors
        assertThat(FeedInput.instant("2022-05-13T19:57:27.2727Z")).contains(Instant.parse("2022-05-13T19:57:27.2727Z"));
        // EPSS's comment line: an offset without a colon
        assertThat(FeedInput.instant("2024-10-25T00:00:00+0000")).contains(Instant.parse("2024-10-25T00:00:00Z"));
        assertThat(FeedInput.instant("2024-10-25T02:00:00+02:00")).contains(Instant.parse("2024-10-25T00:00:00Z"));
        assertThat(FeedInput.instant("2024-10-24T19:00:00-0500")).contains(Instant.parse("2024-10-25T00:00:00Z"));
        assertThat(FeedInput.instant("yesterday")).isEmpty();
        assertThat(FeedInput.instant("2024-10-25")).isEmpty();
        assertThat(FeedInput.instant(null)).isEmpty();
    }

    @Test
    void readsDatesAndTheDatePartOfTimestamps() {
        assertThat(FeedInput.date("2022-05-25")).contains(LocalDate.of(2022, 5, 25));
        assertThat(FeedInput.date("2025-03-20T00:00:00Z")).contains(LocalDate.of(2025, 3, 20));
        assertThat(FeedInput.date("2022-13-01")).isEmpty();
        assertThat(FeedInput.date("")).isEmpty();
    }
}
