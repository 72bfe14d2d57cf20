package io.plimsoll.ecosystem.osv;

import static io.plimsoll.ecosystem.osv.OsvTesting.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Package;
import io.plimsoll.vuln.match.MatchQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OsvMatchRuleTest {

    private static List<MatchQuery> queries(OsvEcosystem eco, Package p) {
        return new OsvMatchRule(eco).queries(p, Optional.empty());
    }

    @Test
    void namesAsEachEcosystemFilesThem() {
        assertThat(queries(OsvEcosystem.NPM, pkg("npm", "@babel/core", "7.0.0", Map.of())))
                .containsExactly(new MatchQuery("npm", "@babel/core", "7.0.0"));
        assertThat(queries(OsvEcosystem.PYPI, pkg("pypi", "Zope.Interface", "5.0", Map.of())))
                .containsExactly(new MatchQuery("PyPI", "zope-interface", "5.0"));
        assertThat(queries(OsvEcosystem.NUGET, pkg("nuget", "Newtonsoft.Json", "12.0.1", Map.of())))
                .containsExactly(new MatchQuery("NuGet", "newtonsoft.json", "12.0.1"));
        assertThat(queries(OsvEcosystem.PACKAGIST, pkg("composer", "Symfony/HTTP-Kernel", "5.4.0", Map.of())))
                .containsExactly(new MatchQuery("Packagist", "symfony/http-kernel", "5.4.0"));
        assertThat(queries(OsvEcosystem.CRATES_IO, pkg("cargo", "smallvec", "0.6.9", Map.of())))
                .containsExactly(new MatchQuery("crates.io", "smallvec", "0.6.9"));
        assertThat(queries(OsvEcosystem.RUBYGEMS, pkg("gem", "rack", "2.2.3", Map.of())))
                .containsExactly(new MatchQuery("RubyGems", "rack", "2.2.3"));
        assertThat(queries(OsvEcosystem.GO, pkg("golang", "github.com/BurntSushi/toml", "v1.2.0", Map.of())))
                .containsExactly(new MatchQuery("Go", "github.com/BurntSushi/toml", "v1.2.0"));
        assertThat(queries(OsvEcosystem.MAVEN, OsvTesting.jar("com.fasterxml.jackson.core", "jackson-databind", "2.9.8")))
                .containsExactly(new MatchQuery("Maven", "com.fasterxml.jackson.core:jackson-databind", "2.9.8"));
    }

    @Test
    void stdlibIsComparedAtTheToolchainVersionWithoutGo() {
        assertThat(queries(OsvEcosystem.GO, pkg("golang", "stdlib", "go1.22.5 X:boringcrypto", Map.of())))
                .containsExactly(new MatchQuery("Go", "stdlib", "1.22.5"));
    }

    @Test
    void whatIsNotARegistryReleaseIsNotLookedUp() {
        Package localCrate = new Package("cargo", "smallvec", "0.6.9", "", "smallvec", "0.6.9", List.of(), "",
                List.of(), "cargo-lock", "/Cargo.lock", null, Map.of());
        assertThat(queries(OsvEcosystem.CRATES_IO, localCrate)).isEmpty();
        assertThat(queries(OsvEcosystem.GO, pkg("golang", "golang.org/x/net", "", Map.of("replacedBy", "../net"))))
                .isEmpty();
        assertThat(queries(OsvEcosystem.GO, pkg("golang", "golang.org/x/net", "v0.1.0", Map.of("replacedBy", "../net"))))
                .isEmpty();
        assertThat(queries(OsvEcosystem.MAVEN, pkg("maven", "commons-lang3", "3.12.0", Map.of()))).isEmpty();
        // another ecosystem's package is not this rule's business
        assertThat(queries(OsvEcosystem.NPM, pkg("pypi", "lodash", "4.17.15", Map.of()))).isEmpty();
        assertThat(new OsvMatchRule(OsvEcosystem.CRATES_IO).name()).isEqualTo("osv-crates.io");
    }
}
