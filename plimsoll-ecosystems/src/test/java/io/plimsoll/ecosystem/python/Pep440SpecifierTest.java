package io.plimsoll.ecosystem.python;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The examples of PEP 440's "Version specifiers" section, plus the pre-release rule. Each case gives the answer
 * with PEP 440's default for pre-releases and the answer with pre-releases allowed.
 */
class Pep440SpecifierTest {

    @ParameterizedTest(name = "{0} contains {1}: {2} (pre-releases allowed: {3})")
    @CsvSource(delimiter = '|', value = {
            // Compatible release: ~=V.N means >=V.N, ==V.*
            "~=2.2          | 2.2            | true  | true",
            "~=2.2          | 2.3            | true  | true",
            "~=2.2          | 2.2.post1      | true  | true",
            "~=2.2          | 3.0            | false | false",
            "~=2.2          | 2.1            | false | false",
            "~=2.2          | 2.5rc1         | false | true",
            "~=1.4.5        | 1.4.9          | true  | true",
            "~=1.4.5        | 1.5.0          | false | false",
            "~=2.2.post3    | 2.9            | true  | true",
            "~=2.2.post3    | 2.2.post2      | false | false",
            "~=1.4.5a4      | 1.4.5a4        | true  | true",   // names a pre-release, so lets them in
            "~=1.4.5a4      | 1.4.6rc1       | true  | true",
            "~=1.4.5a4      | 1.5            | false | false",
            "~=2.2.0        | 2.2.9          | true  | true",
            "~=2.2.0        | 2.3            | false | false",
            "~=1.4.5.0      | 1.4.5.9        | true  | true",
            "~=1.4.5.0      | 1.4.6          | false | false",
            "~=1!2.2        | 1!2.9          | true  | true",
            "~=1!2.2        | 2.9            | false | false",
            // Version matching, with the candidate 1.1.post1, 1.1a1 and 1.1 of the PEP's examples
            "==1.1          | 1.1.post1      | false | false",
            "==1.1.post1    | 1.1.post1      | true  | true",
            "==1.1.*        | 1.1.post1      | true  | true",
            "==1.1          | 1.1a1          | false | false",
            "==1.1a1        | 1.1a1          | true  | true",
            "==1.1.*        | 1.1a1          | false | true",   // matches only if pre-releases are requested
            "==1.1          | 1.1            | true  | true",
            "==1.1.0        | 1.1            | true  | true",   // zero padding
            "==1.1.dev1     | 1.1            | false | false",
            "==1.1a1        | 1.1            | false | false",
            "==1.1.post1    | 1.1            | false | false",
            "==1.1.*        | 1.1            | true  | true",
            "==1.1.0.*      | 1.1            | true  | true",   // an exact match is a prefix match
            "==1.*          | 1!1.0          | false | false",   // the epoch must be the same
            "==1.1          | 1.1+local      | true  | true",   // a public clause ignores local labels
            "==1.1+local    | 1.1+local      | true  | true",
            "==1.1+local    | 1.1            | false | false",
            "==1.1+local    | 1.1+other      | false | false",
            "==1.1.*        | 1.1.5+local    | true  | true",
            // Version exclusion
            "!=1.1          | 1.1.post1      | true  | true",
            "!=1.1.post1    | 1.1.post1      | false | false",
            "!=1.1.*        | 1.1.post1      | false | false",
            "!=1.1.*        | 1.2            | true  | true",
            // Inclusive ordered comparison ignores local labels
            "<=2.0          | 2.0+local      | true  | true",
            ">=2.0          | 2.0+local      | true  | true",
            ">=2.0          | 1.9            | false | false",
            // Exclusive ordered comparison
            ">1.7           | 1.7.1          | true  | true",
            ">1.7           | 1.7.0.post1    | false | false",   // not a post-release of 1.7 itself
            ">1.7           | 1.7            | false | false",
            ">1.7           | 1.7+local      | false | false",   // nor a local version of it
            ">1.7.post2     | 1.7.1          | true  | true",
            ">1.7.post2     | 1.7.0.post3    | true  | true",
            ">1.7.post2     | 1.7.0          | false | false",
            "<3.1           | 3.0            | true  | true",
            "<3.1           | 3.1rc1         | false | false",   // not a pre-release of 3.1 itself
            "<3.1           | 3.1.dev0       | false | false",
            "<3.1           | 3.0rc1         | false | true",
            "<3.1rc1        | 3.1b1          | true  | true",
            // Arbitrary equality: plain strings, case-insensitive
            "===foobar      | foobar         | true  | true",
            "===foobar      | FooBar         | true  | true",
            "===1.0         | 1.0            | true  | true",
            "===1.0         | 1.0.0          | false | false",
            "===1.0         | 1.0+downstream1 | false | false",
            // The pre-release rule: excluded unless a clause names one, whatever the operator
            ">=1.0          | 2.0b1          | false | true",
            ">=1.0          | 2.0.dev3       | false | true",
            ">=1.0b1        | 2.0b1          | true  | true",
            ">=1.0b1,<3     | 2.0.dev3       | true  | true",
            ">=1.0,!=2.0b1  | 2.0b2          | false | true",   // != names no request
            "==1.0.dev1     | 1.0.dev1       | true  | true",
            "''             | 1.0            | true  | true",
            "''             | 1.0a1          | false | true",
            // Sets
            // The PEP's example set: ~=0.9 means ==0.*, which >=1.0 rules out, so nothing satisfies it.
            "'~= 0.9, >= 1.0, != 1.3.4.*, < 2.0' | 1.3.5 | false | false",
            "'~= 0.9, >= 1.0, != 1.3.4.*, < 2.0' | 0.9.1 | false | false",
            "'>= 1.0, != 1.3.4.*, < 2.0'         | 1.3.4.1 | false | false",
            "'>= 1.0, != 1.3.4.*, < 2.0'         | 1.3.5 | true  | true",
            "'>= 1.0, != 1.3.4.*, < 2.0'         | 2.0   | false | false",
            "'>=1.0,<2.0,!=1.5.*'                | 1.5.1 | false | false",
            "'>=1.0,<2.0,!=1.5.*'                | 1.4   | true  | true",
            "'>=1.0,<2.0,!=1.5.*'                | 1.6a1 | false | true",
            "' >= 1.0 ,, < 2 '                   | v1.1  | true  | true",
    })
    void matchesLikePep440(String specifier, String version, boolean byDefault, boolean withPrereleases) {
        Pep440Specifier set = Pep440Specifier.parse(specifier);

        assertThat(set.contains(version)).as("default").isEqualTo(byDefault);
        assertThat(set.contains(version, true)).as("pre-releases allowed").isEqualTo(withPrereleases);
    }

    @Test
    void explicitlyExcludedPrereleasesStayOutEvenWhenNamed() {
        assertThat(Pep440Specifier.parse(">=1.0b1").contains("2.0b1", false)).isFalse();
    }

    @Test
    void onlyArbitraryEqualityMatchesStringsThatAreNotPep440() {
        assertThat(Pep440Specifier.parse("===foo-bar_1").contains("FOO-BAR_1")).isTrue();
        assertThat(Pep440Specifier.parse(">=1.0").contains("foo", true)).isFalse();
        assertThat(Pep440Specifier.parse("!=1.0").contains("foo", true)).isFalse();
        assertThat(Pep440Specifier.parse("").contains("foo")).isTrue();
    }

    @Test
    void mentionsPrereleaseOnlyThroughClausesThatCanNameOne() {
        assertThat(Pep440Specifier.parse(">=1.0a1").mentionsPrerelease()).isTrue();
        assertThat(Pep440Specifier.parse("<1.0.dev1").mentionsPrerelease()).isTrue();
        assertThat(Pep440Specifier.parse("===1.0rc1").mentionsPrerelease()).isTrue();
        assertThat(Pep440Specifier.parse("!=1.0a1").mentionsPrerelease()).isFalse();
        assertThat(Pep440Specifier.parse("==1.0.*,>=1.0").mentionsPrerelease()).isFalse();
        assertThat(Pep440Specifier.parse("===foo").mentionsPrerelease()).isFalse();
    }

    @Test
    void printsTheClausesAsParsed() {
        assertThat(Pep440Specifier.parse(" >= 1.0 , != 1.5.* ,").toString()).isEqualTo(">=1.0,!=1.5.*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "=>1.0", "= 1.0", ">=1.0.*", "<1.0+local", "~=1", "~=1.0.*", "~=1.0+local",
            "==1.0a1.*", "==1.0.*.*", "==1.0 .*", "==1. 0", ">=foo", "==", "=== a b", "===a;b", "===a)", ">=1.0;",
            ">=1.0 <2.0"})
    void rejectsWhatPackagingRejects(String specifier) {
        assertThatThrownBy(() -> Pep440Specifier.parse(specifier))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid version specifier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " , ", "===", "=== anything", "==v1.0.*", "==1!2.*", "!=1.0+local.5",
            "~=1.0a1.post2.dev3", "<=1.0-1", "\u00a0>=1.0\u3000"})
    void acceptsWhatPackagingAccepts(String specifier) {
        Pep440Specifier.parse(specifier);
    }
}
