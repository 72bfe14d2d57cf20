package io.plimsoll.ecosystem.java;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MavenVersionSchemeTest {

    private final MavenVersionScheme scheme = new MavenVersionScheme();

    /** Each version sorts strictly before every later one: the qualifier order around a release. */
    @Test
    void ordersQualifiersAroundTheRelease() {
        assertStrictlyAscending(
                "1-alpha1snapshot", "1-alpha1", "1-alpha-7", "1-beta-3", "1-beta12", "1-m1", "1-m10", "1-rc",
                "1-cr3", "1-rc45", "1-SNAPSHOT", "1", "1-sp", "1-sp4", "1-sp99", "1-bar", "1-foo", "1-jre-1",
                "1-1-snapshot", "1-1", "1-3", "1-100");
    }

    /** Numbers against qualifiers and sub-lists in the same place. */
    @Test
    void ordersNumbersLettersAndSubLists() {
        assertStrictlyAscending(
                "3.0", "3.0.a", "3-1", "3.0.4", "3.0.456", "3.1.0", "3.1-a", "3.1b", "3.1-c", "3.1-1", "3.1.0.1",
                "3.2", "3.456", "12.a3", "12.a12", "12.b3", "12.b12", "12.m3", "12.m12", "12", "12.a", "12b",
                "12c", "12m");
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // trailing zeros, empty and release qualifiers mean nothing
            "1           | 1.0.0        | 0",
            "1           | 1-0          | 0",
            "1.0         | 1.0-0        | 0",
            "1.0.0.Final | 1            | 0",
            "2.RELEASE   | 2.0-ga       | 0",
            "1..0        | 1            | 0",
            // a letter right after digits starts a sub-list, as a '-' would
            "1b          | 1-b          | 0",
            "1.0.0b      | 1-b          | 0",
            "1.0q        | 1.0.0-q      | 0",
            // a, b, m are alpha, beta, milestone only when a digit follows
            "1a1         | 1-alpha-1    | 0",
            "1m3         | 1-MILESTONE3 | 0",
            "1.0-a       | 1.0-alpha    | 1",   // plain 'a' is an unknown qualifier: after the release
            "1.0.a.1     | 1.0.alpha.1  | 1",   // a '.' after it does not count as a digit following
            "1cR         | 1Rc          | 0",   // case-insensitive, cr is rc
            "1.0-alpha-1 | 1.0          | -1",
            "1.0-SNAPSHOT | 1.0         | -1",
            "1.0-alpha-1-SNAPSHOT | 1.0-alpha-1 | -1",
            "1.0         | 1.0-1        | -1",
            "1.0.0       | 1.0-1        | -1",
            "2.0-1       | 2.0.1        | -1",
            "2.0.1       | 2.0.1-xyz    | -1",
            "2.0.1-xyz   | 2.0.1-123    | -1",
            "1.0-sp1     | 1.0          | 1",
            "1.0-jdk5    | 1.0-sp       | 1",   // unknown qualifiers sort after every known one
            "6.1.0rc3    | 6.1H.5-beta  | -1",  // MNG-5568
            "6.1.0       | 6.1H.5-beta  | -1",
            "1-0.alpha   | 1            | -1",  // MNG-6964: the whole sub-list counts against nothing
            "1-0.beta    | 1-0.alpha    | 1",
            "1-0.1       | 1            | 1",   // ...so a zero first does not end the comparison
            "1-0.0.rc    | 1            | -1",
            "1.0.0.rc1   | 1.0.0-rc2    | -1",  // MNG-7644: .X1 sorts like -X1
            "2-xyz       | 2.0.0.xyz    | 0",
            "2.0.b       | 2-b          | 0",
            // numbers of any size, leading zeros ignored
            "20190126.230843 | 1234567890.12345 | -1",
            "1234567890.12345 | 123456789012345.1H.5-beta | -1",
            "123456789012345.1H | 12345678901234567890.1H | -1",
            "0000000000000000001 | 1    | 0",
            "000000000000000000000 | 0  | 0",
            "1.99999999999999999999 | 1.100000000000000000000 | -1",
            "1.2147483648 | 1.2147483647 | 1",
            "1.9223372036854775808 | 1.9223372036854775807 | 1",
            // Character.isDigit takes any script's digits; only ASCII zeros are stripped before the length picks
            // int, long or BigInteger, and the kind is compared before the value
            "1.\u0663    | 1.3          | 0",
            "\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0661 | 2 | 1",
    })
    void comparesLikeComparableVersion(String a, String b, int expected) {
        assertThat(scheme.compare(a, b)).isEqualTo(expected);
        assertThat(scheme.compare(b, a)).isEqualTo(-expected);
    }

    /** Lower-casing uses English rules, so a Turkish default locale does not turn I into dotless i. */
    @Test
    void ignoresTheDefaultLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
            assertThat(scheme.compare("1-FINAL", "1")).isZero();
            assertThat(scheme.compare("1-ABCDEFGHIJKLMNOPQRSTUVWXYZ", "1-abcdefghijklmnopqrstuvwxyz")).isZero();
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1.0.0.Final      | 1",
            "1.0-alpha-1      | 1-alpha-1",
            "1.0a1            | 1-alpha-1",
            "2.0.0-SNAPSHOT   | 2-snapshot",
            "1.10.0-rc.1      | 1.10-rc.1",
            "3.1.0.RELEASE-sp1 | 3.1-sp-1",
    })
    void canonicalFormMatchesMaven(String version, String canonical) {
        assertThat(MavenVersionScheme.canonical(version)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.0-SNAPSHOT", "2.0.0.Final", "1.0_beta+build.5", "r09", "1-", "-1", "1..2"})
    void acceptsWhatMavenAccepts(String version) {
        assertThat(scheme.isValid(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1.0 ", "${project.version}", "1.0/2", "1:0", "1.0?", "1*", "1\t0"})
    void rejectsWhatMavenRejects(String version) {
        assertThat(scheme.isValid(version)).isFalse();
    }

    private void assertStrictlyAscending(String... versions) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < versions.length; i++) {
            for (int j = i; j < versions.length; j++) {
                int expected = Integer.compare(i, j);
                if (scheme.compare(versions[i], versions[j]) != expected
                        || scheme.compare(versions[j], versions[i]) != -expected) {
                    wrong.add(versions[i] + " vs " + versions[j]);
                }
            }
        }
        assertThat(wrong).as("pairs out of order").isEmpty();
    }
}
