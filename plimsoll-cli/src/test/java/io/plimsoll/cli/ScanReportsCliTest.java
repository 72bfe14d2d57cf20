package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.store.StoreBuilder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/**
 * The scan reports end to end through the CLI: a Debian image with a fixable high zlib vulnerability (CVSS 9.8) and
 * an unfixed bash one whose title is hostile markup, rendered as SARIF (validated against the OASIS schema), JUnit
 * (parsed with the JDK's XML parser), HTML (parsed with jsoup and as XHTML) and Plimsoll's json (validated against
 * its own schema), on standard output and several at once with {@code -o}.
 */
@org.junit.jupiter.api.extension.ExtendWith(IsolatedSettings.class)
class ScanReportsCliTest {

    static final String HOSTILE = "<script>alert('x')</script> & \"quoted\" <img src=https://evil.example/x.png>";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path database() throws Exception {
        Path db = tmp.resolve("vuln.db");
        try (StoreBuilder b = StoreBuilder.create(db)) {
            FeedSink sink = b.sink("debian");
            sink.advisory(new Advisory("CVE-2022-37434", "debian", List.of("DSA-5218-1"),
                    "zlib inflateGetHeader heap overflow", "zlib through 1.2.12 has a heap-based buffer over-read.",
                    Optional.empty(), Optional.empty(),
                    List.of("https://security-tracker.debian.org/tracker/CVE-2022-37434"), "high", Severity.HIGH,
                    List.of(new Cvss("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "debian"))));
            sink.affected(new AffectedPackage("CVE-2022-37434", "debian", "debian:12", "zlib", "deb",
                    AffectedStatus.FIXED, List.of(VersionRange.fixedIn("1:1.2.13.dfsg-2")), List.of(), Optional.empty(),
                    "high"));
            sink.advisory(new Advisory("CVE-2099-0001", "debian", List.of(), HOSTILE, "", Optional.empty(),
                    Optional.empty(), List.of(), "low", Severity.LOW, List.of()));
            sink.affected(new AffectedPackage("CVE-2099-0001", "debian", "debian:12", "bash", "deb",
                    AffectedStatus.AFFECTED, List.of(), List.of(), Optional.empty(), "low"));
            b.succeeded("debian", "https://security-tracker.debian.org/", Map.of(), "");
            b.commit();
        }
        return db;
    }

    private Path image() {
        String status = "Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\n"
                + "Version: 1:1.2.13.dfsg-1\n\n"
                + "Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b2\n\n";
        return TestImage.create()
                .layer(TestLayer.create()
                        .file("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n"
                                + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n")
                        .file("var/lib/dpkg/status", status),
                        Compressor.GZIP, "/bin/sh -c #(nop) ADD file:5d3ab2c9 in / ")
                .layer(TestLayer.create().file("app/run.sh", "#!/bin/sh\n"), Compressor.GZIP,
                        "COPY run.sh /app/ # <b>step</b>")
                .writeDockerArchive(tmp.resolve("app.tar"), "registry.example.com/team/app:1.4");
    }

    private CliTest.Run scan(Path db, Path img, String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", "--offline", "--db", db.toString()));
        args.addAll(List.of(extra));
        args.add(img.toString());
        CliTest.Run r = CliTest.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        return r;
    }

    private static JsonSchemas sarifSchema() throws Exception {
        return JsonSchemas.of(Files.readString(SharedCorpus.require("schemas/sarif-schema-2.1.0.json")));
    }

    private static JsonSchemas scanSchema() throws Exception {
        try (InputStream in = ScanReportsCliTest.class.getResourceAsStream("/schemas/plimsoll-scan-1.schema.json")) {
            return JsonSchemas.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private Path writePolicy() throws Exception {
        return Files.writeString(tmp.resolve("gate.yaml"), """
                id: gate
                name: release gate
                policies:
                  - id: vulns
                    rules:
                      - {id: no-high, gate: vulnerabilities, trigger: package, action: STOP,
                         params: {package_type: all, severity_comparison: ">=", severity: high}}
                      - {id: any-low, gate: vulnerabilities, trigger: package, action: WARN,
                         params: {package_type: all, severity_comparison: ">=", severity: low}}
                      - {id: no-critical, gate: vulnerabilities, trigger: package, action: STOP,
                         params: {package_type: all, severity_comparison: ">=", severity: critical}}
                mappings:
                  - {name: every image, policies: [vulns]}
                """);
    }

    @Test
    void sarifHasARulePerAdvisoryAndAResultPerFindingAndValidates() throws Exception {
        CliTest.Run r = scan(database(), image(), "--format", "sarif");
        assertThat(sarifSchema().errors(r.out())).isEmpty();
        JsonNode sarif = JSON.readTree(r.out());
        // the validation is real: a result without a message and a bad level are caught
        ObjectNode broken = sarif.deepCopy();
        ObjectNode firstResult = (ObjectNode) broken.path("runs").get(0).path("results").get(0);
        firstResult.remove("message");
        firstResult.put("level", "fatal");
        assertThat(sarifSchema().errors(broken.toString())).isNotEmpty();
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.path("runs").get(0);
        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertThat(rules).hasSize(2);
        Map<String, JsonNode> byId = new TreeMap<>();
        rules.forEach(x -> byId.put(x.path("id").asText(), x));
        JsonNode zlib = byId.get("CVE-2022-37434");
        assertThat(zlib.path("shortDescription").path("text").asText()).isEqualTo("zlib inflateGetHeader heap overflow");
        assertThat(zlib.path("properties").path("security-severity").asText()).isEqualTo("9.8");
        assertThat(zlib.path("help").path("text").asText())
                .contains("upgrade to 1:1.2.13.dfsg-2", "https://security-tracker.debian.org/tracker/CVE-2022-37434",
                        "DSA-5218-1");
        assertThat(zlib.path("helpUri").asText()).isEqualTo("https://security-tracker.debian.org/tracker/CVE-2022-37434");
        assertThat(zlib.path("properties").path("tags").toString()).contains("security", "high");
        // the rule id is the advisory's own id; its aliases are properties of the rule and of each result
        assertThat(zlib.path("properties").path("aliases").toString()).isEqualTo("[\"DSA-5218-1\"]");
        // no CVSS: the number comes from the severity, inside GitHub's "low" band
        JsonNode bash = byId.get("CVE-2099-0001");
        assertThat(bash.path("properties").path("security-severity").asDouble()).isBetween(0.1, 3.9);
        assertThat(bash.path("help").path("text").asText()).contains("no fix available (affected)");

        JsonNode results = run.path("results");
        assertThat(results).hasSize(2);
        for (JsonNode res : results) {
            JsonNode loc = res.path("locations").get(0);
            assertThat(loc.path("physicalLocation").path("artifactLocation").path("uri").asText())
                    .isEqualTo("var/lib/dpkg/status");
            assertThat(loc.path("logicalLocations").get(0).path("name").asText())
                    .isEqualTo("registry.example.com/team/app:1.4");
            assertThat(rules.get(res.path("ruleIndex").asInt()).path("id").asText())
                    .isEqualTo(res.path("ruleId").asText());
        }
        assertThat(results).filteredOn(x -> x.path("ruleId").asText().equals("CVE-2022-37434")).singleElement()
                .satisfies(x -> assertThat(x.path("properties").path("aliases").toString())
                        .isEqualTo("[\"DSA-5218-1\"]"));
        Map<String, String> levels = new TreeMap<>();
        results.forEach(x -> levels.put(x.path("ruleId").asText(), x.path("level").asText()));
        assertThat(levels).isEqualTo(Map.of("CVE-2022-37434", "error", "CVE-2099-0001", "note"));
    }

    @Test
    void sarifCarriesPolicyHitsAsResultsOfAGateTriggerRule() throws Exception {
        CliTest.Run r = scan(database(), image(), "--format", "sarif", "--policy", writePolicy().toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(sarifSchema().errors(r.out())).isEmpty();
        JsonNode run = JSON.readTree(r.out()).path("runs").get(0);
        List<String> ruleIds = new ArrayList<>();
        run.path("tool").path("driver").path("rules").forEach(x -> ruleIds.add(x.path("id").asText()));
        assertThat(ruleIds).hasSize(3).containsOnlyOnce("CVE-2022-37434", "CVE-2099-0001")
                .endsWith("policy/vulnerabilities/package");
        Map<String, Integer> hitLevels = new TreeMap<>();
        for (JsonNode res : run.path("results")) {
            if (res.path("ruleId").asText().equals("policy/vulnerabilities/package")) {
                hitLevels.merge(res.path("properties").path("ruleId").asText() + "=" + res.path("level").asText(), 1,
                        Integer::sum);
            }
        }
        assertThat(hitLevels).isEqualTo(Map.of("no-high=error", 1, "any-low=warning", 2));
        assertThat(run.path("results")).filteredOn(x -> x.path("properties").path("ruleId").asText().equals("no-high"))
                .singleElement().satisfies(x -> {
                    assertThat(x.path("properties").path("triggerId").asText()).isEqualTo("CVE-2022-37434+zlib1g");
                    assertThat(x.path("properties").path("aliases").toString()).isEqualTo("[\"DSA-5218-1+zlib1g\"]");
                    assertThat(x.path("message").path("text").asText()).contains("[CVE-2022-37434+zlib1g (DSA-5218-1)]");
                });
        assertThat(run.path("properties").path("policyFinalAction").asText()).isEqualTo("STOP");
    }

    @Test
    void sarifPointsSecretHitsAtTheirFileAndLine() throws Exception {
        Path img = TestImage.create()
                .layer(TestLayer.create()
                        .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                        .file("app/config.env", "APP_ENV=production\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"),
                        Compressor.GZIP, "COPY config.env /app/")
                .writeDockerArchive(tmp.resolve("secret.tar"), "registry.example.com/team/secret:1");
        CliTest.Run r = scan(database(), img, "--format", "sarif", "--policy", "default");
        assertThat(sarifSchema().errors(r.out())).isEmpty();
        JsonNode secret = null;
        for (JsonNode res : JSON.readTree(r.out()).path("runs").get(0).path("results")) {
            if (res.path("ruleId").asText().startsWith("policy/secret_scans/")) {
                secret = res;
            }
        }
        assertThat(secret).as(r.out()).isNotNull();
        JsonNode physical = secret.path("locations").get(0).path("physicalLocation");
        assertThat(physical.path("artifactLocation").path("uri").asText()).isEqualTo("app/config.env");
        assertThat(physical.path("region").path("startLine").asInt()).isEqualTo(2);
    }

    @Test
    void junitWithoutPolicyHasAFailingCasePerVulnerablePackage() throws Exception {
        CliTest.Run r = scan(database(), image(), "--format", "junit");
        org.w3c.dom.Document doc = xml(r.out());
        org.w3c.dom.Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        Map<String, String> failures = cases(doc);
        assertThat(failures.keySet()).containsExactlyInAnyOrder(
                "zlib1g 1:1.2.13.dfsg-1 (/var/lib/dpkg/status)", "bash 5.2.15-2+b2 (/var/lib/dpkg/status)");
        assertThat(failures.get("zlib1g 1:1.2.13.dfsg-1 (/var/lib/dpkg/status)"))
                .contains("CVE-2022-37434 high fixed in 1:1.2.13.dfsg-2");
        // the hostile title survives as text, escaped by the writer
        assertThat(failures.get("bash 5.2.15-2+b2 (/var/lib/dpkg/status)")).contains(HOSTILE);
    }

    @Test
    void junitWithPolicyHasACasePerRuleWithStopFailingAndWarnPassingWithOutput() throws Exception {
        CliTest.Run r = scan(database(), image(), "--format", "junit", "--policy", writePolicy().toString());
        assertThat(r.code()).isEqualTo(1);
        org.w3c.dom.Document doc = xml(r.out());
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("3");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        Map<String, String> failures = cases(doc);
        assertThat(failures).containsOnlyKeys("no-high vulnerabilities/package (STOP)");
        assertThat(failures.get("no-high vulnerabilities/package (STOP)")).contains("CVE-2022-37434+zlib1g");
        NodeList all = doc.getElementsByTagName("testcase");
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < all.getLength(); i++) {
            org.w3c.dom.Element c = (org.w3c.dom.Element) all.item(i);
            NodeList so = c.getElementsByTagName("system-out");
            out.put(c.getAttribute("name"), so.getLength() == 0 ? "" : so.item(0).getTextContent());
            assertThat(c.getAttribute("classname")).isEqualTo("policy.vulns");
        }
        assertThat(out.get("any-low vulnerabilities/package (WARN)"))
                .contains("WARN vulnerabilities/package [CVE-2022-37434+zlib1g (DSA-5218-1)]", "CVE-2099-0001+bash");
        assertThat(out.get("no-critical vulnerabilities/package (STOP)")).isEmpty();
    }

    @Test
    void htmlIsSelfContainedEscapedAndListsEveryFinding() throws Exception {
        CliTest.Run r = scan(database(), image(), "--format", "html", "--policy", writePolicy().toString());
        Document html = Jsoup.parse(r.out());
        List<Element> rows = html.select("#finding-table tbody tr.finding");
        assertThat(rows).hasSize(2);
        // most severe first, and each row's cells as the finding has them
        assertThat(rows.get(0).attr("data-id")).isEqualTo("CVE-2022-37434");
        assertThat(rows.get(0).select("td").eachText()).containsExactly("CVE-2022-37434 DSA-5218-1", "high", "9.8", "zlib1g",
                "1:1.2.13.dfsg-1", "1:1.2.13.dfsg-2", "deb", "0", "/var/lib/dpkg/status",
                "zlib inflateGetHeader heap overflow");
        assertThat(rows.get(1).select("td").get(9).text()).isEqualTo(HOSTILE);
        // the primary id, its aliases beside it; the policy hit's trigger id likewise
        assertThat(rows.get(0).select("td").get(0).ownText()).isEqualTo("CVE-2022-37434");
        assertThat(rows.get(0).select("td .aliases").text()).isEqualTo("DSA-5218-1");
        assertThat(html.select("#policy-hits tr.hit td .aliases").eachText()).contains("DSA-5218-1");
        // the hostile title is text, not markup: one script (ours), no images, nothing loaded from elsewhere
        assertThat(html.select("script")).hasSize(1);
        assertThat(html.select("img")).isEmpty();
        assertThat(html.select("[src], link, [href]")).isEmpty();
        assertThat(html.select("style").text() + html.select("script").html()).doesNotContain("http://", "https://", "url(");
        // the chart's bars, the layers with their Dockerfile steps, the policy result
        assertThat(html.select("#severity-chart rect[data-severity=high]").attr("data-count")).isEqualTo("1");
        assertThat(html.select("#severity-chart rect[data-severity=low]").attr("data-count")).isEqualTo("1");
        assertThat(html.select("#severity-chart rect[data-severity=critical]").attr("data-count")).isEqualTo("0");
        assertThat(html.select("h3.layer").eachAttr("data-layer")).containsExactly("0");
        assertThat(html.select("code.step").eachText()).containsExactly("ADD file:5d3ab2c9 in /");
        assertThat(html.select("#layers tr.package")).hasSize(2);
        assertThat(html.select("#policy-result").text()).isEqualTo("STOP");
        assertThat(html.select("#policy-hits tr.hit")).hasSize(3);
        // and it is well-formed XHTML, so XML tools read it too
        assertThat(xml(r.out()).getElementsByTagName("tr").getLength()).isGreaterThan(2);
    }

    @Test
    void jsonReportValidatesAgainstItsPublishedSchema() throws Exception {
        Path db = database();
        Path img = image();
        JsonSchemas schema = scanSchema();
        String plain = scan(db, img, "--format", "json").out();
        assertThat(schema.errors(plain)).isEmpty();
        String withPolicy = scan(db, img, "--format", "json", "--policy", writePolicy().toString()).out();
        assertThat(schema.errors(withPolicy)).isEmpty();
        assertThat(JSON.readTree(withPolicy).path("policy").path("hits")).hasSize(3)
                .allSatisfy(h -> assertThat(h.path("aliases").isArray()).isTrue())
                .anySatisfy(h -> assertThat(h.path("aliases").toString()).isEqualTo("[\"DSA-5218-1+zlib1g\"]"));
        // the schema does constrain: a retyped field and a missing one are both reported
        ObjectNode broken = (ObjectNode) JSON.readTree(withPolicy);
        ((ObjectNode) broken.path("findings").get(0)).put("severity", "severe");
        broken.remove("summary");
        assertThat(schema.errors(broken.toString())).hasSize(2);
    }

    @Test
    void severalReportsInOneRunWhileTheTableGoesToStandardOutput() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("old.sarif"), "stale");
        CliTest.Run r = scan(database(), image(), "-o", "sarif=" + out.resolve("old.sarif"),
                "-o", "junit=" + out.resolve("junit.xml"), "--output", "html=" + out.resolve("report.html"),
                "-o", "JSON=" + out.resolve("scan.json"), "-o", "table=" + out.resolve("table.txt"));
        assertThat(r.out()).contains("Vulnerabilities  2 (1 high, 1 low); 1 with a fix");
        assertThat(Files.readString(out.resolve("table.txt"))).isEqualTo(r.out());
        assertThat(sarifSchema().errors(Files.readString(out.resolve("old.sarif")))).isEmpty();
        assertThat(xml(Files.readString(out.resolve("junit.xml"))).getElementsByTagName("testcase").getLength())
                .isEqualTo(2);
        assertThat(Jsoup.parse(Files.readString(out.resolve("report.html"))).select("tr.finding")).hasSize(2);
        assertThat(scanSchema().errors(Files.readString(out.resolve("scan.json")))).isEmpty();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "old.sarif", "junit.xml", "report.html", "scan.json", "table.txt");   // no temporary files left
        }
    }

    @Test
    void badOutputsAreOneClearErrorNamingTheFile() throws Exception {
        Path db = database();
        Path img = image();
        CliTest.Run unknown = CliTest.run("scan", "--offline", "--db", db.toString(), "-o", "pdf=x.pdf", img.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown format 'pdf'", "sarif", "junit", "html");
        CliTest.Run noFile = CliTest.run("scan", "--offline", "--db", db.toString(), "-o", "sarif", img.toString());
        assertThat(noFile.code()).isEqualTo(2);
        assertThat(noFile.err()).contains("expected FORMAT=FILE");
        Path missing = tmp.resolve("no/such/dir/r.sarif");
        CliTest.Run noDir = CliTest.run("scan", "--offline", "--db", db.toString(), "-o", "sarif=" + missing,
                img.toString());
        assertThat(noDir.code()).isEqualTo(2);
        assertThat(noDir.err()).contains(missing.toString(), "cannot write the sarif report");
    }

    private static org.w3c.dom.Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Test case name → failure text, for the failing cases. */
    private static Map<String, String> cases(org.w3c.dom.Document doc) {
        Map<String, String> out = new TreeMap<>();
        NodeList all = doc.getElementsByTagName("testcase");
        for (int i = 0; i < all.getLength(); i++) {
            org.w3c.dom.Element c = (org.w3c.dom.Element) all.item(i);
            NodeList f = c.getElementsByTagName("failure");
            if (f.getLength() > 0) {
                out.put(c.getAttribute("name"), f.item(0).getTextContent());
            }
        }
        return out;
    }
}
