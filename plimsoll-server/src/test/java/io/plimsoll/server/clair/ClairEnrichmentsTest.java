package io.plimsoll.server.clair;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.model.Distro;
import io.plimsoll.server.testing.ClairSchemas;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
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

/** What a Clair vulnerability report carries beyond Clair's vulnerability fields, and that it is still Clair's. */
class ClairEnrichmentsTest {

    private static final Distro DEBIAN = new Distro("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", "",
            List.of());

    private static Package pkg(String type, String name, String version, String source) {
        return new Package(type, name, version, "amd64", source, version, List.of(), "pkg:" + type + "/" + name,
                List.of(), "test", "var/lib/dpkg/status", new Provenance(0, Optional.empty(), Optional.empty()),
                Map.of());
    }

    @Test
    void cvssEpssAndKevAreClaircoresEnrichmentsAndTheRestIsPlimsollsOwn() {
        Package libssl = pkg("deb", "libssl3", "3.0.11-1~deb12u1", "openssl");
        Package openssl = pkg("deb", "openssl", "3.0.11-1~deb12u1", "openssl");
        Package bash = pkg("deb", "bash", "5.2.15-2+b2", "bash");
        Advisory cve = new Advisory("CVE-2024-1111", "debian", List.of("DSA-5555-1"), "openssl: a bug",
                "A bug in openssl.", Optional.of(Instant.parse("2024-03-01T00:00:00Z")),
                Optional.of(Instant.parse("2024-03-05T00:00:00Z")), List.of("https://a.example/1", "https://b.example/2"),
                "high", Severity.HIGH, List.of());
        List<Cvss> scores = List.of(new Cvss("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "nvd@nist.gov"),
                new Cvss("2.0", "AV:N/AC:L/Au:N/C:P/I:N/A:N", 5.0, "nvd@nist.gov"));
        Optional<EpssScore> epss = Optional.of(new EpssScore("CVE-2024-1111", 0.42, 0.97,
                Optional.of(LocalDate.parse("2024-05-01"))));
        Optional<KevEntry> kev = Optional.of(new KevEntry("CVE-2024-1111", LocalDate.parse("2024-04-02"),
                Optional.of(LocalDate.parse("2024-04-23")), true, "OpenSSL", "OpenSSL", "OpenSSL flaw", "Patch."));
        List<String> fixes = List.of("3.0.11-1~deb12u2", "3.0.13-1~deb12u1");
        // a fixed-only entry: no text, no severity of its own
        Advisory bare = new Advisory("CVE-2024-2222", "debian", List.of(), "bash: expands twice", "", Optional.empty(),
                Optional.empty(), List.of(), "", Severity.UNKNOWN, List.of());
        List<Finding> findings = List.of(
                new Finding(libssl, "debian:12", "openssl", "3.0.11-1~deb12u1", cve, AffectedStatus.FIXED, fixes,
                        Severity.HIGH, "debian", scores, epss, kev, "debian-source"),
                new Finding(openssl, "debian:12", "openssl", "3.0.11-1~deb12u1", cve, AffectedStatus.FIXED, fixes,
                        Severity.HIGH, "debian", scores, epss, kev, "debian-source"),
                new Finding(bash, "debian:12", "bash", "5.2.15-2", bare, AffectedStatus.WILL_NOT_FIX, List.of(),
                        Severity.MEDIUM, "nvd@nist.gov", List.of(), Optional.empty(), Optional.empty(),
                        "debian-source"));
        ObjectNode report = ClairVulnerabilityReports.of("sha256:" + "a".repeat(64), Optional.of(DEBIAN),
                List.of(libssl, openssl, bash), findings);

        // Clair's vulnerability object admits no member of ours: what it lacks must travel as enrichments
        ObjectNode tampered = report.deepCopy();
        ((ObjectNode) tampered.path("vulnerabilities").elements().next()).put("title", "x");
        assertThat(ClairSchemas.errors("vulnerability_report", tampered)).isNotEmpty();
        ClairSchemas.assertValid("vulnerability_report", report);

        String opensslVuln = report.path("package_vulnerabilities").path("1").get(0).asText();
        assertThat(report.path("package_vulnerabilities").path("2").get(0).asText()).isEqualTo(opensslVuln);
        String bashVuln = report.path("package_vulnerabilities").path("3").get(0).asText();
        JsonNode enrichments = report.path("enrichments");
        assertThat(enrichments.fieldNames()).toIterable().containsExactlyInAnyOrder(ClairEnrichments.CVSS,
                ClairEnrichments.EPSS, ClairEnrichments.KEV, ClairEnrichments.FINDING);

        // claircore's shapes: a one-element array of {vulnerability id: [records]}; CVSS only v3, as NVD 1.1 wrote it
        JsonNode cvss = enrichments.path(ClairEnrichments.CVSS);
        assertThat(cvss).hasSize(1);
        assertThat(cvss.get(0).fieldNames()).toIterable().containsExactly(opensslVuln);
        assertThat(cvss.get(0).path(opensslVuln)).hasSize(1);
        assertThat(cvss.get(0).path(opensslVuln).get(0).toString()).isEqualTo("{\"version\":\"3.1\",\"vectorString\":"
                + "\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N\",\"baseScore\":7.5,\"baseSeverity\":\"HIGH\"}");
        assertThat(enrichments.path(ClairEnrichments.EPSS).get(0).path(opensslVuln).get(0).toString())
                .isEqualTo("{\"cve\":\"CVE-2024-1111\",\"epss\":0.42,\"percentile\":0.97,\"date\":\"2024-05-01\"}");
        JsonNode kevRecord = enrichments.path(ClairEnrichments.KEV).get(0).path(opensslVuln).get(0);
        assertThat(kevRecord.path("date_added").asText()).isEqualTo("2024-04-02");
        assertThat(kevRecord.path("due_date").asText()).isEqualTo("2024-04-23");
        assertThat(kevRecord.path("known_ransomware_campaign_use").asText()).isEqualTo("Known");

        JsonNode mine = enrichments.path(ClairEnrichments.FINDING).get(0);
        JsonNode o = mine.path(opensslVuln).get(0);
        assertThat(o.path("title").asText()).isEqualTo("openssl: a bug");
        assertThat(o.path("aliases").toString()).isEqualTo("[\"DSA-5555-1\"]");
        assertThat(o.path("cvss")).hasSize(2);
        assertThat(o.path("modified").asText()).isEqualTo("2024-03-05T00:00:00Z");
        assertThat(o.has("description")).as("Clair's description is the advisory's").isFalse();
        assertThat(o.has("source_severity")).isFalse();
        assertThat(o.path("packages").fieldNames()).toIterable().containsExactly("1", "2");
        assertThat(o.path("packages").path("2").toString()).isEqualTo("{\"status\":\"fixed\",\"fixed_versions\":"
                + "[\"3.0.11-1~deb12u2\",\"3.0.13-1~deb12u1\"],\"matched_version\":\"3.0.11-1~deb12u1\"}");
        JsonNode b = mine.path(bashVuln).get(0);
        // Clair wants text in description and severity; the record says what the advisory itself had
        JsonNode bashClair = report.path("vulnerabilities").path(bashVuln);
        assertThat(bashClair.path("description").asText()).isEqualTo("bash: expands twice");
        assertThat(bashClair.path("severity").asText()).isEqualTo("medium");
        assertThat(b.path("description").isTextual()).isTrue();
        assertThat(b.path("description").asText()).isEmpty();
        assertThat(b.path("source_severity").asText()).isEmpty();
        assertThat(b.path("severity_source").asText()).isEqualTo("nvd@nist.gov");
        assertThat(b.path("packages").path("3").path("status").asText()).isEqualTo("will-not-fix");
        assertThat(b.path("packages").path("3").path("matched_version").asText()).isEqualTo("5.2.15-2");
    }
}
