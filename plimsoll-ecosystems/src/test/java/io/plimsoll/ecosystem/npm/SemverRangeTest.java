package io.plimsoll.ecosystem.npm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Cases from node-semver's README (Ranges, Advanced Range Syntax, Prerelease Tags) and its documented quirks;
 * every expected answer is node-semver 7's own.
 */
class SemverRangeTest {

    /**
     * How each sugar desugars, as node-semver prints {@code new Range(r).range}; empty means any version. A lower
     * bound of {@code >=0.0.0} is printed as nothing, so {@code ~0} shows only its upper bound.
     */
    @ParameterizedTest(name = "{0} := {1}")
    @CsvSource(delimiter = ';', emptyValue = "", value = {
            "1.2.3 - 2.3.4           ; >=1.2.3 <=2.3.4",
            "1.2 - 2.3.4             ; >=1.2.0 <=2.3.4",
            "1.2.3 - 2.3             ; >=1.2.3 <2.4.0-0",
            "1.2.3 - 2               ; >=1.2.3 <3.0.0-0",
            "1.2.3-pre+asdf - 2.4.3-pre+asdf ; >=1.2.3-pre <=2.4.3-pre",
            "x - 1.0.0               ; <=1.0.0",
            "*                       ; ''",
            "''                      ; ''",
            "x                       ; ''",
            "1.x                     ; >=1.0.0 <2.0.0-0",
            "1.2.x                   ; >=1.2.0 <1.3.0-0",
            "1.2.*                   ; >=1.2.0 <1.3.0-0",
            "1                       ; >=1.0.0 <2.0.0-0",
            "1.2                     ; >=1.2.0 <1.3.0-0",
            "~1.2.3                  ; >=1.2.3 <1.3.0-0",
            "~1.2                    ; >=1.2.0 <1.3.0-0",
            "~1                      ; >=1.0.0 <2.0.0-0",
            "~0.2.3                  ; >=0.2.3 <0.3.0-0",
            "~0.2                    ; >=0.2.0 <0.3.0-0",
            "~0                      ; <1.0.0-0",
            "~1.2.3-beta.2           ; >=1.2.3-beta.2 <1.3.0-0",
            "~>3.2.1                 ; >=3.2.1 <3.3.0-0",
            "~ 1.0.3                 ; >=1.0.3 <1.1.0-0",
            "^1.2.3                  ; >=1.2.3 <2.0.0-0",
            "^0.2.3                  ; >=0.2.3 <0.3.0-0",
            "^0.0.3                  ; >=0.0.3 <0.0.4-0",
            "^1.2.3-beta.2           ; >=1.2.3-beta.2 <2.0.0-0",
            "^0.0.3-beta             ; >=0.0.3-beta <0.0.4-0",
            "^1.2.x                  ; >=1.2.0 <2.0.0-0",
            "^0.0.x                  ; <0.1.0-0",
            "^0.0                    ; <0.1.0-0",
            "^1.x                    ; >=1.0.0 <2.0.0-0",
            "^0.x                    ; <1.0.0-0",
            "^ 1.2.3+build           ; >=1.2.3 <2.0.0-0",
            ">1                      ; >=2.0.0",
            ">1.2                    ; >=1.3.0",
            ">=1.2                   ; >=1.2.0",
            "<1.2                    ; <1.2.0-0",
            "<=0.7.x                 ; <0.8.0-0",
            "=0.7.x                  ; >=0.7.0 <0.8.0-0",
            "<*                      ; <0.0.0-0",
            ">=*                     ; ''",
            ">=0.0.0                 ; ''",
            "=1.2.3                  ; 1.2.3",
            "v1.2.3                  ; 1.2.3",
            "> 1.2.3   <  1.2.5      ; >1.2.3 <1.2.5",
            ">=1.2.3 <2.0.0 || ^3    ; >=1.2.3 <2.0.0||>=3.0.0 <4.0.0-0",
            ">=1.2.3 >=1.2.3         ; >=1.2.3",
            "* || 1.2.3-beta         ; ''",
            "<0.0.0-0 || 1.2.3       ; 1.2.3",
            "||                      ; ''",
    })
    void desugarsLikeNodeSemver(String range, String desugared) {
        assertThat(SemverRange.parse(range).toString()).isEqualTo(desugared);
    }

    @ParameterizedTest(name = "{1} in {0}: {2}")
    @CsvSource(delimiter = ';', emptyValue = "", value = {
            // README: comparators and sets
            ">=1.2.7                     ; 1.2.7          ; true",
            ">=1.2.7                     ; 1.3.9          ; true",
            ">=1.2.7                     ; 1.2.6          ; false",
            ">1                          ; 2.0.0          ; true",
            ">1                          ; 1.1.0          ; false",
            ">=1.2.7 <1.3.0              ; 1.2.99         ; true",
            ">=1.2.7 <1.3.0              ; 1.3.0          ; false",
            "1.2.7 || >=1.2.9 <2.0.0     ; 1.2.7          ; true",
            "1.2.7 || >=1.2.9 <2.0.0     ; 1.4.6          ; true",
            "1.2.7 || >=1.2.9 <2.0.0     ; 1.2.8          ; false",
            "1.2.7 || >=1.2.9 <2.0.0     ; 2.0.0          ; false",
            ">=1.2.3 <2.0.0 || ^3        ; 3.9.9          ; true",
            ">=1.2.3 <2.0.0 || ^3        ; 2.5.0          ; false",
            // README: prerelease tags
            ">1.2.3-alpha.3              ; 1.2.3-alpha.7  ; true",
            ">1.2.3-alpha.3              ; 3.4.5-alpha.9  ; false",
            ">1.2.3-alpha.3              ; 3.4.5          ; true",
            "~1.2.3-beta.2               ; 1.2.3-beta.4   ; true",
            "~1.2.3-beta.2               ; 1.2.4-beta.2   ; false",
            "^1.2.3-beta.2               ; 1.2.3-beta.4   ; true",
            "^1.2.3-beta.2               ; 1.2.4-beta.2   ; false",
            "^0.0.3-beta                 ; 0.0.3-pr.2     ; true",
            "^0.0.3-beta                 ; 0.0.4          ; false",
            "^1.2.3-alpha                ; 1.2.3-pre      ; true",
            "^0.0.1-alpha                ; 0.0.1          ; true",
            "<1.2.3                      ; 1.2.3-beta     ; false",  // below 1.2.3, but no comparator names a 1.2.3 pre
            ">=1.2.3 <2.0.0              ; 2.0.0-rc.1     ; false",
            "^1.2.3                      ; 2.0.0-alpha    ; false",  // the -0 upper bound shuts out 2.0.0 prereleases
            "^1.2.3                      ; 1.2.3-pre      ; false",
            "*                           ; 1.2.3-pre      ; false",
            "* || 1.2.3-beta             ; 1.2.3-beta     ; false",  // the any-set swallows the other set
            "1.2.3-beta || *             ; 1.2.3-beta     ; false",
            ">=0.0.0 || 1.2.3-beta       ; 1.2.3-beta     ; false",  // >=0.0.0 is "any version" too
            ">=0.0.1 || 1.2.3-beta       ; 1.2.3-beta     ; true",
            ">=1.0.0-0                   ; 1.0.0-alpha    ; true",
            ">=1.0.0-0 <2.0.0            ; 1.5.0-alpha    ; false",
            // README: hyphen ranges
            "1.2.3 - 2.3.4               ; 2.3.4          ; true",
            "1.2.3 - 2.3.4               ; 2.3.5          ; false",
            "1.2 - 2.3.4                 ; 1.2.0          ; true",
            "1.2.3 - 2.3                 ; 2.3.99         ; true",
            "1.2.3 - 2.3                 ; 2.4.0          ; false",
            "1.2.3 - 2                   ; 2.99.99        ; true",
            "1.2.3 - 2                   ; 3.0.0          ; false",
            "1.0.0 - 2.0.0               ; 2.2.3          ; false",
            "1.2.3-pre+asdf - 2.4.3-pre+asdf ; 1.2.3-pre.2    ; true",
            "1.2.3-pre+asdf - 2.4.3-pre+asdf ; 2.4.3-alpha    ; true",
            "1.2.3+asdf - 2.4.3+asdf     ; 1.2.3-pre.2    ; false",
            "x - 1.x                     ; 0.9.7          ; true",
            "1.x - x                     ; 1.9.7          ; true",
            // README: x-ranges and partial versions
            "*                           ; 0.0.0          ; true",
            "''                          ; 1.0.0          ; true",
            "1.x                         ; 1.99.0         ; true",
            "1.x                         ; 2.0.0          ; false",
            "1.2.x                       ; 1.2.3          ; true",
            "1.2.x                       ; 1.3.0          ; false",
            "2.*.*                       ; 2.1.3          ; true",
            "1.2.* || 2.*                ; 2.1.3          ; true",
            "2                           ; 2.1.2          ; true",
            "2.3                         ; 2.3.1          ; true",
            "2.3                         ; 2.4.0          ; false",
            "<=0.7.x                     ; 0.7.2          ; true",
            "<=0.7.x                     ; 0.8.0          ; false",
            ">=0.7.x                     ; 0.6.9          ; false",
            "=0.7.x                      ; 0.7.2          ; true",
            "<*                          ; 0.0.0          ; false",
            // README: tilde and caret
            "~1.2.3                      ; 1.2.9          ; true",
            "~1.2.3                      ; 1.3.0          ; false",
            "~1.2                        ; 1.2.0          ; true",
            "~1                          ; 1.9.9          ; true",
            "~0.0.1                      ; 0.0.2          ; true",
            "~>3.2.1                     ; 3.2.2          ; true",
            "~ 1.0                       ; 1.0.2          ; true",
            "~v0.5.4-pre                 ; 0.5.4          ; true",
            "^1.2.3                      ; 1.8.1          ; true",
            "^1.2.3                      ; 2.0.0          ; false",
            "^0.2.3                      ; 0.2.9          ; true",
            "^0.2.3                      ; 0.3.0          ; false",
            "^0.0.3                      ; 0.0.3          ; true",
            "^0.0.3                      ; 0.0.4          ; false",
            "^0.1                        ; 0.1.2          ; true",
            "^0.0                        ; 0.0.9          ; true",
            "^0.x                        ; 0.99.0         ; true",
            "^x                          ; 1.2.3          ; true",
            "^1.2 ^1                     ; 1.4.2          ; true",
            "^1.2.3+build                ; 1.3.0          ; true",
            "^1.2.3+build                ; 2.0.0          ; false",
            // combinations, spacing and equality
            "~1.2.1 >=1.2.3              ; 1.2.3          ; true",
            "~1.2.1 =1.2.3               ; 1.2.3          ; true",
            "~1.2.1 1.2.3                ; 1.2.3          ; true",
            ">= 1.0.0                    ; 1.0.0          ; true",
            "<    2.0.0                  ; 1.9999.9999    ; true",
            "'<\t2.0.0'                  ; 0.2.9          ; true",
            ">=0.2.3 || <0.0.1           ; 0.0.0          ; true",
            ">=0.2.3 || <0.0.1           ; 0.1.0          ; false",
            "||                          ; 1.3.4          ; true",
            "=1.2.3                      ; 1.2.3+build    ; true",   // build metadata of the version is ignored
            ">1.2.3+build                ; 1.2.3          ; false",
            // the version must be a strict, full version
            ">=0.1.97                    ; v0.1.97        ; true",
            ">=0.1.97                    ; ' 0.1.97 '     ; true",
            ">=0.1.97                    ; =0.1.97        ; false",
            ">=1.0.0                     ; 1.2            ; false",
            ">=1.0.0                     ; ''             ; false",
            ">=1.0.0                     ; not-a-version  ; false",
    })
    void satisfiesLikeNodeSemver(String range, String version, boolean expected) {
        assertThat(SemverRange.parse(range).satisfies(version)).isEqualTo(expected);
    }

    /** Ranges node-semver refuses (its satisfies then answers false for every version). */
    @ParameterizedTest
    @ValueSource(strings = {"blerg", ">", "1.2.3 -", ">=1.2.3 - 2.0.0", "1.x.2", "*.1", "01.2.3", ">=1.2.3 || junk",
            "~>", "1.2.3 ~", ">=9007199254740992.0.0", "^9007199254740991"})
    void refusesWhatNodeSemverRefuses(String range) {
        assertThatIllegalArgumentException().isThrownBy(() -> SemverRange.parse(range));
    }

    /** Long enough to overflow the stack inside Java's regex engine, were it not refused up front. */
    @Test
    void refusesRangesLongerThanTheLimitWithoutOverflowing() {
        String longest = "1.2.3-" + "a.".repeat(508) + "a";
        assertThat(longest).hasSize(SemverRange.MAX_LENGTH - 1);
        assertThatIllegalArgumentException().isThrownBy(() -> SemverRange.parse(longest))
                .withMessageContaining("invalid version");
        assertThatIllegalArgumentException().isThrownBy(() -> SemverRange.parse("1.2.3-" + "a.".repeat(5000) + "a"))
                .withMessageContaining("longer than 1024");
        String manySets = "^1.0.0 || ".repeat(100) + "2.0.0";
        assertThat(manySets.length()).isLessThanOrEqualTo(SemverRange.MAX_LENGTH);
        assertThat(SemverRange.parse(manySets).satisfies("1.5.0")).isTrue();
    }
}
