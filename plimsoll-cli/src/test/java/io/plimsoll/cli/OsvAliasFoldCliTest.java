package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyPA's and GitHub's records of one flaw, as OSV's PyPI zip carries them, through the real command: one finding in
 * every report, named by their CVE with both record ids as aliases, counted once by the gate, and suppressed by an
 * ignore file naming either record. The records are written here (ids in 2099, a package that does not exist).
 */
@org.junit.jupiter.api.extension.ExtendWith(IsolatedSettings.class)
class OsvAliasFoldCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CVE = "CVE-2099-1001";
    private static final String PYSEC = "PYSEC-2099-1";
    private static final String GHSA = "GHSA-qqqq-1111-aaaa";

    @TempDir
    Path tmp;

    private static String record(String id, String aliases, String fixed, String extra) {
        return """
                {"id": "%s", "modified": "2099-02-01T00:00:00Z", "aliases": [%s], %s
                 "affected": [{"package": {"ecosystem": "PyPI", "name": "quillwork"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "%s"}]}]}]}
                """.formatted(id, aliases, extra, fixed);
    }

    private Path database() throws Exception {
        Path zip = tmp.resolve("feeds/osv/PyPI/all.zip");
        Files.createDirectories(zip.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String[] r : new String[][] {
                    {PYSEC, "\"" + CVE + "\", \"" + GHSA + "\"", "1.4.2", "\"details\": \"PyPA's text.\","},
                    {GHSA, "\"" + CVE + "\"", "1.5.1", "\"summary\": \"Remote code execution in quillwork\","
                            + " \"database_specific\": {\"severity\": \"CRITICAL\"},"},
                    {"PYSEC-2099-2", "\"CVE-2099-1002\"", "2.0", "\"database_specific\": {\"severity\": \"HIGH\"},"}}) {
                out.putNextEntry(new ZipEntry(r[0] + ".json"));
                out.write(record(r[0], r[1], r[2], r[3]).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Path db = tmp.resolve("vuln.db");
        CliTest.Run update = CliTest.run("db", "update", "--db", db.toString(), "--source", "osv", "--from",
                tmp.resolve("feeds").toString());
        assertThat(update.code()).as(update.err()).isIn(0, 1); // 1: the other OSV ecosystems have no zip here
        return db;
    }

    private Path image() throws Exception {
        String site = "usr/lib/python3/dist-packages/quillwork-1.4.0.dist-info/";
        return TestImage.create()
                .layer(TestLayer.create()
                        .file(site + "METADATA", "Metadata-Version: 2.1\nName: quillwork\nVersion: 1.4.0\n")
                        .file(site + "RECORD", "quillwork/__init__.py,sha256=abc,10\n"), Compressor.GZIP)
                .writeDockerArchive(tmp.resolve("app.tar"), "app:1.0");
    }

    private CliTest.Run scan(Path db, Path img, String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", "--offline", "--db", db.toString(), "--fail-on",
                "critical", "--allow-missing-data", "all"));
        args.addAll(List.of(extra));
        args.add(img.toString());
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void onePypaAndGithubPairIsOneFindingInEveryReport() throws Exception {
        Path db = database();
        Path img = image();

        CliTest.Run json = scan(db, img, "--format", "json");
        assertThat(json.code()).as(json.err()).isEqualTo(1);
        JsonNode report = JSON.readTree(json.out());
        assertThat(report.path("findings").findValuesAsText("id")).containsExactly(CVE, "PYSEC-2099-2");
        JsonNode pair = report.path("findings").get(0);
        assertThat(pair.path("aliases").toString()).isEqualTo("[\"" + PYSEC + "\",\"" + GHSA + "\"]");
        assertThat(pair.path("severity").asText()).isEqualTo("critical");
        assertThat(pair.path("nearestFix").asText()).isEqualTo("1.4.2");
        assertThat(pair.path("title").asText()).isEqualTo("Remote code execution in quillwork");
        assertThat(report.path("policy").path("hits")).singleElement()
                .satisfies(h -> assertThat(h.path("triggerId").asText()).isEqualTo(CVE + "+quillwork"));

        CliTest.Run table = scan(db, img);
        assertThat(table.out()).contains(CVE, "PYSEC-2099-2 (CVE-2099-1002)").doesNotContain(GHSA + " (");

        JsonNode run = JSON.readTree(scan(db, img, "--format", "sarif").out()).path("runs").get(0);
        List<String> ruleIds = new ArrayList<>();
        run.path("results").forEach(r -> ruleIds.add(r.path("ruleId").asText()));
        assertThat(ruleIds).filteredOn(id -> !id.startsWith("policy/")).containsExactlyInAnyOrder(CVE, "PYSEC-2099-2");
        run.path("results").forEach(r -> {
            if (r.path("ruleId").asText().equals(CVE)) {
                assertThat(r.path("properties").path("aliases").toString()).contains(PYSEC, GHSA);
            }
        });

        byte[] bom = scan(db, img, "--format", "cyclonedx-json").out().getBytes(StandardCharsets.UTF_8);
        var vulnerabilities = new org.cyclonedx.parsers.JsonParser().parse(bom).getVulnerabilities();
        assertThat(vulnerabilities).extracting(org.cyclonedx.model.vulnerability.Vulnerability::getId)
                .containsExactlyInAnyOrder(CVE, "PYSEC-2099-2");
        assertThat(vulnerabilities.stream().filter(v -> v.getId().equals(CVE)).findFirst().orElseThrow()
                .getReferences()).extracting(org.cyclonedx.model.vulnerability.Vulnerability.Reference::getId)
                .containsExactly(PYSEC, GHSA);

        // either record's id in the ignore file takes the one finding out of the gate
        for (String id : List.of(PYSEC, GHSA)) {
            Path ignore = Files.writeString(tmp.resolve("app.ignore"), id + "\n");
            CliTest.Run ignored = scan(db, img, "--ignorefile", ignore.toString());
            assertThat(ignored.code()).as(id + ": " + ignored.out() + ignored.err()).isZero();
            assertThat(ignored.out()).contains("Ignored by the ignore file (1)");
        }
    }
}
