package io.plimsoll.ecosystem.debian;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DebianVersionSchemeTest {

    private final DebianVersionScheme scheme = new DebianVersionScheme();

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "1.0~rc1      | 1.0          | -1",  // tilde sorts before the end of the string
            "1.0~~        | 1.0~~a       | -1",  // ...and before everything else
            "1.0~         | 1.0~~        | 1",
            "1.0          | 1.0+b1       | -1",
            "1.0a         | 1.0+         | -1",  // letters before other characters
            "1.0          | 1.0a         | -1",
            "1.0-1        | 1.0-1~bpo1   | 1",
            "1:0.1        | 2.0          | 1",   // epoch first
            "0:1.0        | 1.0          | 0",   // missing epoch is 0
            "00001:1.0    | 1:1.0        | 0",
            "1.0-1        | 1.0-01       | 0",   // numbers compare by value
            "1.0.0        | 1.0          | 1",
            "1.0-2-1      | 1.0-2        | 1",   // revision after the LAST hyphen: upstream 1.0-2 > 1.0
            "1.0-1-1      | 1.0-1a-0     | -1",  // ...so upstream 1.0-1 < 1.0-1a decides, not revision 1-1 > 1a-0
            "2.9          | 2.10         | -1",
            // digit runs longer than any long
            "1.99999999999999999999999999 | 1.100000000000000000000000000 | -1",
            "1.000000000000000000000000000001 | 1.1 | 0",
            "2147483648:1 | 2147483647:1 | 1",
    })
    void comparesLikeDpkg(String a, String b, int expected) {
        assertThat(Integer.signum(scheme.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(scheme.compare(b, a))).isEqualTo(-expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "0", "1:1.0-1", "2:1.0~rc1+dfsg-1~deb12u1", "1.0-1-1", "1:2:3", "  1.0 ",
            "2147483647:1", "+1:1.0", "1.0+b1", "7.2p2-3"})
    void acceptsWhatDpkgAccepts(String version) {
        assertThat(scheme.isValid(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a1.0", "~1", ":1.0", "1:", "x:1.0", "-1:1.0", "2147483648:1.0", "1.0-",
            "1.0 1", "1.0_1", "1.0-1_1", "1.0-1:2", "1.0-a+b=c", "1.0é"})
    void rejectsWhatDpkgRejects(String version) {
        assertThat(scheme.isValid(version)).isFalse();
    }
}
