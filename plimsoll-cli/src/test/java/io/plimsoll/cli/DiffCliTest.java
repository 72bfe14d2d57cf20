package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plimsoll diff} between two images built here: NEW upgrades libssl3 past CVE-2024-0727 and adds log4j-core
 * 2.14.1 (Log4Shell); zlib's open CVE-2023-45853 is in both.
 */
class DiffCliTest {

    @TempDir
    static Path tmp;

    private static Path db;
    private static String old;
    private static String now;

    private static final String OS_RELEASE = "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n";
    private static final String ZLIB = "Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\n"
            + "Source: zlib\nVersion: 1:1.2.13.dfsg-1\n\n";

    @BeforeAll
    static void build() throws Exception {
        db = Log4ShellFixture.database(tmp);
        TestLayer base = TestLayer.create().file("etc/os-release", OS_RELEASE)
                .file("var/lib/dpkg/status", ZLIB + libssl("3.0.11-1~deb12u2"));
        old = "docker-archive:" + TestImage.create().layer(base, Compressor.GZIP, "ADD file:debian in /")
                .writeDockerArchive(tmp.resolve("old.tar"), "app:1");
        now = "docker-archive:" + TestImage.create().layer(base, Compressor.GZIP, "ADD file:debian in /")
                .layer(TestLayer.create().file("var/lib/dpkg/status", ZLIB + libssl("3.0.13-1~deb12u1")),
                        Compressor.GZIP, "RUN /bin/sh -c apt-get install --only-upgrade libssl3 # buildkit")
                .layer(TestLayer.create().file("app/lib/log4j-core-2.14.1.jar", Log4ShellFixture.log4jJar(), 0644),
                        Compressor.GZIP, "COPY lib/ /app/lib/ # buildkit")
                .writeDockerArchive(tmp.resolve("new.tar"), "app:2");
    }

    @Test
    void jsonListsExactlyWhatChanged() throws Exception {
        CliTest.Run run = CliTest.run("diff", old, now, "--db", db.toString(), "--offline", "--format", "json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(run.out());
        assertThat(d.path("schema").asText()).isEqualTo("plimsoll-diff/1");
        assertThat(list(d.path("packages").path("added"), "name", "version", "layer"))
                .containsExactly("log4j-core 2.14.1 2");
        assertThat(list(d.path("packages").path("removed"), "name")).isEmpty();
        assertThat(list(d.path("packages").path("changed"), "name", "oldVersion", "version", "layer"))
                .containsExactly("libssl3 3.0.11-1~deb12u2 3.0.13-1~deb12u1 1");
        assertThat(list(d.path("findings").path("new"), "id", "package"))
                .containsExactly(Log4ShellFixture.GHSA + " log4j-core");
        assertThat(list(d.path("findings").path("fixed"), "id", "package")).containsExactly("CVE-2024-0727 libssl3");
        assertThat(d.path("policy").path("old").isNull()).isTrue();
    }

    @Test
    void failOnNewAsksWhetherTheChangeMadeTheImageWorse() {
        CliTest.Run worse = CliTest.run("diff", old, now, "--db", db.toString(), "--offline", "--fail-on-new", "high");
        assertThat(worse.code()).as(worse.err()).isEqualTo(1);
        assertThat(worse.out()).contains("New findings:", "+ " + Log4ShellFixture.GHSA + " critical log4j-core 2.14.1",
                "Fixed findings:", "- CVE-2024-0727", "~ libssl3 3.0.11-1~deb12u2 → 3.0.13-1~deb12u1");
        // the other way round Log4Shell is fixed, and what comes back has no known severity
        CliTest.Run better = CliTest.run("diff", now, old, "--db", db.toString(), "--offline", "--fail-on-new", "low");
        assertThat(better.code()).as(better.err()).isZero();
        assertThat(CliTest.run("diff", old, now, "--db", db.toString(), "--fail-on-new", "severe").err())
                .contains("--fail-on-new: 'severe' is not a severity");
    }

    @Test
    void sarifHasTheNewFindingsOnly() throws Exception {
        CliTest.Run run = CliTest.run("diff", old, now, "--db", db.toString(), "--offline", "--format", "sarif");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(run.out()).path("runs").path(0).path("results");
        assertThat(list(results, "ruleId")).containsExactly(Log4ShellFixture.GHSA);
    }

    @Test
    void htmlIsOnePageInTheReportsLook() {
        CliTest.Run run = CliTest.run("diff", old, now, "--db", db.toString(), "--offline", "--format", "html");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("<!DOCTYPE html>").contains("<h2>Packages added (1)</h2>",
                "<td>log4j-core</td>", "<h2>Fixed findings (1)</h2>", "<td>CVE-2024-0727</td>");
    }

    private static List<String> list(JsonNode array, String... fields) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            List<String> values = new ArrayList<>();
            for (String f : fields) {
                values.add(n.path(f).asText());
            }
            out.add(String.join(" ", values));
        }
        return out;
    }

    private static String libssl(String version) {
        return "Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\n"
                + "Version: " + version + "\n\n";
    }
}
