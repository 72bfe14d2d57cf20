package io.plimsoll.policy.gate.vulnerabilities;

import static io.plimsoll.policy.gate.GateFixtures.NOW;
import static io.plimsoll.policy.gate.GateFixtures.context;
import static io.plimsoll.policy.gate.GateFixtures.ids;
import static io.plimsoll.policy.gate.GateFixtures.inventory;
import static io.plimsoll.policy.gate.GateFixtures.params;
import static io.plimsoll.policy.gate.GateFixtures.pkg;
import static io.plimsoll.policy.gate.GateFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Package;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.model.Distro;
import io.plimsoll.policy.content.ContentFindings;
import io.plimsoll.policy.gate.GateFixtures;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.store.SourceStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VulnerabilitiesGateTest {

    static final Package LOG4J = pkg("maven", "log4j-core", "2.14.1", List.of("Apache-2.0"), List.of());
    static final Package OPENSSL = pkg("deb", "openssl", "3.0.11-1~deb12u2", List.of(), List.of());
    static final Package TAR = pkg("deb", "tar", "1.34+dfsg-1.2", List.of(), List.of());

    static Advisory advisory(String id, List<String> aliases, Instant published) {
        return new Advisory(id, "test", aliases, "", "", Optional.ofNullable(published), Optional.empty(),
                List.of("https://example.com/" + id), "", Severity.UNKNOWN, List.of());
    }

    static Finding finding(Package p, Advisory a, AffectedStatus status, List<String> fixes, Severity severity,
                           List<Cvss> cvss, boolean kev, Double epss) {
        return new Finding(p, "ns", p.name(), p.version(), a, status, fixes, severity, "test", cvss,
                Optional.ofNullable(epss).map(e -> new EpssScore(a.cveIds().get(0), e, 0.9, Optional.empty())),
                kev ? Optional.of(new KevEntry(a.cveIds().get(0), LocalDate.of(2021, 12, 10), Optional.empty(), true,
                        "Apache", "Log4j", "Log4Shell", "patch")) : Optional.empty(), "test");
    }

    static final List<Finding> FINDINGS = List.of(
            // A GHSA for one CVE: known by its CVE
            finding(LOG4J, advisory("GHSA-jfh8-c2jp-5v3q", List.of("CVE-2021-44228"), Instant.parse("2021-12-10T00:00:00Z")),
                    AffectedStatus.FIXED, List.of("2.15.0"), Severity.CRITICAL,
                    List.of(new Cvss("3.1", "", 10.0, "nvd@nist.gov")), true, 0.97),
            finding(OPENSSL, advisory("CVE-2026-0001", List.of(), NOW.minus(Duration.ofDays(2))),
                    AffectedStatus.AFFECTED, List.of(), Severity.HIGH,
                    List.of(new Cvss("3.1", "", 7.5, "nvd@nist.gov"), new Cvss("3.1", "", 5.9, "debian")), false, 0.01),
            finding(TAR, advisory("CVE-2005-2541", List.of(), Instant.parse("2005-08-10T00:00:00Z")),
                    AffectedStatus.WILL_NOT_FIX, List.of(), Severity.NEGLIGIBLE, List.of(), false, null));

    static ImageContext image() {
        return context(inventory(TestImage.create().layer(TestLayer.create().file("a", "a"), Compressor.GZIP),
                Optional.of(new Distro("debian", "12", "bookworm", "", "", List.of())), List.of(LOG4J, OPENSSL, TAR)),
                FINDINGS, ContentFindings.NONE);
    }

    @Test
    void anchoresDefaultsAndTheDodRules() {
        ImageContext c = image();
        // no severity given: > unknown; vendor_only default true drops tar's will-not-fix
        assertThat(ids(run("vulnerabilities", "package", c, params("package_type", "all"))))
                .containsExactly("CVE-2021-44228+log4j-core", "CVE-2026-0001+openssl");
        assertThat(ids(run("vulnerabilities", "package", c, params("package_type", "all", "severity_comparison", "<=",
                "severity", "negligible", "vendor_only", "false")))).containsExactly("CVE-2005-2541+tar");
        assertThat(ids(run("vulnerabilities", "package", c, params("package_type", "all", "severity_comparison", "<=",
                "severity", "negligible", "vendor_only", "true")))).isEmpty();
        assertThat(ids(run("vulnerabilities", "package", c, params("package_type", "all", "severity_comparison", ">=",
                "severity", "unknown", "fix_available", "true")))).containsExactly("CVE-2021-44228+log4j-core");
        assertThat(ids(run("vulnerabilities", "package", c, params("package_type", "all", "fix_available", "false"))))
                .containsExactly("CVE-2026-0001+openssl");
    }

    @Test
    void packageTypesAndMessages() {
        ImageContext c = image();
        assertThat(ids(run("vulnerabilities", "package", c, params("package_type", "os"))))
                .containsExactly("CVE-2026-0001+openssl");
        assertThat(ids(run("vulnerabilities", "package", c, params("package_type", "java"))))
                .containsExactly("CVE-2021-44228+log4j-core");
        assertThat(run("vulnerabilities", "package", c, params("package_type", "non-os")).get(0).message())
                .isEqualTo("CRITICAL Vulnerability found in non-os package type (maven) - log4j-core 2.14.1 "
                        + "(fixed in: 2.15.0)(GHSA-jfh8-c2jp-5v3q - https://example.com/GHSA-jfh8-c2jp-5v3q)");
        assertThat(run("vulnerabilities", "package", c, params("package_type", "non-os", "package_path_exclude",
                "/var/lib/.*"))).isEmpty();
    }

    @Test
    void scoresAgesKevAndEpss() {
        ImageContext c = image();
        assertThat(ids(run("vulnerabilities", "package", c, params("package_type", "all", "cvss_v3_base_score", "9.0"))))
                .containsExactly("CVE-2021-44228+log4j-core");
        assertThat(ids(run("vulnerabilities", "package", c, params("package_type", "all",
                "cvss_v3_base_score_comparison", "<", "cvss_v3_base_score", "9.0"))))
                .containsExactly("CVE-2026-0001+openssl");
        assertThat(ids(run("vulnerabilities", "package", c, params("package_type", "all", "vendor_cvss_v3_base_score",
                "5.0")))).containsExactly("CVE-2026-0001+openssl");
        assertThat(run("vulnerabilities", "package", c, params("package_type", "all", "cvss_v3_base_score", "9.0",
                "score_version", "v2"))).isEmpty();
        assertThat(ids(run("vulnerabilities", "package", c, params("package_type", "all", "max_days_since_creation",
                "30")))).containsExactly("CVE-2021-44228+log4j-core"); // openssl's CVE is 2 days old
        assertThat(ids(run("vulnerabilities", "package", c, params("package_type", "all", "kev", "true"))))
                .containsExactly("CVE-2021-44228+log4j-core");
        assertThat(ids(run("vulnerabilities", "package", c, params("package_type", "all", "kev", "false"))))
                .containsExactly("CVE-2026-0001+openssl");
        assertThat(ids(run("vulnerabilities", "package", c, params("package_type", "all", "epss_min", "0.5"))))
                .containsExactly("CVE-2021-44228+log4j-core");
        var t = GateFixtures.trigger("vulnerabilities", "package");
        assertThat(t.validate(params("package_type", "all", "epss_min", "5"))).hasSize(1);
        assertThat(t.validate(params("package_type", "all", "cvss_v3_base_score", "11"))).hasSize(1);
    }

    @Test
    void aHitIsAlsoKnownByEveryOtherIdOfItsVulnerability() {
        ImageContext c = image();
        assertThat(run("vulnerabilities", "package", c, params("package_type", "java"))).singleElement()
                .satisfies(h -> {
                    assertThat(h.triggerId()).isEqualTo("CVE-2021-44228+log4j-core");
                    assertThat(h.aliases()).containsExactly("GHSA-jfh8-c2jp-5v3q+log4j-core");
                });
        // two advisories of one CVE in one package (OSV's PYSEC and GHSA records): one hit with the ids of both
        Finding pysec = finding(LOG4J, advisory("PYSEC-2021-1", List.of("CVE-2021-44228", "GHSA-jfh8-c2jp-5v3q"),
                null), AffectedStatus.FIXED, List.of("2.15.0"), Severity.CRITICAL, List.of(), false, null);
        ImageContext both = context(inventory(TestImage.create().layer(TestLayer.create().file("a", "a"),
                Compressor.GZIP), Optional.empty(), List.of(LOG4J)), List.of(FINDINGS.get(0), pysec),
                ContentFindings.NONE);
        assertThat(run("vulnerabilities", "package", both, params("package_type", "all"))).singleElement()
                .satisfies(h -> assertThat(h.aliases()).containsExactly("GHSA-jfh8-c2jp-5v3q+log4j-core",
                        "PYSEC-2021-1+log4j-core"));
    }

    @Test
    void blacklistByIdOrAlias() {
        ImageContext c = image();
        assertThat(run("vulnerabilities", "blacklist", c, params("vulnerability_ids", "CVE-2021-44228,CVE-1999-0001"))
                .get(0).message()).isEqualTo("Blacklisted vulnerabilities detected: ['CVE-2021-44228']");
        assertThat(run("vulnerabilities", "blacklist", c, params("vulnerability_ids", "ghsa-jfh8-c2jp-5v3q"))
                .get(0).message()).isEqualTo("Blacklisted vulnerabilities detected: ['ghsa-jfh8-c2jp-5v3q']");
        assertThat(run("vulnerabilities", "blacklist", c, params("vulnerability_ids", "CVE-2005-2541"))).isEmpty();
        assertThat(run("vulnerabilities", "blacklist", c, params("vulnerability_ids", "CVE-2005-2541",
                "vendor_only", "false"))).hasSize(1);
    }

    static SourceStatus source(String name, Instant updated) {
        return new SourceStatus(name, "file:///feeds/" + name, Optional.ofNullable(updated), NOW, Optional.empty(),
                10, "", Map.of(), Map.of());
    }

    @Test
    void staleFeedData() {
        DataFreshness fresh = DataFreshness.of(Path.of("v.db"), List.of(source("debian", NOW.minus(Duration.ofDays(3))),
                source("nvd", NOW.minus(Duration.ofDays(20)))), List.of("debian"), Duration.ofDays(30), NOW);
        ImageContext c = GateFixtures.withFreshness(image(), fresh);
        assertThat(run("vulnerabilities", "stale_feed_data", c, params("max_days_since_sync", "15"))).singleElement()
                .extracting(h -> h.message()).asString()
                .startsWith("The vulnerability feed for this image distro is older than MAXAGE (15) days: nvd");
        assertThat(run("vulnerabilities", "stale_feed_data", c, params("max_days_since_sync", "21"))).isEmpty();
        ImageContext none = GateFixtures.withFreshness(image(), DataFreshness.unavailable(List.of("debian"),
                Duration.ofDays(7)));
        assertThat(run("vulnerabilities", "stale_feed_data", none, params("max_days_since_sync", "15"))).hasSize(1);
    }

    @Test
    void vulnerabilityDataUnavailable() {
        DataFreshness complete = DataFreshness.of(Path.of("v.db"), List.of(source("debian", NOW)), List.of("debian"),
                Duration.ofDays(30), NOW);
        assertThat(run("vulnerabilities", "vulnerability_data_unavailable",
                GateFixtures.withFreshness(image(), complete), params())).isEmpty();
        DataFreshness missing = DataFreshness.of(Path.of("v.db"), List.of(source("debian", NOW),
                source("osv-maven", null)), List.of("debian", "osv-maven"), Duration.ofDays(30), NOW);
        assertThat(run("vulnerabilities", "vulnerability_data_unavailable",
                GateFixtures.withFreshness(image(), missing), params())).singleElement()
                .extracting(h -> h.message()).asString().isEqualTo("Distro-specific feed data not found for distro "
                        + "namespace: debian:12. Cannot perform CVE scan OS/distro packages: no data from osv-maven");
        assertThat(run("vulnerabilities", "vulnerability_data_unavailable", GateFixtures.withFreshness(image(),
                DataFreshness.unavailable(List.of(), Duration.ofDays(1))), params())).hasSize(1);
    }
}
