package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI gate end to end: an image with a setuid file, a root user, port 22, a planted AWS key and private key, a
 * GPL-3.0 package and a package with a fixable high vulnerability, evaluated against the real Anchore DoD policies,
 * the built-in packs and the --fail-on shortcut, with exit codes checked through a real process.
 */
@org.junit.jupiter.api.extension.ExtendWith(IsolatedSettings.class)
class PolicyGateCliTest {

    private static final String AWS_ID = "AKIAIOSFODNN7EXAMPLE".replace("EXAMPLE", "Q2B7WXY");
    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Lr3hT2v";

    @TempDir
    Path tmp;


    private Path database() throws Exception {
        return TestDatabases.debianZlib(tmp.resolve("vuln.db"));
    }

    private static String privateKey() {
        StringBuilder b = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
        String body = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBdbQHQWjyJZ";
        for (int i = 0; i < 6; i++) {
            b.append(body, 0, 64).append('\n');
        }
        return b.append("-----END RSA PRIVATE KEY-----\n").toString();
    }

    private Path image() {
        String status = "Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\n"
                + "Version: 1:1.2.13.dfsg-1\n\n"
                + "Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b2\n\n";
        String copyright = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
                + "Files: *\nCopyright: 1987-2022 Free Software Foundation, Inc.\nLicense: GPL-3+\n";
        return TestImage.create()
                .layer(TestLayer.create()
                        .file("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n"
                                + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n")
                        .file("etc/passwd", "root:x:0:0:root:/root:/bin/bash\napp:x:1000:1000::/home/app:/bin/sh\n")
                        .file("var/lib/dpkg/status", status)
                        .file("usr/share/doc/bash/copyright", copyright)
                        .file("usr/bin/passwd", "#!/bin/true\n".getBytes(StandardCharsets.UTF_8), 04755),
                        Compressor.GZIP, "/bin/sh -c #(nop) ADD file:5d3ab2c9 in / ")
                .layer(TestLayer.create().file("var/cache/apt/pkgcache.bin", "cache"), Compressor.GZIP,
                        "/bin/sh -c apt-get update")
                .layer(TestLayer.create()
                        .file("app/config/settings.env", "REGION=eu-west-1\nAWS_ACCESS_KEY_ID=" + AWS_ID
                                + "\nAWS_SECRET_ACCESS_KEY=" + AWS_SECRET + "\n")
                        .file("app/keys/deploy.pem", privateKey()),
                        Compressor.GZIP, "COPY app/ /app/ # buildkit")
                .exposedPort("22/tcp")
                .writeDockerArchive(tmp.resolve("app.tar"), "registry.example.com/team/app:1.4");
    }

    private JsonNode scanJson(Path db, Path img, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("scan", "--offline", "--format", "json", "--db", db.toString()));
        args.addAll(List.of(extra));
        args.add(img.toString());
        CliTest.Run r = CliTest.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.path("policy").path("finalAction").asText()).isEqualTo(r.code() == 1 ? "STOP" :
                root.path("policy").path("finalAction").asText());
        return root;
    }

    /** gate/trigger/effective action → how many hits. */
    private static Map<String, Integer> hits(JsonNode root) {
        Map<String, Integer> out = new TreeMap<>();
        for (JsonNode h : root.path("policy").path("hits")) {
            out.merge(h.path("gate").asText() + "/" + h.path("trigger").asText() + "/"
                    + h.path("effectiveAction").asText(), 1, Integer::sum);
        }
        return out;
    }

    @Test
    void realDodPoliciesGiveExactlyTheExpectedHits() throws Exception {
        Path db = database();
        Path img = image();
        Path dod = SharedCorpus.require("policies/anchore/policies");

        JsonNode files = scanJson(db, img, "--policy", dod.resolve("DoDFileChecks.json").toString());
        assertThat(hits(files)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "files/suid_or_guid_set/STOP", 1,
                "secret_scans/content_regex_checks/STOP", 3));
        assertThat(files.path("policy").path("hits").toString())
                .contains("/usr/bin/passwd", "/app/config/settings.env", "/app/keys/deploy.pem")
                .doesNotContain(AWS_SECRET).doesNotContain(AWS_ID);

        // an allow-path for the key folder leaves only the AWS hits
        JsonNode allowedPath = scanJson(db, img, "--policy", dod.resolve("DoDFileChecks.json").toString(),
                "--secrets-allow-path", "/app/keys/**");
        assertThat(hits(allowedPath)).containsEntry("secret_scans/content_regex_checks/STOP", 2);
        assertThat(allowedPath.path("policy").path("hits").toString()).doesNotContain("deploy.pem");

        JsonNode user = scanJson(db, img, "--policy", dod.resolve("DoDEffectiveUserChecks.json").toString());
        assertThat(hits(user)).containsExactlyEntriesOf(Map.of("dockerfile/effective_user/STOP", 1));

        JsonNode dockerfile = scanJson(db, img, "--policy", dod.resolve("DoDDockerfileChecks.json").toString());
        assertThat(hits(dockerfile)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "dockerfile/exposed_ports/STOP", 1,
                "dockerfile/instruction/WARN", 2));   // ADD exists, RUN apt-get update (the config has a HEALTHCHECK)

        JsonNode transfer = scanJson(db, img, "--policy", dod.resolve("DoDTransferProtocolChecks.json").toString());
        assertThat(hits(transfer)).isEmpty();
        assertThat(transfer.path("policy").path("finalAction").asText()).isEqualTo("GO");

        JsonNode software = scanJson(db, img, "--policy", dod.resolve("DoDSoftwareChecks.json").toString());
        assertThat(hits(software)).containsExactlyEntriesOf(Map.of("vulnerabilities/package/STOP", 2));
        assertThat(software.path("policy").path("hits").get(0).path("triggerId").asText())
                .isEqualTo("CVE-2022-37434+zlib1g");
        assertThat(software.path("policy").path("finalAction").asText()).isEqualTo("STOP");
    }

    @Test
    void allowlistsBuiltInPacksAndFailOn() throws Exception {
        Path db = database();
        Path img = image();
        JsonNode defaults = scanJson(db, img, "--policy", "default");
        assertThat(defaults.path("policy").path("finalAction").asText()).isEqualTo("STOP");
        assertThat(hits(defaults)).containsKeys("vulnerabilities/package/STOP", "secret_scans/content_regex_checks/STOP",
                "dockerfile/effective_user/STOP", "dockerfile/exposed_ports/WARN", "files/suid_or_guid_set/WARN");

        // allowlisting the one vulnerability turns that hit to GO; an expired item does not
        Path allow = tmp.resolve("allow.json");
        Files.writeString(allow, "{\"id\":\"a\",\"name\":\"a\",\"version\":\"1_0\",\"items\":["
                + "{\"id\":\"zlib\",\"gate\":\"vulnerabilities\",\"trigger_id\":\"CVE-2022-37434+*\"},"
                + "{\"id\":\"old\",\"gate\":\"dockerfile\",\"trigger_id\":\"*\",\"expires_on\":\"2020-01-01T00:00:00Z\"}]}");
        JsonNode allowed = scanJson(db, img, "--fail-on", "high", "--allowlist", allow.toString());
        assertThat(allowed.path("policy").path("finalAction").asText()).isEqualTo("GO");
        assertThat(allowed.path("policy").path("hits").get(0).path("allowlistedBy").asText()).isEqualTo("zlib");

        JsonNode critical = scanJson(db, img, "--fail-on", "critical");
        assertThat(critical.path("policy").path("finalAction").asText()).isEqualTo("GO");
        JsonNode cis = scanJson(db, img, "--policy", "cis-docker");
        assertThat(hits(cis)).containsKeys("dockerfile/effective_user/STOP", "dockerfile/instruction/WARN");
    }

    @Test
    void exitCodesThroughARealProcess() throws Exception {
        Path db = database();
        Path img = image();
        assertThat(process("scan", "--offline", "--db", db.toString(), "--fail-on", "high", img.toString()))
                .isEqualTo(1);
        assertThat(process("scan", "--offline", "--db", db.toString(), "--fail-on", "critical", img.toString()))
                .isEqualTo(0);
        assertThat(process("scan", "--offline", "--db", db.toString(), "--policy", tmp.resolve("nope.json").toString(),
                img.toString())).isEqualTo(2);
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"id\":\"p\",\"version\":\"1_0\",\"rules\":["
                + "{\"id\":\"r1\",\"gate\":\"dockerfile\",\"trigger\":\"no_such_trigger\",\"action\":\"STOP\",\"params\":[]}]}");
        CliTest.Run strict = CliTest.run("scan", "--offline", "--db", db.toString(), "--policy", bad.toString(),
                img.toString());
        assertThat(strict.code()).isEqualTo(2);
        assertThat(strict.err()).contains("bad.json", "r1", "no_such_trigger");
        CliTest.Run lenient = CliTest.run("scan", "--offline", "--db", db.toString(), "--lenient", "--policy",
                bad.toString(), img.toString());
        assertThat(lenient.code()).as(lenient.err()).isZero();
        assertThat(lenient.out()).contains("skipped rule", "r1");
    }

    @Test
    void aBaselineFailsOnlyOnNewHits() throws Exception {
        Path db = database();
        Path img = image();
        CliTest.Run first = CliTest.run("scan", "--offline", "--format", "json", "--db", db.toString(), "--fail-on",
                "high", img.toString());
        assertThat(first.code()).isEqualTo(1);
        Path report = Files.writeString(tmp.resolve("baseline.json"), first.out());
        CliTest.Run again = CliTest.run("scan", "--offline", "--db", db.toString(), "--fail-on", "high", "--baseline",
                report.toString(), img.toString());
        assertThat(again.code()).as(again.out()).isZero();
        assertThat(again.out()).contains("1 in baseline");
    }

    private static int process(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PLIMSOLL_CACHE_DIR", System.getProperty("java.io.tmpdir") + File.separator + "plimsoll-test");
        Process p = pb.start();
        return p.waitFor();
    }
}
