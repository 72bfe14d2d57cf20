package io.plimsoll.ecosystem.npm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SemverVersionSchemeTest {

    private final SemverVersionScheme scheme = new SemverVersionScheme();

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // the precedence example of semver.org, item 11
            "1.0.0-alpha      | 1.0.0-alpha.1    | -1",
            "1.0.0-alpha.1    | 1.0.0-alpha.beta | -1",
            "1.0.0-alpha.beta | 1.0.0-beta       | -1",
            "1.0.0-beta       | 1.0.0-beta.2     | -1",
            "1.0.0-beta.2     | 1.0.0-beta.11    | -1",
            "1.0.0-beta.11    | 1.0.0-rc.1       | -1",
            "1.0.0-rc.1       | 1.0.0            | -1",
            "1.9.0            | 1.10.0           | -1",
            "1.10.0           | 1.11.0           | -1",
            "2.0.0            | 2.1.1            | -1",
            "1.0.0+build.1    | 1.0.0+build.2    | 0",   // build metadata never counts
            "1.0.0-rc.1+b     | 1.0.0-rc.1       | 0",
            "v1.2.3           | 1.2.3            | 0",   // strict reading allows a leading v
            "' 1.2.3 '        | 1.2.3            | 0",   // and surrounding white space
            "1.2.3-1          | 1.2.3-a          | -1",  // numbers before words
            "1.2.3-a1         | 1.2.3-a10        | -1",  // words compare as text...
            "1.2.3-a9         | 1.2.3-a10        | 1",   // ...character by character
            "1.2.3-Z          | 1.2.3-a          | -1",  // by code unit: upper case first
            "1.2.3-1a         | 1.2.3-1          | 1",   // digits then a letter is a word
            "1.2.3--          | 1.2.3-0          | 1",
            "9007199254740991.0.0 | 9007199254740990.9.9 | 1",
            "1.0.0-9007199254740990 | 1.0.0-9007199254740991 | -1",
            // digit runs too big for a double compare as doubles: these round alike, so node-semver calls
            // them equal and stops there, never looking at what follows
            "1.0.0-18014398509481985   | 1.0.0-18014398509481984   | 0",
            "1.0.0-18014398509481985.b | 1.0.0-18014398509481984.a | 0",
            "1.0.0-18014398509481988   | 1.0.0-18014398509481984   | 1",
            // loose readings node-semver's strict compare would throw on: still ordered, the same way
            "=1.2.3           | 1.2.3            | 0",
            "01.02.03         | 1.2.3            | 0",
            "1.2.3beta        | 1.2.3-beta       | 0",
            "1.2.3-01         | 1.2.3-1          | 0",
            // not a version at all: before every version, plain string order among themselves
            "1.2              | 0.0.0-0          | -1",
            "banana           | apple            | 1",
    })
    void comparesLikeNodeSemver(String a, String b, int expected) {
        assertThat(scheme.compare(a, b)).isEqualTo(expected);
        assertThat(scheme.compare(b, a)).isEqualTo(-expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0", "1.2.3", "v1.2.3", " 1.2.3\t", "1.2.3-alpha.1", "1.2.3-0a", "1.2.3--",
            "1.2.3+build.007", "1.2.3-rc.1+exp.sha.5114f85", "9007199254740991.0.0"})
    void acceptsWhatNodeSemverAccepts(String version) {
        assertThat(scheme.isValid(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2", "=1.2.3", "V1.2.3", "01.2.3", "1.02.3", "1.2.3-01", "1.2.3-",
            "1.2.3-a..b", "1.2.3+", "1.2.3+a_b", "1.2.3beta", "1.2.3.4", "9007199254740992.0.0", "1.2.3-é",
            "vv1.2.3"})
    void rejectsWhatNodeSemverRejects(String version) {
        assertThat(scheme.isValid(version)).isFalse();
    }

    @Test
    void rejectsVersionsLongerThan256Characters() {
        String longest = "1.2.3-" + "a".repeat(250);
        assertThat(scheme.isValid(longest)).isTrue();
        assertThat(scheme.isValid(longest + "a")).isFalse();
    }
}
