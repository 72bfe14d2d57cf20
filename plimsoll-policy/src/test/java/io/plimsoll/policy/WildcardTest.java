package io.plimsoll.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WildcardTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "*, anything, true",
        "*, '', true",
        "CVE-2018-0737+*, CVE-2018-0737+openssl, true",
        "CVE-2018-0737+*, CVE-2018-07370+openssl, false",
        "acme/web*, acme/webapi, true",
        "acme/web*, xacme/webapi, false",
        "*/svc-*-api, team/svc-pay-api, true",
        "*/svc-*-api, team/svc-pay-web, false",
        "a.b, axb, false",
        "a.b, a.b, true",
        "(x)+, (x)+, true",
        "'regexp:^1\\.[0-9]+', 1.27-alpine, true",
        "'regexp:^1\\.[0-9]+', 2.1, false",
    })
    void matchesLikeAnchore(String pattern, String value, boolean expected) {
        assertThat(Wildcard.matches(pattern, value)).isEqualTo(expected);
    }

    @Test
    void literalsAreRecognisedAndBadRegexpsNamed() {
        assertThat(Wildcard.of("CVE-1+x").isLiteral()).isTrue();
        assertThat(Wildcard.of("CVE-1+*").isLiteral()).isFalse();
        assertThatThrownBy(() -> Wildcard.of("regexp:(")).hasMessageContaining("'regexp:(' is not a valid regular");
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void aRegexpThatBacktracksExponentiallyStillMatchesInLinearTime() {
        // (a+)+$ over 5,000 a's and a c: a backtracking engine tries 2^5000 splits, RE2 answers at once
        String crafted = "a".repeat(5000) + "c";
        assertThat(Wildcard.matches("regexp:(a+)+$", crafted)).isFalse();
        assertThat(Wildcard.matches("regexp:(a|a)*c", crafted)).isTrue();
        assertThat(io.plimsoll.policy.gate.common.Regexes.matchesAtStart("(x+x+)+y", "x".repeat(5000))).isFalse();
    }

    @Test
    void lookaroundIsRefusedSayingWhy() {
        assertThatThrownBy(() -> Wildcard.of("regexp:^(?!test-).*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("regexp:^(?!test-).*")
                .hasMessageContaining("lookaround and backreferences are not supported");
        assertThat(io.plimsoll.policy.gate.common.Regexes.problem("value", "(a)\\1"))
                .hasValueSatisfying(p -> assertThat(p).startsWith("value: not a valid regular expression"));
    }
}
