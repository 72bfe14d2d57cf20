package io.plimsoll.server.clair;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.model.Distro;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A vulnerability report read back gives the findings it was built from (what {@code scan --server} relies on). */
class ClairFindingsTest {

    private static final Distro DEBIAN = new Distro("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", "",
            List.of());

    private static Package pkg(String type, String name, String version, String source, String location) {
        return new Package(type, name, version, "amd64", source, version, List.of(), "pkg:" + type + "/" + name,
                List.of(), "test", location, new Provenance(0, Optional.empty(), Optional.empty()), Map.of());
    }

    @Test
    void aReportReadBackGivesTheFindingsItWasBuiltFrom() {
        Package libssl = pkg("deb", "libssl3", "3.0.11-1~deb12u1", "openssl", "var/lib/dpkg/status");
        Package log4j = pkg("maven", "log4j-core", "2.14.1", "", "app/lib/log4j-core-2.14.1.jar");
        Advisory cve = new Advisory("CVE-2024-1111", "debian", List.of("DSA-5555-1"), "openssl: a bug",
                "A bug in openssl.", Optional.of(Instant.parse("2024-03-01T00:00:00Z")),
                Optional.of(Instant.parse("2024-03-05T00:00:00Z")), List.of("https://a.example/1"), "high",
                Severity.HIGH, List.of());
        Advisory ghsa = new Advisory("GHSA-jfh8-c2jp-5v3q", "osv", List.of("CVE-2021-44228"), "Log4Shell", "",
                Optional.empty(), Optional.empty(), List.of(), "CRITICAL", Severity.CRITICAL, List.of());
        List<Finding> built = List.of(
                new Finding(libssl, "debian:12", "openssl", "3.0.11-1~deb12u1", cve, AffectedStatus.FIXED,
                        List.of("3.0.11-1~deb12u2"), Severity.HIGH, "debian",
                        List.of(new Cvss("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "nvd@nist.gov")),
                        Optional.of(new EpssScore("CVE-2024-1111", 0.42, 0.97, Optional.of(LocalDate.parse("2024-05-01")))),
                        Optional.of(new KevEntry("CVE-2024-1111", LocalDate.parse("2024-04-02"), Optional.empty(), false,
                                "OpenSSL", "OpenSSL", "OpenSSL flaw", "Patch.")), "debian-source"),
                new Finding(log4j, "Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", ghsa,
                        AffectedStatus.FIXED, List.of("2.15.0"), Severity.CRITICAL, "osv", List.of(), Optional.empty(),
                        Optional.empty(), "osv"));
        ObjectNode report = ClairVulnerabilityReports.of("sha256:" + "a".repeat(64), Optional.of(DEBIAN),
                List.of(libssl, log4j), built);

        List<Finding> read = ClairFindings.read(report, List.of(libssl, log4j), "https://plimsoll.example");

        assertThat(read).hasSize(2);
        for (Finding r : read) {
            Finding b = built.stream().filter(f -> f.pkg() == r.pkg()).findFirst().orElseThrow();
            assertThat(r.namespace()).isEqualTo(b.namespace());
            assertThat(r.matchedName()).isEqualTo(b.matchedName());
            assertThat(r.matchedVersion()).isEqualTo(b.matchedVersion());
            assertThat(r.advisory().id()).isEqualTo(b.advisory().id());
            assertThat(r.advisory().title()).isEqualTo(b.advisory().title());
            assertThat(r.advisory().aliases()).isEqualTo(b.advisory().aliases());
            assertThat(r.advisory().sourceSeverity()).isEqualTo(b.advisory().sourceSeverity());
            assertThat(r.status()).isEqualTo(b.status());
            assertThat(r.fixedVersions()).isEqualTo(b.fixedVersions());
            assertThat(r.severity()).isEqualTo(b.severity());
            assertThat(r.severitySource()).isEqualTo(b.severitySource());
            assertThat(r.cvss()).isEqualTo(b.cvss());
            assertThat(r.epss()).isEqualTo(b.epss());
            assertThat(r.kev()).isEqualTo(b.kev());
        }
    }
}
