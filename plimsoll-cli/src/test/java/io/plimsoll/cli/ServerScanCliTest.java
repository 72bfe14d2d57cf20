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
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.store.StoreBuilder;
import java.time.Instant;
import java.time.LocalDate;
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
    private static final String SITE = "usr/lib/python3/dist-packages/";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    @TempDir
    Path dir;

    private PlimsollServer server;
    private final AtomicReference<IndexerModule> indexer = new AtomicReference<>();
    private Path token;

    /**
     * The server's vulnerability data, which the parity test also writes to a local database: a Debian advisory with
     * two fixes, NVD scores, KEV and EPSS; a Debian entry without text or severity (NVD's description and score fill
     * in) that will not be fixed; an OSV advisory with an alias, a title and its own CVSS.
     */
    static RecordingSink feeds() {
        RecordingSink sink = new RecordingSink();
        sink.advisories.add(new Advisory("CVE-2024-1111", "debian", List.of(), "openssl: a bug", "A bug in openssl.",
                Optional.of(Instant.parse("2024-03-01T00:00:00Z")), Optional.empty(),
                List.of("https://security-tracker.debian.org/tracker/CVE-2024-1111"), "high", Severity.HIGH, List.of()));
        sink.affected.add(new AffectedPackage("CVE-2024-1111", "debian", "debian:12", "openssl", "deb",
                AffectedStatus.FIXED, List.of(VersionRange.fixedIn("3.0.11-1~deb12u2"),
                        VersionRange.fixedIn("3.0.13-1~deb12u1")), List.of(), Optional.empty(), ""));
        sink.advisories.add(Advisory.of("CVE-2024-2222", "debian"));
        sink.affected.add(AffectedPackage.unfixed("CVE-2024-2222", "debian", "debian:12", "bash", "deb",
                AffectedStatus.WILL_NOT_FIX));
        sink.advisories.add(new Advisory("CVE-2024-2222", "nvd", List.of(), "", "Bash expands a thing twice.",
                Optional.empty(), Optional.empty(), List.of("https://nvd.nist.gov/vuln/detail/CVE-2024-2222"), "",
                Severity.UNKNOWN, List.of()));
        sink.cvss("CVE-2024-1111", new Cvss("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5,
                "nvd@nist.gov"));
        sink.cvss("CVE-2024-1111", new Cvss("2.0", "AV:N/AC:L/Au:N/C:P/I:N/A:N", 5.0, "nvd@nist.gov"));
        sink.cvss("CVE-2024-2222", new Cvss("3.1", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L", 5.3,
                "nvd@nist.gov"));
        sink.kev(new KevEntry("CVE-2024-1111", LocalDate.parse("2024-04-02"), Optional.of(LocalDate.parse("2024-04-23")),
                true, "OpenSSL", "OpenSSL", "OpenSSL flaw", "Apply updates."));
        sink.epss(new EpssScore("CVE-2024-1111", 0.4213, 0.9712, Optional.of(LocalDate.parse("2024-05-01"))));
        sink.advisories.add(new Advisory("GHSA-9wx4-h78v-vm56", "osv", List.of("CVE-2024-35195"),
                "Requests Session object does not verify requests after making first request with verify=False",
                "When making requests through a Requests `Session`, certificate verification is skipped later.",
                Optional.of(Instant.parse("2024-05-20T20:15:00Z")), Optional.of(Instant.parse("2024-06-10T00:00:00Z")),
                List.of("https://github.com/psf/requests/security/advisories/GHSA-9wx4-h78v-vm56"), "MODERATE",
                Severity.MEDIUM, List.of(new Cvss("3.1", "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:H/I:H/A:N", 5.6,
                        "ghsa"))));
        sink.affected.add(AffectedPackage.fixedIn("GHSA-9wx4-h78v-vm56", "osv", "PyPI", "requests", "pep440",
                "2.32.0"));
        return sink;
    }

    @BeforeEach
    void start() throws Exception {
        MemoryVulnStore store = new MemoryVulnStore(feeds());
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
                .layer(TestLayer.create().file("app/run.sh", "echo " + name)
                        .file(SITE + "requests-2.31.0.dist-info/METADATA",
                                "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n")
                        .file(SITE + "requests-2.31.0.dist-info/RECORD", "requests/__init__.py,sha256=abc,4924\n"),
                        Compressor.NONE)
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
    void aServerScanShowsWhatALocalScanOfTheSameDataShows() throws Exception {
        Path db = dir.resolve("local.db");
        try (StoreBuilder b = StoreBuilder.create(db)) {
            RecordingSink data = feeds();
            data.advisories.forEach(a -> b.sink(a.source()).advisory(a));
            data.affected.forEach(a -> b.sink(a.source()).affected(a));
            data.cvss.forEach((cve, list) -> list.forEach(c -> b.sink("nvd").cvss(cve, c)));
            data.kev.forEach(k -> b.sink("kev").kev(k));
            data.epss.forEach(e -> b.sink("epss").epss(e));
            for (String source : List.of("debian", "osv", "nvd", "kev", "epss")) {
                b.succeeded(source, "https://feeds.example/" + source + "/", Map.of(), "sha256:x");
            }
            b.commit();
        }
        Path img = image("parity");
        ObjectMapper json = new ObjectMapper();

        CliTest.Run local = CliTest.run("scan", "--offline", "--db", db.toString(), "--format", "json", img.toString());
        CliTest.Run remote = scan(img, "--format", "json");
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(remote.code()).as(remote.err()).isZero();
        JsonNode localFindings = json.readTree(local.out()).path("findings");
        JsonNode remoteFindings = json.readTree(remote.out()).path("findings");
        // the data exercises what the Clair report has no field for
        assertThat(localFindings).hasSize(3);
        assertThat(localFindings.findValuesAsText("id"))
                .containsExactly("CVE-2024-2222", "CVE-2024-1111", "GHSA-9wx4-h78v-vm56");
        JsonNode openssl = localFindings.get(1);
        assertThat(openssl.path("fixedVersions")).hasSize(2);
        assertThat(openssl.path("cvss")).hasSize(2);
        assertThat(openssl.has("kev")).isTrue();
        assertThat(openssl.has("epss")).isTrue();
        assertThat(localFindings.get(0).path("status").asText()).isEqualTo("will-not-fix");
        assertThat(localFindings.get(2).path("aliases").get(0).asText()).isEqualTo("CVE-2024-35195");
        // same findings in the same order, field for field: ids, aliases, titles, severities and where they came
        // from, CVSS, EPSS, KEV, status, fixed versions, the package and what was compared; only the match rule
        // differs, as it names the server
        for (JsonNode f : localFindings) {
            assertThat(((ObjectNode) f.path("match")).remove("rule").asText()).doesNotStartWith("server");
        }
        for (JsonNode f : remoteFindings) {
            assertThat(((ObjectNode) f.path("match")).remove("rule").asText()).isEqualTo("server " + server.baseUrl());
        }
        assertThat(remoteFindings.toPrettyString()).isEqualTo(localFindings.toPrettyString());

        // and the table shows the same rows: all but the lines about where the data is from
        CliTest.Run localTable = CliTest.run("scan", "--offline", "--db", db.toString(), img.toString());
        CliTest.Run remoteTable = scan(img);
        assertThat(findingLines(remoteTable.out())).isEqualTo(findingLines(localTable.out()))
                .anyMatch(l -> l.contains("Requests Session object does not verify"))
                .anyMatch(l -> l.contains("CVE-2024-1111") && l.contains("7.5") && l.contains("KEV")
                        && l.contains("EPSS 42.1%"));
    }

    private static List<String> findingLines(String table) {
        return table.lines().filter(l -> !l.startsWith("Vulnerability data") && !l.startsWith("WARNING")
                && !l.startsWith("NOTE") && !l.startsWith("  To get data")).toList();
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
