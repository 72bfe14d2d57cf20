package io.plimsoll.ecosystem.python;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Pep440VersionSchemeTest {

    private final Pep440VersionScheme scheme = new Pep440VersionScheme();

    /** PEP 440's own example of the full order within one release, checked pair by pair. */
    @Test
    void ordersThePep440SortingExample() {
        List<String> ascending = List.of("1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12",
                "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0b2-346", "1.0c1.dev456",
                "1.0c1", "1.0rc2", "1.0c3", "1.0", "1.0.post456.dev34", "1.0.post456", "1.0.post456+local",
                "1.1.dev1", "1!0.1");
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < ascending.size(); i++) {
            for (int j = 0; j < ascending.size(); j++) {
                int expected = Integer.signum(Integer.compare(i, j));
                int actual = Integer.signum(scheme.compare(ascending.get(i), ascending.get(j)));
                if (actual != expected) {
                    wrong.add("compare(" + ascending.get(i) + ", " + ascending.get(j) + ") = " + actual);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // normalisation: spellings that name the same version
            "1.0          | 1.0.0.0         | 0",
            "1.0a         | 1.0a0           | 0",
            "1.0ALPHA1    | 1.0a1           | 0",
            "1.0.beta.2   | 1.0b2           | 0",
            "1.0c1        | 1.0rc1          | 0",
            "1.0pre1      | 1.0rc1          | 0",
            "1.0preview1  | 1.0rc1          | 0",
            "1.0-1        | 1.0.post1       | 0",   // implicit post-release
            "1.0_r1       | 1.0.post1       | 0",
            "1.0rev       | 1.0.post0       | 0",
            "1.0-dev      | 1.0.dev0        | 0",
            "v1.0         | 1.0             | 0",
            "0!1.0        | 1.0             | 0",
            "01.002       | 1.2             | 0",
            "1.0+ABC      | 1.0+abc         | 0",
            "1.0+abc-5    | 1.0+abc.5       | 0",
            "1.0+01       | 1.0+1           | 0",
            // dev of a pre-release, post of a dev
            "1.0.dev1     | 1.0a1.dev1      | -1",
            "1.0a1.dev1   | 1.0a1           | -1",
            "1.0.post1.dev1 | 1.0           | 1",
            "1.0.post1.dev1 | 1.0.post1     | -1",
            "1.0a1.post1  | 1.0a2.dev0      | -1",
            "1.0.dev1     | 1.0.post0.dev0  | -1",
            // local labels: none < text < number, shorter first
            "1.0          | 1.0+abc         | -1",
            "1.0+abc      | 1.0+abc.5       | -1",
            "1.0+abc.5    | 1.0+abd         | -1",
            "1.0+abd      | 1.0+5           | -1",
            "1.0+5        | 1.0+5.abc       | -1",
            "1.0+9        | 1.0+10          | -1",
            "1.0+local    | 1.0.post0       | -1",
            // epochs and numbers of any size
            "1!0.1        | 2.0             | 1",
            "1.99999999999999999999 | 1.100000000000000000000 | -1",
            "18446744073709551616!1 | 18446744073709551615!2 | 1",
            // strings packaging refuses sort first, among themselves as strings
            "foo          | 0.dev0          | -1",
            "foo          | goo             | -1",
            "1.0.x        | 1.0.x           | 0",
    })
    void comparesLikePackaging(String a, String b, int expected) {
        assertThat(Integer.signum(scheme.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(scheme.compare(b, a))).isEqualTo(-expected);
    }

    @Test
    void trimsPythonWhitespaceOnly() {
        assertThat(scheme.compare(" \t1.0\n", "1.0")).isZero();
        // Python's str.isspace() includes NEL and no-break spaces, which Java's String.strip() does not.
        assertThat(scheme.compare("\u00a01.0\u0085", "1.0")).isZero();
        assertThat(scheme.compare("\u30001.0\u001c", "1.0")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "v1.0", "V1.0", " 1.0 ", "1!1.0", "1.0-1", "1.0.post", "1.0.dev",
            "1.0+local.1-x_y", "1.0a", "1.0.a.1", "1.0\u00a0", "1.0_rc_1", "1.0-r-1", "1.0.post.1", "1.0-dev-1",
            "1.0a1.post1.dev1+x", "01.02", "1.0.2dev-20130226", "1.0b2-346", "1.0a-", "1.0a.-1", "1.0-1.dev-"})
    void acceptsWhatPackagingAccepts(String version) {
        assertThat(scheme.isValid(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1.0+", "1.0+a..b", "1.0a1a2", "1.0-", "1.0.", ".1", "1..0", "1.0 a1", "vv1.0",
            "1.0+\u00e9", "1.0-1-1", "1!2!3", "-1", "1.0\u180e", "1.0\u200b", "\uff11.0", "1.0+\u212a", "1.0\u0131",
            "1.0\u0000", "a1.0", "1.0.x", "1.0+-a", "1.0--1", "1,0"})
    void rejectsWhatPackagingRejects(String version) {
        assertThat(scheme.isValid(version)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1.0-1           | 1.0.post1",
            "V1.0.0.ALPHA    | 1.0.0a0",
            "0!1.0_preview-2 | 1.0rc2",
            "2!1.0.r.dev     | 2!1.0.post0.dev0",
            "1.0+Ubuntu-1_2  | 1.0+ubuntu.1.2",
    })
    void normalizesLikePackaging(String version, String normalized) {
        assertThat(scheme.normalize(version)).contains(normalized);
    }
}
