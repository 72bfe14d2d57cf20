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
}
