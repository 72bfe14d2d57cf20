package io.plimsoll.ecosystem.dotnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.ecosystem.VersionSchemes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Orderings from NuGet's documentation (docs.microsoft.com, "Package versioning": version precedence). */
class NugetVersionSchemeTest {

    private final NugetVersionScheme scheme = new NugetVersionScheme();

    @ParameterizedTest
    @CsvSource({
            "1.0, 1.0.0, 0",
            "1.0.0, 1.0.0.0, 0",
            "1.0.0.1, 1.0.0, 1",
            "4.0.0.1, 4.0.1, -1",
            "1.0.0-alpha, 1.0.0, -1",
            "1.0.0-alpha, 1.0.0-beta, -1",
            "1.0.0-RC1, 1.0.0-rc1, 0",
            "1.0.0-rc.2, 1.0.0-rc.10, -1",
            "1.0.0-alpha, 1.0.0-alpha.1, -1",
            "1.0.0-1, 1.0.0-alpha, -1",
            "1.0.0+build.1, 1.0.0+build.2, 0",
            "1.01.0, 1.1.0, 0",
            "13.0.1, 12.0.3, 1",
            "not-a-version, 0.0.1, -1",
    })
    void ordersAsNuGetDoes(String a, String b, int expected) {
        assertThat(Integer.signum(scheme.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(scheme.compare(b, a))).isEqualTo(-expected);
    }

    @ParameterizedTest
    @CsvSource({"1.2.3.4.5, false", "v1.0.0, false", "1.0.0-, false", "2.0.0-beta.1+sha.5114f85, true", "1, true"})
    void validity(String v, boolean valid) {
        assertThat(scheme.isValid(v)).isEqualTo(valid);
    }

    @org.junit.jupiter.api.Test
    void isRegistered() {
        assertThat(VersionSchemes.byName("nuget")).containsInstanceOf(NugetVersionScheme.class);
    }
}
