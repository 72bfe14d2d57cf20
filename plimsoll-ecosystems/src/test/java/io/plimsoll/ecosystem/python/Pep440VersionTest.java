package io.plimsoll.ecosystem.python;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Versions that compare equal are equal objects with equal hashes, whatever their spelling. */
class Pep440VersionTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "1.0          | 1.0.0.0",
            "v1.0-1       | 1.0.post1",
            "0!1.0a       | 1.0.0alpha0",
            "1.0+Abc-01   | 1.0.0+abc.1",
            "1.0.dev      | 1.0-dev0",
    })
    void equalVersionsAreEqualObjects(String a, String b) {
        Pep440Version x = Pep440Version.parse(a).orElseThrow();
        Pep440Version y = Pep440Version.parse(b).orElseThrow();

        assertThat(x.compareTo(y)).isZero();
        assertThat(x).isEqualTo(y).hasSameHashCodeAs(y);
    }
}
