package io.plimsoll.ecosystem.golang;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-written cases from the golang.org/x/mod/semver documentation, the Go Modules Reference (versions,
 * pseudo-versions, +incompatible) and Go's toolchain version docs. There is no shared vector file for Go.
 */
class GoVersionSchemeTest {

    private final GoVersionScheme scheme = new GoVersionScheme();

    /** Strictly ascending; neighbours joined by "=" in one string compare equal. */
    @Test
    void ordersModuleVersionsLikeXModSemver() {
        assertAscending(
                "v0.0.0-20191109021931-daa7c04131f5",       // pseudo-version with no tag before it
                "v0.0.0-20210101000000-aaaaaaaaaaaa",
                "v0.0.0",
                "v0.1.0",
                "v1.0.0-alpha",                             // semver.org's precedence example
                "v1.0.0-alpha.1",
                "v1.0.0-alpha.beta",
                "v1.0.0-beta",
                "v1.0.0-beta.2",
                "v1.0.0-beta.11",
                "v1.0.0-rc.1",
                "v1 = v1.0 = v1.0.0 = v1.0.0+meta",         // shorthands; build metadata ignored
                "v1.2 = v1.2.0",
                "v1.2.3-456",                               // numeric identifiers first...
                "v1.2.3-456.789",
                "v1.2.3-456-789",                           // ...then alphanumeric ones
                "v1.2.3-456a",
                "v1.2.3-pre = v1.2.3-pre+meta",
                "v1.2.3-pre.0.20191109021931-daa7c04131f5",  // pseudo-version after a prerelease tag
                "v1.2.3-pre.1",
                "v1.2.3-zzz",
                "v1.2.3 = v1.2.3+meta = v1.2.3+meta-pre.sha.256a",
                "v1.2.4-0.20191109021931-daa7c04131f5",     // pseudo-version after the v1.2.3 release
                "v1.2.4-0.20201231235959-0123456789ab",
                "v1.2.4",
                "v1.10.0",
                "v2.0.0-20180919212600-e7c89c1c4bd5",
                "v2.0.0 = v2.0.0+incompatible",             // +incompatible is build metadata
                "v2.0.1+incompatible",
                "v10.0.0",
                "v99999999999999999999.0.0");               // numbers of any size
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // toolchain versions, as go version and runtime.Version() print them
            "go1.21.5          | v1.21.5            | 0",
            "go1.21.5          | go1.21.10          | -1",
            "go1.22rc1         | v1.22.0-rc.1       | 0",
            "go1.22rc1         | go1.22rc2          | -1",
            "go1.22rc2         | go1.22.0           | -1",
            "go1.22beta1       | go1.22rc1          | -1",
            "go1.20            | go1.20.0           | 0",   // before 1.21 the release had no patch
            "go1.20            | go1.20.1           | -1",
            "go1.9.7           | go1.10             | -1",
            "go1               | v1.0.0             | 0",
            "go1.21.1rc1       | go1.21.1           | -1",
            "go1.21.5 X:boringcrypto | go1.21.5     | 0",
            // versions as OSV and the Go vulnerability database write them: no v
            "1.21.5            | go1.21.5           | 0",
            "1.22rc1           | go1.22rc1          | 0",
            "0.0.0-20220314234659-1baeb1ce4c0b | v0.0.0-20220314234659-1baeb1ce4c0b | 0",
            "0.17.0            | v0.16.9            | 1",
            // invalid strings sort below every version
            "v1.2.3.4          | v0.0.0             | -1",
            "1.2.3-01          | v0.0.0             | -1",
            "V1.2.3            | v0.0.0-0           | -1",
            "bad               | also-bad           | 1",   // among themselves: string order
    })
    void comparesLikeGo(String a, String b, int expected) {
        assertThat(scheme.compare(a, b)).isEqualTo(expected);
        assertThat(scheme.compare(b, a)).isEqualTo(-expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "v1                   | v1.0.0",
            "v1.2                 | v1.2.0",
            "v1.2.3-pre+meta      | v1.2.3-pre",
            "v2.0.0+incompatible  | v2.0.0",
            "go1.21.5             | v1.21.5",
            "go1.21               | v1.21.0",
            "go1.22rc1            | v1.22.0-rc.1",
            "go1.19beta1          | v1.19.0-beta.1",
            "go1                  | v1.0.0",
            "1.22rc1              | v1.22.0-rc.1",
            "1.2.3                | v1.2.3",
    })
    void readsVersionsAs(String version, String canonical) {
        assertThat(GoVersionScheme.canonical(version)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v0.0.0", "v1", "v1.2", "v1.2.3-456-789", "v1.2.3+meta-pre.sha.256a",
            "v0.0.0-20191109021931-daa7c04131f5", "v2.3.4+incompatible", "go1.21.5", "go1.22rc1", "go1",
            "1.21.5", "1.22beta2", "0.0.0-20220314234659-1baeb1ce4c0b"})
    void acceptsWhatGoAccepts(String version) {
        assertThat(scheme.isValid(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad", "v", "v1-pre", "v1+meta", "v1.2-pre", "v1.2+meta", "v01.2.3", "v1.02.3",
            "v1.2.03", "v1.2.3-01", "v1.2.3-", "v1.2.3-a..b", "v1.2.3+", "v1.2.3+a+b", "v1.2.3-é", "v1.2.3.4",
            "V1.2.3", " v1.2.3", "go", "go1.", "go1rc1", "go1.22RC1", "go1.22rc01", "go1.22-rc.1", "1.2.3-01"})
    void rejectsWhatGoRejects(String version) {
        assertThat(scheme.isValid(version)).isFalse();
    }

    private void assertAscending(String... groups) {
        List<List<String>> ranks = new ArrayList<>();
        for (String group : groups) {
            ranks.add(List.of(group.split(" = ")));
        }
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < ranks.size(); i++) {
            for (int j = 0; j < ranks.size(); j++) {
                for (String a : ranks.get(i)) {
                    for (String b : ranks.get(j)) {
                        if (scheme.compare(a, b) != Integer.compare(i, j)) {
                            wrong.add(a + " vs " + b + " = " + scheme.compare(a, b));
                        }
                    }
                }
            }
        }
        assertThat(wrong).as("pairs out of order").isEmpty();
    }
}
