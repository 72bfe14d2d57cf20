package io.plimsoll.cli;

import static io.plimsoll.cli.Log4ShellFixture.CVE;
import static io.plimsoll.cli.Log4ShellFixture.GHSA;
import static io.plimsoll.cli.Log4ShellFixture.PURL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.testing.SharedCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One identity per finding, through the real command: Log4Shell is found as {@code GHSA-jfh8-c2jp-5v3q} (OSV's
 * record) with the alias {@code CVE-2021-44228}; its --fail-on hit is {@code CVE-2021-44228+log4j-core}. Whichever id
 * an allowlist, a VEX statement, a baseline or the ignore file names, it is the same finding, and every report shows
 * both.
 */
@org.junit.jupiter.api.extension.ExtendWith(IsolatedSettings.class)
class FindingIdentityCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliTest.Run gate(Path db, Path img, String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", "--offline", "--db", db.toString(), "--fail-on",
                "critical"));
        args.addAll(List.of(extra));
        args.add(img.toString());
        return CliTest.run(args.toArray(String[]::new));
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void anAllowlistNamingTheGhsaOrTheCveTurnsTheStopIntoGo() throws Exception {
        Path db = Log4ShellFixture.database(tmp);
        Path img = Log4ShellFixture.image(tmp);
        CliTest.Run stop = gate(db, img);
        assertThat(stop.code()).as(stop.err()).isEqualTo(1);
        // the table names the finding by its own id with its CVE, and the hit by its trigger id with the GHSA
        assertThat(stop.out()).contains(GHSA + " (" + CVE + ")", CVE + "+log4j-core (" + GHSA + ")");
        JsonNode report = JSON.readTree(gate(db, img, "--format", "json").out());
        JsonNode hit = report.path("policy").path("hits").get(0);
        assertThat(hit.path("triggerId").asText()).isEqualTo(CVE + "+log4j-core");
        assertThat(hit.path("aliases").toString()).isEqualTo("[\"" + GHSA + "+log4j-core\"]");

        for (String triggerId : List.of(GHSA + "+log4j-core", CVE + "+log4j-core", GHSA + "+*")) {
            Path anchore = write("accepted.json", """
                    {"id": "accepted", "name": "accepted", "version": "1_0",
                     "items": [{"id": "log4shell", "gate": "vulnerabilities", "trigger_id": "%s"}]}
                    """.formatted(triggerId));
            CliTest.Run go = gate(db, img, "--allowlist", anchore.toString());
            assertThat(go.code()).as(triggerId + ": " + go.out() + go.err()).isZero();
            assertThat(go.out()).contains("GO (allowlisted log4shell)");
        }
        Path clair = write("clair-whitelist.yaml", "generalwhitelist:\n  " + GHSA + ": log4j is not reachable\n");
        CliTest.Run clairGo = gate(db, img, "--allowlist", clair.toString());
        assertThat(clairGo.code()).as(clairGo.out() + clairGo.err()).isZero();
        // another package's GHSA does not allow it
        Path other = write("other.json", """
                {"id": "other", "version": "1_0",
                 "items": [{"id": "x", "gate": "vulnerabilities", "trigger_id": "%s+log4j-api"}]}
                """.formatted(GHSA));
        assertThat(gate(db, img, "--allowlist", other.toString()).code()).isEqualTo(1);
    }

    @Test
    void vexStatementsAndBaselinesMatchAnyIdOfTheFinding() throws Exception {
        Path db = Log4ShellFixture.database(tmp);
        Path img = Log4ShellFixture.image(tmp);
        // CycloneDX VEX naming the CVE clears the GHSA finding; OpenVEX naming the GHSA (any case) too
        Path cdx = write("app.cdx.json", """
                {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                 "components": [{"type": "library", "bom-ref": "log4j", "name": "log4j-core", "purl": "%s"}],
                 "vulnerabilities": [{"id": "%s", "analysis": {"state": "not_affected",
                   "justification": "code_not_reachable"}, "affects": [{"ref": "log4j"}]}]}
                """.formatted(PURL, CVE));
        Path openVex = write("app.openvex.json", """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1", "author": "sec",
                 "timestamp": "2026-01-01T00:00:00Z", "version": 1,
                 "statements": [{"vulnerability": {"name": "%s"}, "products": [{"@id": "%s"}],
                   "status": "not_affected", "justification": "vulnerable_code_not_present"}]}
                """.formatted(GHSA.toLowerCase(java.util.Locale.ROOT), PURL));
        for (Path vex : List.of(cdx, openVex)) {
            CliTest.Run r = gate(db, img, "--vex", vex.toString(), "--format", "json");
            assertThat(r.code()).as(vex + ": " + r.err()).isZero();
            JsonNode suppressed = JSON.readTree(r.out()).path("suppressed").get(0);
            assertThat(suppressed.path("id").asText()).isEqualTo(GHSA);
            assertThat(suppressed.path("aliases").toString()).contains(CVE);
            assertThat(suppressed.path("suppressedBy").asText()).isEqualTo("vex");
        }

        // a baseline whose hit is named by the GHSA (another tool's report, or one edited by hand) covers this run's
        // hit named by the CVE
        Path report = tmp.resolve("last-release.json");
        CliTest.Run first = gate(db, img, "-o", "json=" + report);
        assertThat(first.code()).isEqualTo(1);
        ObjectNode edited = (ObjectNode) JSON.readTree(report.toFile());
        ObjectNode hit = (ObjectNode) edited.path("policy").path("hits").get(0);
        hit.put("triggerId", GHSA + "+log4j-core");
        hit.remove("aliases");
        Files.writeString(report, edited.toString());
        CliTest.Run again = gate(db, img, "--baseline", report.toString(), "--format", "json");
        assertThat(again.code()).as(again.err()).isZero();
        JsonNode againHit = JSON.readTree(again.out()).path("policy").path("hits").get(0);
        assertThat(againHit.path("triggerId").asText()).isEqualTo(CVE + "+log4j-core");
        assertThat(againHit.path("inBaseline").asBoolean()).isTrue();
        // and one about a different vulnerability does not
        hit.put("triggerId", "GHSA-7rjr-3q55-vv33+log4j-core");
        Files.writeString(report, edited.toString());
        assertThat(gate(db, img, "--baseline", report.toString()).code()).isEqualTo(1);
    }

    @Test
    void theIgnoreFileTakesAFindingOutOfTheGateByAnyIdInItsScopeUntilItExpires() throws Exception {
        Path db = Log4ShellFixture.database(tmp);
        Path img = Log4ShellFixture.image(tmp);
        // .plimsollignore in the working directory is read without being named
        Path work = IgnoreOption.workingDirectory.get();
        Files.writeString(work.resolve(".plimsollignore"), """
                # Log4Shell: JndiLookup.class is removed at build time
                %s   # the GHSA, while the hit is named by the CVE
                """.formatted(GHSA));
        CliTest.Run ignored = gate(db, img);
        assertThat(ignored.code()).as(ignored.out() + ignored.err()).isZero();
        assertThat(ignored.out()).contains("Ignored by the ignore file (1)", GHSA + " (" + CVE + ")",
                ".plimsollignore:2", "the GHSA, while the hit is named by the CVE",
                "NOTE: 1 finding ignored by .plimsollignore");
        JsonNode json = JSON.readTree(gate(db, img, "--format", "json").out());
        assertThat(json.path("findings").findValuesAsText("id")).doesNotContain(GHSA);
        JsonNode suppressed = json.path("suppressed").get(0);
        assertThat(suppressed.path("status").asText()).isEqualTo("ignored");
        assertThat(suppressed.path("suppressedBy").asText()).isEqualTo("ignorefile");
        assertThat(suppressed.path("document").asText()).isEqualTo(".plimsollignore:2");
        assertThat(suppressed.path("aliases").toString()).contains(CVE);

        // a named file replaces the default one; an expired entry is reported and does not apply
        Path expired = write("expired.ignore", CVE + " exp:2000-01-01\n");
        CliTest.Run stop = gate(db, img, "--ignorefile", expired.toString(), "--format", "json");
        assertThat(stop.code()).isEqualTo(1);
        String warning = expired + ":1: the entry for " + CVE + " expired on 2000-01-01 and no longer ignores it";
        assertThat(stop.err().lines().findFirst()).contains("plimsoll: warning: " + warning);
        assertThat(JSON.readTree(stop.out()).path("notes").toString()).contains(warning);
        assertThat(gate(db, img, "--ignorefile", write("later.ignore", CVE + " exp:2999-12-31\n").toString()).code())
                .isZero();

        // scoped to a package (name or PURL) or a path; out of scope, the finding still stops the image
        for (String scope : List.of("pkg:log4j-core", "pkg:" + PURL.replace("pkg:", "").replace("@2.14.1", ""),
                "pkg:org.apache.logging.log4j:log4j-core", "path:app/lib/*.jar", "path:/app/**")) {
            CliTest.Run r = gate(db, img, "--ignorefile", write("scoped.ignore", CVE + " " + scope + "\n").toString());
            assertThat(r.code()).as(scope + ": " + r.out()).isZero();
        }
        for (String scope : List.of("pkg:log4j-api", "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1",
                "path:/opt/**")) {
            CliTest.Run r = gate(db, img, "--ignorefile", write("scoped.ignore", CVE + " " + scope + "\n").toString());
            assertThat(r.code()).as(scope).isEqualTo(1);
        }
    }

    @Test
    void reportsOfAnIgnoredFindingShowItsIdsAndWhyItIsSuppressed() throws Exception {
        Path db = Log4ShellFixture.database(tmp);
        Path img = Log4ShellFixture.image(tmp);
        Path ignore = write("app.ignore", CVE + "  # accepted: JndiLookup removed\n");
        String sarif = gate(db, img, "--ignorefile", ignore.toString(), "--format", "sarif").out();
        Path schema = SharedCorpus.require("schemas/sarif-schema-2.1.0.json");
        assertThat(JsonSchemas.of(Files.readString(schema)).errors(sarif)).isEmpty();
        JsonNode run = JSON.readTree(sarif).path("runs").get(0);
        JsonNode rule = null;
        for (JsonNode r : run.path("tool").path("driver").path("rules")) {
            rule = r.path("id").asText().equals(GHSA) ? r : rule;
        }
        assertThat(rule).isNotNull();
        assertThat(rule.path("properties").path("aliases").toString()).contains(CVE);
        List<JsonNode> results = new ArrayList<>();
        run.path("results").forEach(results::add);
        assertThat(results).filteredOn(x -> x.path("ruleId").asText().equals(GHSA)).singleElement().satisfies(x -> {
            assertThat(x.path("properties").path("aliases").toString()).contains(CVE);
            assertThat(x.path("suppressions").get(0).path("justification").asText())
                    .isEqualTo("ignore file " + ignore + ":1: ignored: accepted: JndiLookup removed");
        });

        byte[] bom = gate(db, img, "--ignorefile", ignore.toString(), "--format", "cyclonedx-json").out()
                .getBytes(StandardCharsets.UTF_8);
        assertThat(new org.cyclonedx.parsers.JsonParser().validate(bom, org.cyclonedx.Version.VERSION_16)).isEmpty();
        var log4shell = new org.cyclonedx.parsers.JsonParser().parse(bom).getVulnerabilities().stream()
                .filter(v -> v.getId().equals(GHSA)).toList();
        assertThat(log4shell).singleElement().satisfies(v -> {
            assertThat(v.getReferences()).extracting(org.cyclonedx.model.vulnerability.Vulnerability.Reference::getId)
                    .contains(CVE);
            // ignoring accepts the risk: the package is affected and will not be fixed, not "not affected"
            assertThat(v.getAnalysis().getState())
                    .isEqualTo(org.cyclonedx.model.vulnerability.Vulnerability.Analysis.State.EXPLOITABLE);
            assertThat(v.getAnalysis().getResponses())
                    .containsExactly(org.cyclonedx.model.vulnerability.Vulnerability.Analysis.Response.WILL_NOT_FIX);
            assertThat(v.getAnalysis().getDetail()).contains("JndiLookup removed", ignore + ":1");
        });

        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(gate(db, img, "--ignorefile", ignore.toString(),
                "--format", "html").out());
        assertThat(html.select("#suppressed tbody tr")).singleElement().satisfies(tr ->
                assertThat(tr.text()).contains(GHSA, CVE, "log4j-core 2.14.1", "ignored", ignore + ":1"));
    }

    @Test
    void aMalformedOrMissingIgnoreFileStopsTheScanBeforeTheImageIsRead() throws Exception {
        // no database and no image: the ignore file is checked before either is looked at
        Path db = tmp.resolve("no.db");
        Path img = tmp.resolve("no-such-image.tar");
        Path out = tmp.resolve("report.json");
        Path bad = write("bad.ignore", "# accepted risks\n" + CVE + "\n" + GHSA + " expires:2026-01-01\n");
        CliTest.Run malformed = gate(db, img, "--ignorefile", bad.toString(), "-o", "json=" + out);
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.err().strip().lines()).singleElement().isEqualTo("plimsoll: " + bad
                + ":3: unknown field 'expires:' (exp:YYYY-MM-DD, pkg:NAME or pkg:PURL, path:GLOB)");
        assertThat(malformed.out()).isEmpty();
        assertThat(out).doesNotExist();
        assertThat(db).doesNotExist();

        Path missing = tmp.resolve("missing.ignore");
        CliTest.Run none = gate(db, img, "--ignorefile", missing.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err().strip().lines()).singleElement()
                .isEqualTo("plimsoll: " + missing + ": no such ignore file");

        Files.writeString(IgnoreOption.workingDirectory.get().resolve(".plimsollignore"), CVE + " exp:2026-13-01\n");
        CliTest.Run byDefault = gate(db, img);
        assertThat(byDefault.code()).isEqualTo(2);
        assertThat(byDefault.err()).startsWith("plimsoll: .plimsollignore:1: 'exp:2026-13-01' is not a date");
    }
}
