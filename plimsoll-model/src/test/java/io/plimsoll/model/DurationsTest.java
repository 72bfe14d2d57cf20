package io.plimsoll.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsTheShortFormsTheirCombinationsZeroAndIso8601() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("72h")).isEqualTo(Duration.ofHours(72));
        assertThat(Durations.parse(" 3d ")).isEqualTo(Duration.ofDays(3));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("0")).isZero();
        assertThat(Durations.parse("PT72H")).isEqualTo(Duration.ofHours(72));
        assertThat(Durations.parse("pt90m")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void anythingElseIsRefusedNamingTheText() {
        for (String bad : new String[] {"", "72", "3 days", "1h 30m", "h", "P", "99999999999999999999d", "-1h"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }
}
