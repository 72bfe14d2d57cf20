package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path through the CLI: {@code db update --from DIR} with a Debian tracker file and the real GHSA record of
 * Log4Shell packed as OSV's Maven {@code all.zip}, then {@code scan} of an image holding Debian packages and
 * log4j-core 2.14.1 in a jar, giving exactly the findings each source's rules imply.
 */
@org.junit.jupiter.api.extension.ExtendWith(IsolatedSettings.class)
class ScanEndToEndTest {

    @TempDir
    Path tmp;

    private Path feeds() throws IOException {
        return Log4ShellFixture.feeds(tmp);
    }

    private Path image() throws IOException {
        return Log4ShellFixture.image(tmp);
    }

    @Test
    void updateFromLocalFilesThenScanGivesExactlyTheExpectedFindings() throws Exception {
        Path from = feeds();
        Path db = tmp.resolve("vuln.db");
        CliTest.Run update = CliTest.run("db", "update", "--db", db.toString(), "--from", from.toString());
        assertThat(update.out()).contains("debian", "osv");
        assertThat(update.out()).doesNotContain("FAILED");

        CliTest.Run scan = CliTest.run("scan", "--offline", "--format", "json", "--db", db.toString(),
                image().toString());
        assertThat(scan.code()).as(scan.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(scan.out());
        List<String> found = new ArrayList<>();
        for (JsonNode f : root.path("findings")) {
            found.add(f.path("package").path("name").asText() + " " + f.path("id").asText() + " "
                    + f.path("status").asText() + " " + f.path("nearestFix").asText("-"));
        }
        assertThat(found).containsExactlyInAnyOrder(
                "zlib1g CVE-2023-45853 affected -",
                "libssl3 CVE-2024-0727 fixed 3.0.13-1~deb12u1",
                "log4j-core GHSA-jfh8-c2jp-5v3q fixed 2.15.0");
        JsonNode log4j = root.path("findings").findParents("id").stream()
                .filter(f -> f.path("id").asText().equals("GHSA-jfh8-c2jp-5v3q")).findFirst().orElseThrow();
        assertThat(log4j.path("aliases").toString()).contains("CVE-2021-44228");
        assertThat(log4j.path("severity").asText()).isEqualTo("critical");
        assertThat(log4j.path("package").path("layer").asInt()).isEqualTo(1);
        assertThat(log4j.path("package").path("createdBy").asText()).contains("COPY lib/");
        JsonNode ssl = root.path("findings").findParents("id").stream()
                .filter(f -> f.path("id").asText().equals("CVE-2024-0727")).findFirst().orElseThrow();
        assertThat(ssl.path("match").path("name").asText()).isEqualTo("openssl");
        assertThat(ssl.path("match").path("namespace").asText()).isEqualTo("debian:12");

        CliTest.Run table = CliTest.run("scan", "--offline", "--db", db.toString(), "--only-fixed", image().toString());
        assertThat(table.out()).contains("libssl3", "fixed in 3.0.13-1~deb12u1", "log4j-core", "fixed in 2.15.0")
                .doesNotContain("CVE-2023-45853");
        // colour only when asked for (or on a terminal), never in files
        Path tableFile = tmp.resolve("table.txt");
        CliTest.Run coloured = CliTest.run("scan", "--offline", "--db", db.toString(), "--color", "always",
                "-o", "table=" + tableFile, image().toString());
        assertThat(coloured.out()).contains("\u001b[1;31mcritical\u001b[0m");
        assertThat(Files.readString(tableFile)).doesNotContain("\u001b[").contains("critical");
        // escape codes take no width: the columns after the severity line up as without colour
        String plainLine = table.out().lines().filter(l -> l.contains("CVE-2024-0727")).findFirst().orElseThrow();
        CliTest.Run fixedColoured = CliTest.run("scan", "--offline", "--db", db.toString(), "--only-fixed", "--color",
                "always", image().toString());
        String colouredLine = fixedColoured.out().lines().filter(l -> l.contains("CVE-2024-0727")).findFirst()
                .orElseThrow().replaceAll("\u001b\\[[0-9;]*m", "");
        assertThat(colouredLine).isEqualTo(plainLine);
        assertThat(CliTest.run("scan", "--offline", "--db", db.toString(), image().toString()).out())
                .doesNotContain("\u001b[");

        // the SBOM with vulnerabilities, valid CycloneDX 1.6, each advisory affecting its component by bom-ref
        CliTest.Run cdx = CliTest.run("scan", "--offline", "--db", db.toString(), "--format", "cyclonedx-json",
                image().toString());
        assertThat(cdx.code()).as(cdx.err()).isZero();
        byte[] bomJson = cdx.out().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(new org.cyclonedx.parsers.JsonParser().validate(bomJson, org.cyclonedx.Version.VERSION_16)).isEmpty();
        org.cyclonedx.model.Bom bom = new org.cyclonedx.parsers.JsonParser().parse(bomJson);
        assertThat(bom.getVulnerabilities()).extracting(org.cyclonedx.model.vulnerability.Vulnerability::getId)
                .containsExactlyInAnyOrder("CVE-2023-45853", "CVE-2024-0727", "GHSA-jfh8-c2jp-5v3q");
        var log4shell = bom.getVulnerabilities().stream().filter(v -> v.getId().equals("GHSA-jfh8-c2jp-5v3q"))
                .findFirst().orElseThrow();
        String ref = log4shell.getAffects().get(0).getRef();
        assertThat(bom.getComponents()).filteredOn(c -> ref.equals(c.getBomRef())).singleElement()
                .satisfies(c -> assertThat(c.getName()).isEqualTo("log4j-core"));
        assertThat(log4shell.getRecommendation()).contains("2.15.0");
        assertThat(log4shell.getRatings()).anySatisfy(r -> assertThat(r.getScore()).isEqualTo(10.0));

        // JUnit with --fail-on: one case per package, failing only where the threshold was reached
        CliTest.Run junit = CliTest.run("scan", "--offline", "--db", db.toString(), "--fail-on", "critical", "-f",
                "junit", image().toString());
        assertThat(junit.code()).isEqualTo(1);
        org.w3c.dom.Document xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(junit.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        org.w3c.dom.NodeList cases = xml.getElementsByTagName("testcase");
        java.util.Map<String, Boolean> failed = new java.util.TreeMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            org.w3c.dom.Element c = (org.w3c.dom.Element) cases.item(i);
            failed.put(c.getAttribute("name").split(" ")[0], c.getElementsByTagName("failure").getLength() > 0);
        }
        assertThat(failed).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(
                "libssl3", false, "log4j-core", true, "zlib1g", false)));

        CliTest.Run critical = CliTest.run("scan", "--offline", "--db", db.toString(), "--severity", "critical",
                image().toString());
        assertThat(critical.out()).contains("GHSA-jfh8-c2jp-5v3q").doesNotContain("CVE-2024-0727");
    }

    @Test
    void vexStatementsSuppressFindingsThatStayVisible() throws Exception {
        Path db = tmp.resolve("vuln.db");
        assertThat(CliTest.run("db", "update", "--db", db.toString(), "--from", feeds().toString()).code()).isZero();
        Path img = image();
        Path vex = Files.writeString(tmp.resolve("app.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/app-1.0",
                 "author": "Security Team", "timestamp": "2026-11-01T00:00:00Z", "version": 1,
                 "statements": [{"vulnerability": {"name": "CVE-2021-44228"},
                   "products": [{"@id": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}],
                   "status": "not_affected", "justification": "vulnerable_code_not_present",
                   "impact_statement": "JndiLookup.class is removed at build time"}]}
                """);
        assertThat(CliTest.run("scan", "--offline", "--db", db.toString(), "--fail-on", "critical", img.toString())
                .code()).isEqualTo(1);
        CliTest.Run withVex = CliTest.run("scan", "--offline", "--db", db.toString(), "--fail-on", "critical",
                "--vex", vex.toString(), img.toString());
        assertThat(withVex.code()).as(withVex.out()).isZero();
        assertThat(withVex.out()).contains("Suppressed by VEX (1)", "GHSA-jfh8-c2jp-5v3q",
                "not_affected: vulnerable_code_not_present");
        JsonNode json = new ObjectMapper().readTree(CliTest.run("scan", "--offline", "--format", "json", "--db",
                db.toString(), "--vex", vex.toString(), img.toString()).out());
        assertThat(json.path("findings").findValuesAsText("id")).doesNotContain("GHSA-jfh8-c2jp-5v3q")
                .contains("CVE-2024-0727");
        assertThat(json.path("suppressed").get(0).path("detail").asText()).contains("JndiLookup");
        // CycloneDX keeps the suppressed finding, with the statement as its analysis
        byte[] bomJson = CliTest.run("scan", "--offline", "--format", "cyclonedx-json", "--db", db.toString(), "--vex",
                vex.toString(), img.toString()).out().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(new org.cyclonedx.parsers.JsonParser().validate(bomJson, org.cyclonedx.Version.VERSION_16)).isEmpty();
        var analysed = new org.cyclonedx.parsers.JsonParser().parse(bomJson).getVulnerabilities().stream()
                .filter(v -> v.getAnalysis() != null).toList();
        assertThat(analysed).singleElement().satisfies(v -> {
            assertThat(v.getId()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
            assertThat(v.getAnalysis().getState())
                    .isEqualTo(org.cyclonedx.model.vulnerability.Vulnerability.Analysis.State.NOT_AFFECTED);
            assertThat(v.getAnalysis().getJustification())
                    .isEqualTo(org.cyclonedx.model.vulnerability.Vulnerability.Analysis.Justification.CODE_NOT_PRESENT);
            assertThat(v.getAnalysis().getDetail()).contains("JndiLookup", "app.openvex.json");
        });
        // SARIF: the suppressed finding is a result with an external, accepted suppression; the document stays valid
        String sarif = CliTest.run("scan", "--offline", "--format", "sarif", "--db", db.toString(), "--vex",
                vex.toString(), img.toString()).out();
        JsonNode sarifRoot = new ObjectMapper().readTree(sarif);
        List<JsonNode> suppressedResults = new ArrayList<>();
        sarifRoot.path("runs").get(0).path("results").forEach(res -> {
            if (res.has("suppressions")) {
                suppressedResults.add(res);
            }
        });
        assertThat(suppressedResults).singleElement().satisfies(res -> {
            assertThat(res.path("ruleId").asText()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
            assertThat(res.path("suppressions").get(0).path("justification").asText())
                    .contains("not_affected", "vulnerable_code_not_present");
        });
        Path sarifSchema = io.plimsoll.image.testing.SharedCorpus.require("schemas/sarif-schema-2.1.0.json");
        assertThat(JsonSchemas.of(Files.readString(sarifSchema)).errors(sarif)).isEmpty();
        // HTML: a section lists it with the statement
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(CliTest.run("scan", "--offline", "--format", "html",
                "--db", db.toString(), "--vex", vex.toString(), img.toString()).out());
        assertThat(html.select("#suppressed tbody tr")).singleElement().satisfies(tr ->
                assertThat(tr.text()).contains("GHSA-jfh8-c2jp-5v3q", "log4j-core 2.14.1", "not_affected",
                        "JndiLookup.class is removed"));
        Path bad = Files.writeString(tmp.resolve("bad.vex.json"), "{\"statements\": []}");
        CliTest.Run badRun = CliTest.run("scan", "--offline", "--db", db.toString(), "--vex", bad.toString(),
                img.toString());
        assertThat(badRun.code()).isEqualTo(2);
        assertThat(badRun.err()).contains("bad.vex.json", "not a VEX document");
    }
}
