package io.plimsoll.ecosystem.ruby;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class GemVersionSchemeTest {

    private final GemVersionScheme scheme = new GemVersionScheme();

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "''            | 0                  | 0",    // blank means 0
            "'  '          | 0                  | 0",
            "1.0           | 1                  | 0",    // trailing zeros do not count...
            "1.0.a         | 1.a                | 0",
            "1.0.a.0       | 1.0.a              | 0",    // ...after the first letters either
            "1.0.0.a       | 1.0.a.0.0          | 0",
            "1.0.a.0.1     | 1.0.a.1            | -1",   // but zeros in between do
            "1.0.a         | 1.0                | -1",   // letters make a pre-release
            "1.a           | 1                  | -1",
            "0.a           | 0                  | -1",
            "1.0.rc1       | 1.0                | -1",
            "0.9           | 1.0.a.2            | -1",
            "1.0.a10       | 1.0.a9             | 1",    // letters and digits split: a, 10
            "1.0.a10       | 1.0.a.10           | 0",
            "1.0.b1        | 1.0.a.2            | 1",
            "1.0.a         | 1.0.a.b            | 1",    // a missing segment is 0, and letters sort before it
            "1.0.a.1       | 1.0.a              | 1",
            "1.0.B         | 1.0.a              | -1",   // letters compare as bytes
            "1.0.pre       | 1.0.alpha          | 1",
            "1.0.pre.1     | 1.0.rc             | -1",
            "1.0-1         | 1.0                | -1",   // - reads as .pre.
            "1.0-1         | 1.0.pre.1          | 0",
            "1.0-rc1-2     | 1.0.pre.rc.1.pre.2 | 0",
            "1.10          | 1.9                | 1",
            "1.0.0.1       | 1                  | 1",
            "1.99999999999999999999 | 1.100000000000000000000 | -1",
            // strings RubyGems refuses sort first, among themselves as strings
            "v1.0          | 0.a                | -1",
            "1.0_1         | 1.0+1              | 1",
    })
    void comparesLikeRubyGems(String a, String b, int expected) {
        assertThat(Integer.signum(scheme.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(scheme.compare(b, a))).isEqualTo(-expected);
    }

    @Test
    void stripsRubyWhitespace() {
        assertThat(scheme.compare(" 1.0\n", "1.0")).isZero();
        assertThat(scheme.compare("\u000b1.0\f", "1")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1", "1.0", "1.0.a", "1.0-1", "1.0-a-b.c-d", "1.0a1", " 1.0 ", "\u000b1.0\f", "01",
            "1-a"})
    void acceptsWhatRubyGemsAccepts(String version) {
        assertThat(scheme.isValid(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "1a", "1..0", "1.0.", ".1", "-1", "1.0-", "1.0 1", "1.0_1", "1.0+1", "1.0\u00a0",
            "1.0\u0000", "\u00001.0", "\u0085", "v1.0", "1.0-.a", "1.0-a..b", "1.0-a."})
    void rejectsWhatRubyGemsRejects(String version) {
        assertThat(scheme.isValid(version)).isFalse();
    }
}
