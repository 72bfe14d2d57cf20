package io.plimsoll.ecosystem.php;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.ecosystem.VersionSchemes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Orderings Composer gives (VersionParser::normalize then PHP's version_compare): e.g.
 * {@code version_compare("1.0.0.0-beta2", "1.0.0.0") == -1} and {@code version_compare("1.0.0.0-patch1", "1.0.0.0") == 1}.
 */
class ComposerVersionSchemeTest {

    private final ComposerVersionScheme scheme = new ComposerVersionScheme();

    @ParameterizedTest
    @CsvSource({
            "1.2, 1.2.0, 0",
            "v1.2.3, 1.2.3, 0",
            "1.2.3, 1.2.3.0, 0",
            "1.2.3.1, 1.2.3, 1",
            "1.0.0-beta2, 1.0.0, -1",
            "1.0.0-alpha3, 1.0.0-beta1, -1",
            "1.0.0-b1, 1.0.0-beta1, 0",
            "1.0.0-RC1, 1.0.0-rc1, 0",
            "1.0.0-RC1, 1.0.0-beta9, 1",
            "1.0.0-RC2, 1.0.0-RC10, -1",
            "1.0.0-p1, 1.0.0, 1",
            "1.0.0-pl1, 1.0.0-patch1, 0",
            "1.0.0-dev, 1.0.0-alpha1, -1",
            "1.0.0+build5, 1.0.0, 0",
            "10.4.9, 9.5.21, 1",
            "4.4.50, 4.4.6, 1",
            "dev-main, 0.0.1, -1",
    })
    void ordersAsComposerDoes(String a, String b, int expected) {
        assertThat(Integer.signum(scheme.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(scheme.compare(b, a))).isEqualTo(-expected);
    }

    @ParameterizedTest
    @CsvSource({"dev-master, false", "1.2.3.4.5, false", "1.0.0-beta.1, true", "2.0.0-stable, true", "x, false"})
    void validity(String v, boolean valid) {
        assertThat(scheme.isValid(v)).isEqualTo(valid);
    }

    @org.junit.jupiter.api.Test
    void isRegistered() {
        assertThat(VersionSchemes.byName("composer")).containsInstanceOf(ComposerVersionScheme.class);
    }
}
