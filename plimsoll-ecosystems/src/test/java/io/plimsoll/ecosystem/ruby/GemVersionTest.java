package io.plimsoll.ecosystem.ruby;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Versions that compare equal are equal objects with equal hashes, as Gem::Version's hash is canonical too. */
class GemVersionTest {

    @ParameterizedTest(name = "{0} = {1} ({2})")
    @CsvSource(delimiter = '|', value = {
            "1.0       | 1         | 1",
            "1.0.a.0   | 1.a       | 1.a",
            "1.0.0.a   | 1.a.0.0   | 1.a",
            "1.0-1     | 1.pre.1   | 1.pre.1",
            "' '       | 0.0       | ''",
    })
    void equalVersionsShareTheirCanonicalForm(String a, String b, String canonical) {
        GemVersion x = GemVersion.parse(a).orElseThrow();
        GemVersion y = GemVersion.parse(b).orElseThrow();

        assertThat(x.compareTo(y)).isZero();
        assertThat(x).isEqualTo(y).hasSameHashCodeAs(y);
        assertThat(x.toString()).isEqualTo(canonical);
    }
}
