package io.plimsoll.ecosystem.debian;

import io.plimsoll.vuln.testing.RecordingSink;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.model.Distro;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.MatchQuery;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracker fixture, loaded by the updater, matched with the registered rules by the real engine. */
class DebianMatchRuleTest {

    static final Distro BOOKWORM = new Distro("debian", "12.5", "bookworm", "Debian GNU/Linux 12 (bookworm)", "",
            List.of());
    static final Distro BULLSEYE = new Distro("debian", "11.9", "bullseye", "Debian GNU/Linux 11 (bullseye)", "",
            List.of());

    @TempDir
    Path tmp;

    Matcher matcher;

    @BeforeEach
    void load() throws IOException {
        Path root = tmp.resolve("debian");
        Files.createDirectories(root.resolve("tracker/data"));
        Files.write(root.resolve(DebianTrackerUpdater.PATH), DebianTrackerUpdaterTest.fixture());
        RecordingSink sink = new RecordingSink();
        new DebianTrackerUpdater().update(new LocalFeedFetcher("debian", root), sink);
        matcher = new Matcher(new MemoryVulnStore(sink), Ecosystems.matchRules(), VersionSchemes::byName);
    }

    static Package deb(String name, String version, String source, String sourceVersion) {
        return new Package("deb", name, version, "amd64", source, sourceVersion, List.of(),
                "pkg:deb/debian/" + name + "@" + version, List.of(), "dpkg", "/var/lib/dpkg/status", null, Map.of());
    }

    List<String> findings(Distro distro, Package... packages) {
        return matcher.match(List.of(packages), Optional.of(distro)).stream().map(DebianMatchRuleTest::describe)
                .toList();
    }

    static String describe(Finding f) {
        return f.pkg().name() + " " + f.advisory().id() + " " + f.status().label() + " "
                + f.nearestFix().orElse("-") + " " + f.namespace() + " " + f.matchedName() + "@" + f.matchedVersion();
    }

    @Test
    void aBinNmuIsComparedThroughItsSourceVersion() {
        // libfoo1 1.2-3+b1 is a rebuild of source libfoo 1.2-3: fixed in 1.2-4 → vulnerable; fixed in 1.2-3 → not
        assertThat(findings(BOOKWORM, deb("libfoo1", "1.2-3+b1", "libfoo", "1.2-3"))).containsExactly(
                "libfoo1 CVE-2024-1001 fixed 1.2-4 debian:12 libfoo@1.2-3",
                "libfoo1 TEMP-0000000-1A2B3C affected - debian:12 libfoo@1.2-3");
    }

    @Test
    void aBinaryWithItsOwnVersionIsComparedThroughItsSource() {
        // gcc 4:12.2.0-3 is far above 1.204, but its source gcc-defaults 1.203 is below the fix
        assertThat(findings(BOOKWORM, deb("gcc", "4:12.2.0-3", "gcc-defaults", "1.203"))).containsExactly(
                "gcc CVE-2024-1003 fixed 1.204 debian:12 gcc-defaults@1.203");
    }

    @Test
    void onlyTheImagesOwnReleaseCounts() {
        // bookworm: fixed in 3.0.13-1~deb12u1; the sid/trixie fix (3.1.5-1) and bullseye's open status are not it.
        // CVE-2023-5678 is not-affected ("0") in bookworm: never a finding.
        assertThat(findings(BOOKWORM, deb("libssl3", "3.0.11-1~deb12u2", "openssl", "3.0.11-1~deb12u2")))
                .containsExactly("libssl3 CVE-2024-0727 fixed 3.0.13-1~deb12u1 debian:12 openssl@3.0.11-1~deb12u2");
        // the same source in bullseye is open there: affected, no fix
        assertThat(findings(BULLSEYE, deb("libssl1.1", "1.1.1w-0+deb11u1", "openssl", "1.1.1w-0+deb11u1")))
                .containsExactly("libssl1.1 CVE-2024-0727 affected - debian:11 openssl@1.1.1w-0+deb11u1");
        // buster has no rows at all
        Distro buster = new Distro("debian", "10", "buster", "", "", List.of());
        assertThat(findings(buster, deb("libssl1.1", "1.1.1n-0+deb10u3", "openssl", "1.1.1n-0+deb10u3"))).isEmpty();
    }

    @Test
    void aFixBelowTheInstalledVersionIsNoFinding() {
        assertThat(findings(BOOKWORM, deb("libssl3", "3.0.15-1~deb12u1", "openssl", "3.0.15-1~deb12u1"))).isEmpty();
        // exactly the fixed version is fixed
        assertThat(findings(BOOKWORM, deb("libssl3", "3.0.13-1~deb12u1", "openssl", "3.0.13-1~deb12u1"))).isEmpty();
    }

    @Test
    void notAffectedNeverMatchesWhateverTheVersion() {
        // openssl CVE-2023-5678 is fixed_version "0" in bookworm; even an ancient version is not affected by it
        assertThat(findings(BOOKWORM, deb("libssl3", "0.9.8-1", "openssl", "0.9.8-1")))
                .containsExactly("libssl3 CVE-2024-0727 fixed 3.0.13-1~deb12u1 debian:12 openssl@0.9.8-1");
    }

    @Test
    void openDeferredIgnoredAndEndOfLifeKeepTheirStatusWithNoFix() {
        assertThat(findings(BOOKWORM, deb("curl", "7.88.1-10+deb12u5", "curl", "7.88.1-10+deb12u5"),
                deb("ovmf", "2022.11-6+deb12u1", "edk2", "2022.11-6+deb12u1"))).containsExactly(
                "curl CVE-2024-2398 fix-deferred - debian:12 curl@7.88.1-10+deb12u5",
                "ovmf CVE-2024-0727 will-not-fix - debian:12 edk2@2022.11-6+deb12u1");
        assertThat(findings(BULLSEYE, deb("ovmf", "2020.11-2+deb11u1", "edk2", "2020.11-2+deb11u1")))
                .containsExactly("ovmf CVE-2024-0727 will-not-fix - debian:11 edk2@2020.11-2+deb11u1");
    }

    @Test
    void theReleasesUrgencyIsTheFindingsSeverity() {
        List<Finding> f = matcher.match(List.of(deb("libfoo1", "1.2-3+b1", "libfoo", "1.2-3")),
                Optional.of(BOOKWORM));
        assertThat(f).extracting(x -> x.advisory().id() + " " + x.severity() + " " + x.severitySource())
                .containsExactly("CVE-2024-1001 HIGH debian", "TEMP-0000000-1A2B3C LOW debian");
        assertThat(f.get(0).advisory().description()).startsWith("binNMU case");
        assertThat(f.get(0).status()).isEqualTo(AffectedStatus.FIXED);
        assertThat(f.get(1).severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void testingAndSidImagesUseTheirCodenamesRelease() {
        // a testing image names its codename and no VERSION_ID: trixie → debian:13, the tracker's trixie rows
        Distro trixie = new Distro("debian", "", "trixie", "Debian GNU/Linux trixie/sid", "", List.of());
        assertThat(findings(trixie, deb("libssl3", "3.0.11-1", "openssl", "3.0.11-1")))
                .containsExactly("libssl3 CVE-2024-0727 fixed 3.1.5-1 debian:13 openssl@3.0.11-1");
        Distro sid = new Distro("debian", "", "sid", "", "", List.of());
        assertThat(findings(sid, deb("libssl3", "3.0.11-1", "openssl", "3.0.11-1")))
                .containsExactly("libssl3 CVE-2024-0727 fixed 3.1.5-1 debian:unstable openssl@3.0.11-1");
    }

    @Test
    void whichImagesAndPackagesTheRuleQueries() {
        DebianMatchRule rule = new DebianMatchRule();
        Package libssl = deb("libssl3", "3.0.11-1~deb12u2", "openssl", "3.0.11-1~deb12u2");
        assertThat(rule.queries(libssl, Optional.of(BOOKWORM)))
                .containsExactly(new MatchQuery("debian:12", "openssl", "3.0.11-1~deb12u2"));
        // no source recorded: the binary's own name and version
        assertThat(rule.queries(deb("bash", "5.2.15-2+b2", "", ""), Optional.of(BOOKWORM)))
                .containsExactly(new MatchQuery("debian:12", "bash", "5.2.15-2+b2"));
        // release files with no release at all: sid
        assertThat(rule.queries(libssl, Optional.of(new Distro("debian", "", "", "Debian", "", List.of()))))
                .containsExactly(new MatchQuery("debian:unstable", "openssl", "3.0.11-1~deb12u2"));
        // no ID but ID_LIKE=debian: Debian
        assertThat(rule.queries(libssl, Optional.of(new Distro("", "12", "", "", "", List.of("debian")))))
                .containsExactly(new MatchQuery("debian:12", "openssl", "3.0.11-1~deb12u2"));
        // derivatives are not Debian, even with ID_LIKE=debian
        assertThat(rule.queries(libssl, Optional.of(new Distro("ubuntu", "22.04", "jammy", "", "", List.of("debian")))))
                .isEmpty();
        assertThat(rule.queries(libssl, Optional.of(new Distro("raspbian", "12", "bookworm", "", "", List.of("debian")))))
                .isEmpty();
        // no distro, or not a dpkg package
        assertThat(rule.queries(libssl, Optional.empty())).isEmpty();
        Package rpm = new Package("rpm", "openssl", "3.0.7-25.el9", "x86_64", "openssl", "3.0.7-25.el9", List.of(),
                "pkg:rpm/redhat/openssl", List.of(), "rpm", "/var/lib/rpm", null, Map.of());
        assertThat(rule.queries(rpm, Optional.of(BOOKWORM))).isEmpty();
    }
}
