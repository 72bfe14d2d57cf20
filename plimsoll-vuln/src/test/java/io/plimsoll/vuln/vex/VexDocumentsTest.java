package io.plimsoll.vuln.vex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VexDocumentsTest {

    @TempDir
    Path tmp;

    static Finding finding(String id, List<String> aliases, String purl) {
        Package p = new Package("maven", "log4j-core", "2.14.1", "", "log4j-core", "2.14.1", List.of(), purl,
                List.of(), "java", "/app/lib/log4j-core-2.14.1.jar", new Provenance(1, Optional.empty(),
                Optional.empty()), Map.of());
        Advisory a = new Advisory(id, "osv", aliases, "", "", Optional.empty(), Optional.empty(), List.of(), "",
                Severity.CRITICAL, List.of());
        return new Finding(p, "Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", a, AffectedStatus.FIXED,
                List.of("2.15.0"), Severity.CRITICAL, "osv", List.of(), Optional.empty(), Optional.empty(), "osv-maven");
    }

    @Test
    void openVexNotAffectedSuppressesByAliasAndUnversionedPurl() throws Exception {
        // OpenVEX 0.2 as vexctl writes it: the product is the image, the package a subcomponent
        Path doc = Files.writeString(tmp.resolve("app.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1", "author": "sec",
                 "timestamp": "2026-11-01T00:00:00Z", "version": 1,
                 "statements": [
                   {"vulnerability": {"name": "CVE-2021-44228"},
                    "products": [{"@id": "pkg:oci/app@sha256:abc", "subcomponents": [
                        {"@id": "pkg:maven/org.apache.logging.log4j/log4j-core"}]}],
                    "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path",
                    "impact_statement": "JndiLookup removed from the jar"},
                   {"vulnerability": {"name": "CVE-2021-45046"},
                    "products": [{"@id": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}],
                    "status": "affected"}]}
                """);
        List<VexStatement> statements = VexDocuments.read(doc);
        assertThat(statements).hasSize(2);
        String purl = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar";
        io.plimsoll.vuln.suppress.Filtered r = new VexFilter(statements).apply(List.of(
                finding("GHSA-jfh8-c2jp-5v3q", List.of("CVE-2021-44228"), purl),
                finding("GHSA-7rjr-3q55-vv33", List.of("CVE-2021-45046"), purl),
                finding("GHSA-jfh8-c2jp-5v3q", List.of("CVE-2021-44228"), "pkg:maven/other/lib@1.0")));
        assertThat(r.suppressed()).singleElement().satisfies(s -> {
            assertThat(s.finding().advisory().id()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
            assertThat(s.why().justification()).isEqualTo("vulnerable_code_not_in_execute_path");
            assertThat(s.why().detail()).contains("JndiLookup");
        });
        assertThat(r.kept()).hasSize(2);
    }

    @Test
    void aStatementNamingTheGhsaClearsTheFindingFiledUnderItsCveWhateverTheCase() throws Exception {
        Path doc = Files.writeString(tmp.resolve("ghsa.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/2", "author": "sec",
                 "timestamp": "2026-11-01T00:00:00Z", "version": 1,
                 "statements": [{"vulnerability": {"name": "ghsa-JFH8-c2jp-5v3q"},
                    "products": [{"@id": "pkg:maven/org.apache.logging.log4j/log4j-core"}],
                    "status": "fixed"}]}
                """);
        String purl = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1";
        io.plimsoll.vuln.suppress.Filtered r = new VexFilter(VexDocuments.read(doc)).apply(List.of(
                finding("CVE-2021-44228", List.of("GHSA-jfh8-c2jp-5v3q"), purl),
                finding("CVE-2021-45046", List.of("GHSA-7rjr-3q55-vv33"), purl)));
        assertThat(r.suppressed()).singleElement().satisfies(s -> {
            assertThat(s.finding().advisory().id()).isEqualTo("CVE-2021-44228");
            assertThat(s.why().status()).isEqualTo("fixed");
            assertThat(s.why().source()).endsWith("ghsa.openvex.json");
        });
        assertThat(r.kept()).extracting(f -> f.advisory().id()).containsExactly("CVE-2021-45046");
    }

    @Test
    void cycloneDxVexResolvesBomRefsAndMapsAnalysisStates() throws Exception {
        Path doc = Files.writeString(tmp.resolve("app.cdx.json"), """
                {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                 "components": [{"type": "library", "bom-ref": "log4j", "name": "log4j-core", "version": "2.14.1",
                                 "purl": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}],
                 "vulnerabilities": [
                   {"id": "CVE-2021-44228", "analysis": {"state": "resolved", "detail": "patched in our build"},
                    "affects": [{"ref": "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#log4j"}]},
                   {"id": "CVE-2021-45046", "analysis": {"state": "in_triage"}, "affects": [{"ref": "log4j"}]}]}
                """);
        List<VexStatement> statements = VexDocuments.read(doc);
        assertThat(statements).extracting(VexStatement::status).containsExactly("fixed", "under_investigation");
        assertThat(statements.get(0).products()).containsExactly("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
        io.plimsoll.vuln.suppress.Filtered r = new VexFilter(statements).apply(List.of(
                finding("GHSA-jfh8-c2jp-5v3q", List.of("CVE-2021-44228"), "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"),
                finding("GHSA-7rjr-3q55-vv33", List.of("CVE-2021-45046"), "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")));
        assertThat(r.suppressed()).extracting(s -> s.finding().advisory().id()).containsExactly("GHSA-jfh8-c2jp-5v3q");
        // another version is not covered by a versioned statement
        assertThat(new VexFilter(statements).apply(List.of(finding("X", List.of("CVE-2021-44228"),
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.16.0"))).suppressed()).isEmpty();
    }

    @Test
    void notAVexDocumentNamesTheFile() throws Exception {
        Path junk = Files.writeString(tmp.resolve("x.json"), "{\"hello\": 1}");
        assertThatThrownBy(() -> VexDocuments.read(junk)).isInstanceOf(FeedException.class)
                .hasMessageContaining("x.json").hasMessageContaining("not a VEX document");
        Path html = Files.writeString(tmp.resolve("y.json"), "<html>login</html>");
        assertThatThrownBy(() -> VexDocuments.read(html)).hasMessageContaining("y.json");
    }
}
