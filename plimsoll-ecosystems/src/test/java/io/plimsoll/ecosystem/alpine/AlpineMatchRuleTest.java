package io.plimsoll.ecosystem.alpine;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Package;
import io.plimsoll.model.Distro;
import io.plimsoll.vuln.match.MatchQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlpineMatchRuleTest {

    final AlpineMatchRule rule = new AlpineMatchRule();

    static Package apk(String name, String version, String origin) {
        return new Package("apk", name, version, "x86_64", origin, version, List.of(), "pkg:apk/alpine/" + name,
                List.of(), "apk", "/lib/apk/db/installed", null, Map.of());
    }

    static Optional<Distro> alpine(String versionId, String prettyName) {
        return Optional.of(new Distro("alpine", versionId, "", prettyName, "", List.of()));
    }

    @Test
    void aSubpackageIsLookedUpByItsOriginInItsMajorMinorRelease() {
        assertThat(rule.queries(apk("libcrypto3", "3.1.4-r5", "openssl"), alpine("3.19.1", "Alpine Linux v3.19")))
                .containsExactly(new MatchQuery("alpine:3.19", "openssl", "3.1.4-r5"));
        // no origin recorded: its own name
        assertThat(rule.queries(apk("busybox", "1.36.1-r15", ""), alpine("3.19.1", "Alpine Linux v3.19")))
                .containsExactly(new MatchQuery("alpine:3.19", "busybox", "1.36.1-r15"));
    }

    @Test
    void edgeImagesUseTheEdgeSecdb() {
        // edge's os-release: VERSION_ID=3.20.0_alpha20240329, PRETTY_NAME="Alpine Linux edge"
        assertThat(rule.queries(apk("musl", "1.2.5-r0", "musl"), alpine("3.20.0_alpha20240329", "Alpine Linux edge")))
                .containsExactly(new MatchQuery("alpine:edge", "musl", "1.2.5-r0"));
    }

    @Test
    void onlyAlpineImagesWithAKnownReleaseAndOnlyApkPackages() {
        Package musl = apk("musl", "1.2.4-r2", "musl");
        // release unknown: no guessing
        assertThat(rule.queries(musl, alpine("", ""))).isEmpty();
        assertThat(rule.queries(musl, Optional.empty())).isEmpty();
        // Wolfi and Chainguard use apk too, with their own feeds
        assertThat(rule.queries(musl, Optional.of(new Distro("wolfi", "20230201", "", "Wolfi", "", List.of()))))
                .isEmpty();
        Package deb = new Package("deb", "musl", "1.2.3-1", "amd64", "musl", "1.2.3-1", List.of(), "pkg:deb/debian/musl",
                List.of(), "dpkg", "/var/lib/dpkg/status", null, Map.of());
        assertThat(rule.queries(deb, alpine("3.19.1", "Alpine Linux v3.19"))).isEmpty();
    }
}
