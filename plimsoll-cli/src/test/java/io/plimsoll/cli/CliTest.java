package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.model.Platform;
import io.plimsoll.image.testing.TestOciLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path image() {
        return TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=x\n").file("bin/su", new byte[] {1}, 04755), Compressor.GZIP,
                        "/bin/sh -c #(nop) ADD file:base in / ")
                .emptyStep("/bin/sh -c #(nop)  ENV A=b")
                .layer(TestLayer.create().whiteout("etc/os-release"), Compressor.ZSTD, "/bin/sh -c rm /etc/os-release")
                .user("nobody").cmd("/bin/app").exposedPort("443/tcp").label("team", "payments")
                .writeDockerArchive(tmp.resolve("app.tar"), "app:1.4");
    }

    @Test
    void helpAndVersionDocumentExitCodes() {
        Run help = run("--help");
        assertThat(help.code).isZero();
        assertThat(help.out).contains("inspect", "Exit codes", "0   success", "2   usage or input error");
        Run inspectHelp = run("inspect", "--help");
        assertThat(inspectHelp.code).isZero();
        assertThat(inspectHelp.out).contains("docker-archive:FILE", "--platform", "--format", "Exit codes");
        Run version = run("--version");
        assertThat(version.code).isZero();
        assertThat(version.out).startsWith("plimsoll ");
        // --version alone skips the command model; what picocli prints for it (here after --debug) is the same
        assertThat(run("--debug", "--version").out).isEqualTo(version.out);
        assertThat(run("version").out).isEqualTo(version.out);
        assertThat(run("version", "--debug").out).isEqualTo(version.out);
    }

    @Test
    void aDashReadsADockerArchiveFromStandardInput() throws Exception {
        byte[] tar = Files.readAllBytes(image());
        ImageArguments.stdin = () -> new java.io.ByteArrayInputStream(tar);
        try {
            Run r = run("inspect", "-");
            assertThat(r.code).as(r.err).isZero();
            assertThat(r.out).contains("app:1.4", "Layers    2");
            ImageArguments.stdin = () -> new java.io.ByteArrayInputStream(new byte[0]);
            Run empty = run("inspect", "-");
            assertThat(empty.code).isEqualTo(2);
            assertThat(empty.err).contains("standard input is empty");
            ImageArguments.stdin = () -> new java.io.ByteArrayInputStream("not a tar".getBytes());
            Run junk = run("inspect", "-");
            assertThat(junk.code).isEqualTo(2);
            assertThat(junk.err).doesNotContain("Exception");
        } finally {
            ImageArguments.stdin = () -> System.in;
        }
    }

    @Test
    void inspectPrintsATable() {
        Run r = run("inspect", image().toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("Source    docker-archive", "Tags      app:1.4", "Platform  linux/amd64",
                "Image ID  sha256:", "ADD file:base in /", "RUN rm /etc/os-release", "User          nobody",
                "ExposedPorts  443/tcp", "team=payments");
        assertThat(r.out).containsPattern("Files\\s+\\d+ paths in the squashed tree");
        assertThat(r.err).isEmpty();
    }

    @Test
    void inspectJsonIsMachineReadable() throws Exception {
        Run r = run("inspect", "--format", "json", "docker-archive:" + image());
        assertThat(r.code).as(r.err).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertThat(json.path("source").asText()).isEqualTo("docker-archive");
        assertThat(json.path("layers")).hasSize(2);
        assertThat(json.path("layers").get(1).path("whiteouts").asInt()).isEqualTo(1);
        assertThat(json.path("layers").get(0).path("createdBy").asText()).contains("ADD file:base");
        assertThat(json.path("history")).hasSize(3);
        assertThat(json.path("config").path("user").asText()).isEqualTo("nobody");
        assertThat(json.path("squashedTree").path("regular").asInt()).isEqualTo(1);
    }

    @Test
    void platformOptionPicksFromAnIndex() {
        Path dir = TestOciLayout.create().index("m",
                TestImage.create().platform(Platform.parse("linux/amd64")).layer(TestLayer.create().file("a", "a"), Compressor.GZIP),
                TestImage.create().platform(Platform.parse("linux/arm64")).layer(TestLayer.create().file("b", "b"), Compressor.GZIP))
                .writeDirectory(tmp.resolve("multi"));
        assertThat(run("inspect", "oci:" + dir).out).contains("Platform  linux/amd64");
        assertThat(run("inspect", "--platform", "linux/arm64", "oci:" + dir).out).contains("Platform  linux/arm64");
        Run missing = run("inspect", "--platform", "linux/riscv64", "oci:" + dir);
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).contains("no image for platform linux/riscv64");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.tar"), "not a tar at all");
        Run r = run("inspect", junk.toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).hasSize(1);
        assertThat(r.err).startsWith("plimsoll: " + junk).doesNotContain("Exception", "\tat ");
        Run debug = run("inspect", "--debug", junk.toString());
        assertThat(debug.code).isEqualTo(2);
        assertThat(debug.err).contains("ImageException", "\tat ");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("inspect").code).isEqualTo(2);
        assertThat(run("frobnicate").code).isEqualTo(2);
        assertThat(run("inspect", "--format", "yaml", "x").code).isEqualTo(2);
        Run size = run("inspect", "--max-expanded-size", "lots", image().toString());
        assertThat(size.code).isEqualTo(2);
        assertThat(size.err).contains("invalid size 'lots'");
        Run platform = run("inspect", "--platform", "linux", image().toString());
        assertThat(platform.code).isEqualTo(2);
        assertThat(platform.err).contains("invalid platform 'linux'");
    }

    @Test
    void limitsFromTheCommandLineAreEnforced() {
        Run r = run("inspect", "--max-file-size", "0.5k", image().toString());
        assertThat(r.code).as(r.out).isZero(); // the files are tiny
        Run entries = run("inspect", "--max-entries", "1", image().toString());
        assertThat(entries.code).isEqualTo(2);
        assertThat(entries.err).contains("more than 1 archive entries");
    }

    @Test
    void catalogLimitsFromTheCommandLineAreEnforced() {
        Path dpkg = TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                        .file("var/lib/dpkg/status", "Package: a\nStatus: install ok installed\nVersion: 1\n\n"
                                + "Package: b\nStatus: install ok installed\nVersion: 1\n\n"), Compressor.GZIP,
                        "/bin/sh -c #(nop) ADD file:base in / ")
                .writeDockerArchive(tmp.resolve("dpkg.tar"), "dpkg:1");
        try {
            Run both = run("sbom", "--format", "json", dpkg.toString());
            assertThat(both.code).as(both.err).isZero();
            assertThat(both.out).contains("pkg:deb/debian/a@1", "pkg:deb/debian/b@1");
            Run one = run("sbom", "--format", "json", "--max-packages-per-file", "1", dpkg.toString());
            assertThat(one.code).as(one.err).isZero();
            assertThat(one.out).contains("pkg:deb/debian/a@1").doesNotContain("pkg:deb/debian/b@1");
            assertThat(one.out + one.err).contains("more than 1");
            Run bad = run("sbom", "--max-document-size", "lots", dpkg.toString());
            assertThat(bad.code).isEqualTo(2);
            assertThat(bad.err).contains("invalid size 'lots'");
        } finally {
            io.plimsoll.ecosystem.CatalogLimits.use(io.plimsoll.ecosystem.CatalogLimits.DEFAULT);
        }
    }
}
