package io.plimsoll.ecosystem.rpm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RpmVersionSchemeTest {

    private final RpmVersionScheme scheme = new RpmVersionScheme();

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "1.0        | 1.0-1      | -1",  // rpm 4.18 rpmverCmp: a release beats no release
            "1.0-1      | 1.0-1      | 0",
            "0:1.0-1    | 1.0-1      | 0",   // missing epoch is 0
            ":1.0-1     | 0:1.0-1    | 0",   // so is an empty one
            "1:1.0-1    | 2.0-1      | 1",
            "01:1.0     | 1:1.0      | 0",   // epochs compare with rpmvercmp, i.e. by value
            "10:1       | 9:1        | 1",
            "1.0-1-2    | 1.0-1-1    | 1",   // release is after the LAST hyphen
            "1.0-1-2    | 1.0-2      | 1",   // ...so version 1.0-1 beats 1.0
            "1.0~rc1-1  | 1.0-1      | -1",
            "1.0^git1-1 | 1.0-1      | 1",
            "1.0^git1-1 | 1.0.1-1    | -1",
            "1.0-1.el9  | 1.0-1.el9_1 | -1",
            "2.0-1      | 2.0-1~     | 1",
            "1.123456789012345678901234567890-1 | 1.123456789012345678901234567889-1 | 1",
    })
    void comparesLikeRpm(String a, String b, int expected) {
        assertThat(scheme.compare(a, b)).isEqualTo(expected);
        assertThat(scheme.compare(b, a)).isEqualTo(-expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.0-1", "1:1.0-1.el9", "1.0~rc1^git2+3_4-1.el9_2", "0_0.1-1.el8sat.x86_64"})
    void acceptsWhatRpmbuildAccepts(String version) {
        assertThat(scheme.isValid(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.0-1-1", "1:2:3", "a:1.0", ":1.0", "1:", "1.0-", "-1", "1..0", "1.0 1", "1.0/1",
            "1.0é"})
    void rejectsWhatRpmbuildRejects(String version) {
        assertThat(scheme.isValid(version)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "1:2.0.5-12.fc39 | 1    | 2.0.5   | 12.fc39",
            "2.0.5-12.fc39   | null | 2.0.5   | 12.fc39",
            "2.0.5           | null | 2.0.5   | null",
            ":2.0            | 0    | 2.0     | null",
            "1.0-1-2         | null | 1.0-1   | 2",
            "a:1.0-1         | null | a:1.0   | 1",
    })
    void splitsEvrLikeRpm(String evr, String epoch, String version, String release) {
        assertThat(Evr.parse(evr)).isEqualTo(new Evr(epoch, version, release));
    }
}
