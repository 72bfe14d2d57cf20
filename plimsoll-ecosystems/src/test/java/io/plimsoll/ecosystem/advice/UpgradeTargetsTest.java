package io.plimsoll.ecosystem.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.image.Image;
import io.plimsoll.image.ImageConfig;
import io.plimsoll.image.SourceKind;
import io.plimsoll.model.Distro;
import io.plimsoll.model.Platform;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.advice.Advice;
import io.plimsoll.vuln.advice.Advisor;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.advice.PackageAdvice;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Per ecosystem, a package whose nearest fix is not enough: a later advisory affects that version, so the target
 * must skip it. Rows as the feeds write them, matched and advised with the registered rules and schemes.
 */
class UpgradeTargetsTest {

    private static final Distro BOOKWORM = new Distro("debian", "12.5", "bookworm", "Debian GNU/Linux 12 (bookworm)",
            "", List.of());
    private static final Image IMAGE = new Image("test", SourceKind.ROOTFS_DIR, Optional.empty(), Optional.empty(),
            Platform.LINUX_AMD64, List.of(), ImageConfig.EMPTY, List.of(), List.of());

    private final RecordingSink data = new RecordingSink();

    @Test
    void log4jCoreSkipsTwoFifteenWhichCve202145046StillAffects() {
        log4jAdvisories();
        PackageAdvice at2141 = advise(Optional.empty(), jar("2.14.1")).packages().get(0);
        assertThat(at2141.findings()).extracting(f -> f.advisory().id())
                .containsExactly("CVE-2021-44228", "CVE-2021-44832", "CVE-2021-45046", "CVE-2021-45105");
        Finding log4shell = at2141.findings().get(0);
        assertThat(log4shell.nearestFix()).hasValue("2.15.0"); // what fixing Log4Shell alone would pick
        assertThat(at2141.target()).hasValueSatisfying(t -> {
            assertThat(t.version()).isEqualTo("2.17.1");
            assertThat(t.clean()).isTrue();
            assertThat(t.clears()).hasSize(4);
        });
        assertThat(at2141.command()).hasValue(
                "bump org.apache.logging.log4j:log4j-core to 2.17.1 in pom.xml or build.gradle");
    }

    @Test
    void log4jCoreOnTheTwoTwelveBranchStaysOnIt() {
        log4jAdvisories();
        // the smallest clean version above 2.12.1 is the branch's last fix, not the 2.17 line
        assertThat(advise(Optional.empty(), jar("2.12.1")).packages().get(0).target())
                .hasValueSatisfying(t -> assertThat(t.version()).isEqualTo("2.12.4"));
    }

    @Test
    void npmSkipsAFixThatALaterRegressionAffects() {
        osv("GHSA-aaaa", "npm", "lodash", "semver", range("0", "4.17.19"));
        // introduced after the installed version: not a finding, but it affects 4.17.19
        osv("GHSA-bbbb", "npm", "lodash", "semver", range("4.17.17", "4.17.21"));
        PackageAdvice p = advise(Optional.empty(), pkg("npm", "lodash", "4.17.15")).packages().get(0);
        assertThat(p.findings()).extracting(f -> f.advisory().id()).containsExactly("GHSA-aaaa");
        assertThat(p.nearestFix()).hasValue("4.17.19");
        assertThat(p.target()).hasValueSatisfying(t -> assertThat(t.version()).isEqualTo("4.17.21"));
        assertThat(p.command()).hasValue("npm install lodash@4.17.21 (or the lockfile entry of lodash)");
    }

    @Test
    void pypiComparesByPep440AndReportsWhatStaysWhenNothingIsClean() {
        osv("PYSEC-1", "PyPI", "django", "pep440", range("0", "4.2.1"));
        osv("PYSEC-2", "PyPI", "django", "pep440", range("4.2.1", "4.2.10"));
        osv("PYSEC-3", "PyPI", "django", "pep440", range("4.2.10", null)); // no fix yet
        PackageAdvice p = advise(Optional.empty(), pkg("pypi", "django", "4.2")).packages().get(0);
        assertThat(p.target()).hasValueSatisfying(t -> {
            // 4.2.1 leaves PYSEC-2, 4.2.10 leaves PYSEC-3: a tie, so the smaller upgrade
            assertThat(t.version()).isEqualTo("4.2.1");
            assertThat(t.clean()).isFalse();
            assertThat(t.remaining()).containsExactly("PYSEC-2");
        });
        assertThat(p.command()).hasValue("pip install django==4.2.1");
    }

    @Test
    void debianTakesTheLastFixAndNamesTheOpenAdvisory() {
        debian("CVE-2023-5678", "openssl", "3.0.11-1~deb12u3");
        debian("CVE-2024-0727", "openssl", "3.0.13-1~deb12u1");
        data.advisory(Advisory.of("CVE-2024-9999", "debian"));
        data.affected(AffectedPackage.unfixed("CVE-2024-9999", "debian", "debian:12", "openssl", "deb",
                AffectedStatus.AFFECTED));
        Package libssl = new Package("deb", "libssl3", "3.0.11-1~deb12u2", "amd64", "openssl", "3.0.11-1~deb12u2",
                List.of(), "pkg:deb/debian/libssl3@3.0.11-1~deb12u2", List.of(), "dpkg", "/var/lib/dpkg/status", null,
                Map.of());
        Advice advice = advise(Optional.of(BOOKWORM), libssl);
        PackageAdvice p = advice.packages().get(0);
        assertThat(p.findings()).hasSize(3);
        assertThat(p.target()).hasValueSatisfying(t -> {
            assertThat(t.version()).isEqualTo("3.0.13-1~deb12u1");
            assertThat(t.clears()).containsExactlyInAnyOrder("CVE-2023-5678", "CVE-2024-0727");
            assertThat(t.remaining()).containsExactly("CVE-2024-9999");
        });
        assertThat(p.command()).hasValue("apt-get install --only-upgrade libssl3=3.0.13-1~deb12u1");
        assertThat(advice.summary()).isEqualTo("1 upgrade clears 2 of 2 fixable findings; no fix: 1 unknown");
        assertThat(advise(Optional.of(BOOKWORM)).summary()).isEqualTo("no vulnerable packages: nothing to upgrade");
    }

    @Test
    void aReleaseIsPreferredToAPreReleaseThatClearsTheSameFindings() {
        // the fix landed in 6.0.0-RC1; RC2 brought a regression that only the release fixed
        osv("GHSA-pre1", "Maven", "org.springframework:spring-core", "maven", range("0", "6.0.0-RC1"));
        osv("GHSA-pre2", "Maven", "org.springframework:spring-core", "maven", range("6.0.0-RC2", "6.0.0"));
        osv("PYSEC-pre1", "PyPI", "requests", "pep440", range("0", "3.0.0rc1"));
        osv("PYSEC-pre2", "PyPI", "requests", "pep440", range("3.0.0rc2", "3.0.0"));
        assertThat(advise(Optional.empty(), spring("5.3.27"), pkg("pypi", "requests", "2.31.0")).packages())
                .extracting(UpgradeTargetsTest::targetOf)
                .containsExactlyInAnyOrder("spring-core 6.0.0", "requests 3.0.0");
        // on a pre-release already, the smallest clean version is the target, pre-release or not
        assertThat(advise(Optional.empty(), spring("6.0.0-M6"), pkg("pypi", "requests", "3.0.0b1")).packages())
                .extracting(UpgradeTargetsTest::targetOf)
                .containsExactlyInAnyOrder("spring-core 6.0.0-RC1", "requests 3.0.0rc1");
    }

    @Test
    void aPreReleaseIsTheTargetOnlyWhenItDoesStrictlyBetter() {
        osv("GHSA-only", "npm", "next", "semver", range("0", "14.1.1-canary.3"));
        osv("GHSA-later", "npm", "next", "semver", range("14.1.1-canary.4", null));
        osv("GHSA-other", "npm", "next", "semver", range("14.1.5", "14.2.0"));
        // 14.2.0 clears the finding too, but every release from 14.1.1-canary.4 on has GHSA-later: the canary is clean
        PackageAdvice p = advise(Optional.empty(), pkg("npm", "next", "14.0.4")).packages().get(0);
        assertThat(p.target()).hasValueSatisfying(t -> assertThat(t.version()).isEqualTo("14.1.1-canary.3"));
    }

    @Test
    void eachSchemeKnowsItsPreReleases() {
        Map<String, List<String>> pre = Map.of(
                "maven", List.of("2.0-beta9", "1.0.0.RC1", "1.0-SNAPSHOT", "3.0.0-M3", "1.0a1", "2.3-cr1"),
                "semver", List.of("14.1.1-canary.3", "8.0.0-rc.1"),
                "pep440", List.of("3.0.0rc1", "2.0.dev3", "1.0b2.post1"),
                "go", List.of("v0.0.0-20220314234659-1baeb1ce4c0b", "go1.22rc1", "1.22rc1"),
                "gem", List.of("7.1.0.rc1", "2.0.0.pre"),
                "composer", List.of("5.4.0-BETA2", "2.0.0-RC1", "1.0.0-alpha"),
                "nuget", List.of("8.0.0-preview.7.23375.6"));
        Map<String, List<String>> releases = Map.of(
                "maven", List.of("30.1-jre", "4.1.100.Final", "2.17.1", "1.0.b", "5.3.27.RELEASE", "1.0-sp1"),
                "semver", List.of("14.1.1", "1.0.0+build.5"),
                "pep440", List.of("3.0.0", "1.0.post1", "2.0+local"),
                "go", List.of("v1.2.3", "go1.22.0", "1.21.5"),
                "gem", List.of("7.1.0"),
                "composer", List.of("5.4.0", "1.0.0-p1"),
                "nuget", List.of("8.0.0"),
                "deb", List.of("1.2~rc1-1", "3.0.11-1~deb12u2"));
        pre.forEach((scheme, versions) -> versions.forEach(v -> assertThat(
                VersionSchemes.byName(scheme).orElseThrow().isPreRelease(v)).as(scheme + " " + v).isTrue()));
        releases.forEach((scheme, versions) -> versions.forEach(v -> assertThat(
                VersionSchemes.byName(scheme).orElseThrow().isPreRelease(v)).as(scheme + " " + v).isFalse()));
    }

    @Test
    void aBinNmuIsUpgradedToTheFixedSourceWithoutPinningAVersionThatMayNotExist() {
        // bookworm's libssh2-1 is a binNMU: binary 1.10.0-3+b1, built from source libssh2 1.10.0-3
        debian("CVE-2023-48795", "libssh2", "1.10.0-3+deb12u1");
        Package binNmu = new Package("deb", "libssh2-1", "1.10.0-3+b1", "amd64", "libssh2", "1.10.0-3", List.of(),
                "pkg:deb/debian/libssh2-1@1.10.0-3%2Bb1?arch=amd64&distro=debian-12", List.of(), "dpkg",
                "/var/lib/dpkg/status", null, Map.of());
        PackageAdvice p = advise(Optional.of(BOOKWORM), binNmu).packages().get(0);
        assertThat(p.installed()).isEqualTo("1.10.0-3");
        assertThat(p.target()).hasValueSatisfying(t -> assertThat(t.version()).isEqualTo("1.10.0-3+deb12u1"));
        assertThat(p.command()).hasValue(
                "apt-get install --only-upgrade libssh2-1 (to source libssh2 1.10.0-3+deb12u1 or later)");
    }

    private Advice advise(Optional<Distro> distro, Package... packages) {
        MemoryVulnStore store = new MemoryVulnStore(data);
        List<Finding> findings = new Matcher(store, Ecosystems.matchRules(), VersionSchemes::byName)
                .match(List.of(packages), distro);
        return new Advisor(store, Ecosystems.matchRules(), VersionSchemes::byName, Ecosystems::upgradeCommand)
                .advise(IMAGE, findings, BaseImage.unknown());
    }

    /** The four log4j-core advisories of December 2021 with GHSA's ranges (the 2.12 and 2.3 branches included). */
    private void log4jAdvisories() {
        osv("CVE-2021-44228", "Maven", "org.apache.logging.log4j:log4j-core", "maven",
                range("2.13.0", "2.15.0"), range("2.0-beta9", "2.3.1"), range("2.4", "2.12.2"));
        osv("CVE-2021-45046", "Maven", "org.apache.logging.log4j:log4j-core", "maven",
                range("2.13.0", "2.16.0"), range("2.0-beta9", "2.12.2"));
        osv("CVE-2021-45105", "Maven", "org.apache.logging.log4j:log4j-core", "maven",
                range("2.13.0", "2.17.0"), range("2.4", "2.12.3"), range("2.0-beta9", "2.3.1"));
        osv("CVE-2021-44832", "Maven", "org.apache.logging.log4j:log4j-core", "maven",
                range("2.13.0", "2.17.1"), range("2.4", "2.12.4"), range("2.0-beta9", "2.3.2"));
    }

    private void osv(String id, String namespace, String name, String scheme, VersionRange... ranges) {
        data.advisory(Advisory.of(id, "osv"));
        data.affected(new AffectedPackage(id, "osv", namespace, name, scheme, AffectedStatus.FIXED, List.of(ranges),
                List.of(), Optional.empty(), "high"));
    }

    private void debian(String id, String source, String fixed) {
        data.advisory(Advisory.of(id, "debian"));
        data.affected(AffectedPackage.fixedIn(id, "debian", "debian:12", source, "deb", fixed));
    }

    private static VersionRange range(String introduced, String fixed) {
        return VersionRange.of(introduced, fixed, null);
    }

    private static Package jar(String version) {
        return new Package("maven", "log4j-core", version, "", "log4j-core", version, List.of(),
                "pkg:maven/org.apache.logging.log4j/log4j-core@" + version, List.of(), "java-archive",
                "/app/log4j-core.jar", null, Map.of("groupId", "org.apache.logging.log4j"));
    }

    private static String targetOf(PackageAdvice p) {
        return p.pkg().name() + " " + p.target().map(t -> t.version()).orElse("none");
    }

    private static Package spring(String version) {
        return new Package("maven", "spring-core", version, "", "spring-core", version, List.of(),
                "pkg:maven/org.springframework/spring-core@" + version, List.of(), "java-archive",
                "/app/spring-core.jar", null, Map.of("groupId", "org.springframework"));
    }

    private static Package pkg(String type, String name, String version) {
        return new Package(type, name, version, "", name, version, List.of(), "pkg:" + type + "/" + name + "@" + version,
                List.of(), "test", "/test/" + name, null, Map.of());
    }
}
