package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.http.JwtAuth;
import io.plimsoll.server.index.IndexerModule;
import io.plimsoll.server.index.MatcherModule;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code plimsoll scan IMAGE --server URL} against a real server (embedded PostgreSQL) in this JVM. */
@ExtendWith(IsolatedSettings.class)
class ServerScanCliTest {

    private static final String OS_RELEASE = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
            + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    @TempDir
    Path dir;

    private PlimsollServer server;
    private final AtomicReference<IndexerModule> indexer = new AtomicReference<>();
    private Path token;

    @BeforeEach
    void start() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.advisories.add(new Advisory("CVE-2024-1111", "debian", List.of(), "openssl: a bug", "A bug in openssl.",
                Optional.empty(), Optional.empty(), List.of("https://security-tracker.debian.org/tracker/CVE-2024-1111"),
                "high", Severity.HIGH, List.of()));
        sink.affected.add(AffectedPackage.fixedIn("CVE-2024-1111", "debian", "debian:12", "openssl", "deb",
                "3.0.11-1~deb12u2"));
        MemoryVulnStore store = new MemoryVulnStore(sink);
        server = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), dir.resolve("server"),
                        Map.of("auth.psk.key", Base64.getEncoder().encodeToString(KEY))), null,
                ctx -> {
                    IndexerModule i = new IndexerModule(ctx);
                    indexer.set(i);
                    return List.of(i, new MatcherModule(ctx, store));
                });
        token = Files.writeString(dir.resolve("token"), JwtAuth.sign(KEY, "ci") + "\n");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String dpkg(String name, String version, String source) {
        return "Package: " + name + "\nStatus: install ok installed\nVersion: " + version
                + "\nArchitecture: amd64\nSource: " + source + "\n\n";
    }

    private Path image(String name) {
        return TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", OS_RELEASE)
                        .file("var/lib/dpkg/status", dpkg("libssl3", "3.0.11-1~deb12u1", "openssl")
                                + dpkg("bash", "5.2.15-2+b2", "bash")), Compressor.GZIP)
                .layer(TestLayer.create().file("app/run.sh", "echo " + name), Compressor.NONE)
                .writeOciArchive(dir.resolve(name + ".tar"), "app:" + name);
    }

    private CliTest.Run scan(Path image, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("scan", image.toString(), "--server", server.baseUrl(),
                "--server-token-file", token.toString()));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void findsTheServersVulnerabilitiesAndGatesLocallyUploadingEachLayerOnce() throws Exception {
        Path first = image("one");
        // a Clair-style deployment (indexer and matcher only) does not say how old its data is: a gate fails closed
        CliTest.Run closed = scan(first, "--fail-on", "high");
        assertThat(closed.code()).as(closed.out() + closed.err()).isEqualTo(2);
        assertThat(closed.err().lines().findFirst().orElse("")).contains("cannot gate this image",
                "does not say which feeds it has");
        assertThat(closed.out()).isEmpty();
        CliTest.Run run = scan(first, "--fail-on", "high", "--allow-missing-data", "server");
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("CVE-2024-1111", "libssl3", "3.0.11-1~deb12u2", "data age unknown");
        assertThat(indexer.get().uploadedLayers()).isEqualTo(2);
        assertThat(indexer.get().fetchedLayers()).isZero();

        // the same image again, and another image sharing its base layer: only the new app layer is uploaded
        CliTest.Run again = scan(first, "--fail-on", "high", "--allow-missing-data", "server", "--format", "json");
        assertThat(again.code()).as(again.err()).isEqualTo(1);
        assertThat(indexer.get().uploadedLayers()).isEqualTo(2);
        JsonNode json = new ObjectMapper().readTree(again.out());
        assertThat(json.path("vulnerabilityData").path("ageKnown").asBoolean(true)).isFalse();
        assertThat(json.path("vulnerabilityData").path("available").asBoolean()).isTrue();
        CliTest.Run other = scan(image("two"), "--fail-on", "critical", "--allow-missing-data", "server");
        assertThat(other.code()).as(other.err()).isZero();
        assertThat(other.out()).contains("CVE-2024-1111");
        assertThat(indexer.get().uploadedLayers()).isEqualTo(3);
        assertThat(indexer.get().fetchedLayers()).isZero();
    }

    @Test
    void aRefusedTokenIsAClearInputErrorAndNothingLooksClean() throws Exception {
        Files.writeString(token, JwtAuth.sign(new byte[32], "ci"));
        CliTest.Run run = scan(image("bad"), "--fail-on", "high");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Plimsoll server at " + server.baseUrl(), "401", "--server-token-file");
        assertThat(run.out()).doesNotContain("libssl3");

        Settings.TEST_ENVIRONMENT.put("PLIMSOLL_SERVER_TOKEN", JwtAuth.sign(KEY, "ci"));
        CliTest.Run fromEnv = CliTest.run("scan", image("env").toString(), "--server", server.baseUrl());
        assertThat(fromEnv.code()).as(fromEnv.err()).isZero();
        assertThat(fromEnv.out()).contains("CVE-2024-1111");
    }

    @Test
    void anUnreachableServerIsAClearInputError() throws Exception {
        Path img = image("down");
        String url = server.baseUrl();
        server.close();
        server = null;
        CliTest.Run run = CliTest.run("scan", img.toString(), "--server", url, "--fail-on", "high");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("cannot reach the Plimsoll server at " + url);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aRootFilesystemDirectoryHasNoBlobsToSend() throws Exception {
        Path root = Files.createDirectories(dir.resolve("rootfs/etc"));
        Files.writeString(root.resolve("os-release"), OS_RELEASE);
        CliTest.Run run = CliTest.run("scan", "dir:" + dir.resolve("rootfs"), "--server", server.baseUrl(),
                "--server-token-file", token.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("use an image archive or registry reference with --server");
        assertThat(indexer.get().uploadedLayers()).isZero();
    }
}
