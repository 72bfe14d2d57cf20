package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.image.testing.Await;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.analysis.AnalysisApiModule;
import io.plimsoll.server.analysis.AnalysisWorkerModule;
import io.plimsoll.server.http.JwtAuth;
import io.plimsoll.server.index.IndexerModule;
import io.plimsoll.server.index.MatcherModule;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.store.StoreBuilder;
import io.plimsoll.vuln.testing.RecordingSink;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fix advice from a server: {@code advise --server} (the server indexes and advises with its data) and the image
 * API's {@code /v1/images/{digest}/advice}, each against {@code advise --db} over the very database file the server
 * reads, so the documents must be equal.
 */
@ExtendWith(IsolatedSettings.class)
class AdviseServerCliTest {

    private static final String OS_RELEASE = "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n";
    private static final String SITE = "usr/lib/python3/dist-packages/";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path db;
    private SqliteVulnStore store;
    private PlimsollServer server;
    private Path token;

    @BeforeEach
    void start() throws Exception {
        db = dir.resolve("vuln.db");
        try (StoreBuilder b = StoreBuilder.create(db)) {
            RecordingSink data = ServerScanCliTest.feeds();
            data.advisories.forEach(a -> b.sink(a.source()).advisory(a));
            data.affected.forEach(a -> b.sink(a.source()).affected(a));
            for (String source : List.of("debian", "osv", "nvd")) {
                b.succeeded(source, "https://feeds.example/" + source + "/", Map.of(), "sha256:x");
            }
            b.commit();
        }
        store = SqliteVulnStore.open(db);
        server = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), dir.resolve("server"),
                        Map.of("auth.psk.key", Base64.getEncoder().encodeToString(KEY), "analysis.poll", "100ms",
                                "indexer.allow_private_addresses", "true")), null,
                ctx -> List.of(new IndexerModule(ctx), new MatcherModule(ctx, store),
                        new AnalysisApiModule(ctx, store), new AnalysisWorkerModule(ctx, (RegistrySettings) null)));
        token = Files.writeString(dir.resolve("token"), JwtAuth.sign(KEY, "ci") + "\n");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        store.close();
    }

    /** Debian's libssl3 (two fixes in the data) and bash (will not be fixed) under the base; requests on top. */
    private static TestImage image() {
        return TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", OS_RELEASE).file("var/lib/dpkg/status",
                        dpkg("libssl3", "3.0.11-1~deb12u1", "openssl") + dpkg("bash", "5.2.15-2+b2", "bash")),
                        Compressor.GZIP, "/bin/sh -c #(nop) ADD file:debian in / ")
                .emptyStep("/bin/sh -c #(nop)  CMD [\"bash\"]")
                .layer(TestLayer.create().file(SITE + "requests-2.31.0.dist-info/METADATA",
                                "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n")
                        .file(SITE + "requests-2.31.0.dist-info/RECORD", "requests/__init__.py,sha256=abc,4924\n"),
                        Compressor.GZIP, "RUN /bin/sh -c pip install requests==2.31.0 # buildkit");
    }

    private static String dpkg(String name, String version, String source) {
        return "Package: " + name + "\nStatus: install ok installed\nVersion: " + version
                + "\nArchitecture: amd64\nSource: " + source + "\n\n";
    }

    private CliTest.Run advise(String image, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("advise", image, "--server", server.baseUrl(),
                "--server-token-file", token.toString()));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void adviseWithAServerGivesTheAdviceOfTheSameDatabaseLocally() throws Exception {
        String img = image().writeOciArchive(dir.resolve("app.tar"), "app:1").toString();
        CliTest.Run local = CliTest.run("advise", img, "--db", db.toString(), "--offline", "--format", "json");
        CliTest.Run remote = advise(img, "--format", "json");
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(remote.code()).as(remote.err()).isZero();
        JsonNode doc = JSON.readTree(remote.out());
        assertThat(doc.path("summary").path("text").asText())
                .isEqualTo("2 upgrades clear 2 of 2 fixable findings; no fix: 1 unknown");
        // the advisory's second range affects 3.0.11-1~deb12u2 too: only 3.0.13-1~deb12u1 is clear of it
        assertThat(doc.path("packages").findValuesAsText("command")).containsExactly("null",
                "apt-get install --only-upgrade libssl3=3.0.13-1~deb12u1", "pip install requests==2.32.0");
        // the base is told here, from the image's history, which the server does not keep for a manifest
        assertThat(doc.path("base").path("from").asText()).isEqualTo("history");
        assertThat(doc.path("packages").findValuesAsText("action"))
                .contains("rebuild on a newer base", "change layer 1 (RUN pip install requests==2.31.0)");
        assertThat(doc.toPrettyString()).isEqualTo(JSON.readTree(local.out()).toPrettyString());

        CliTest.Run table = advise(img);
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("libssl3 3.0.11-1~deb12u1 → 3.0.13-1~deb12u1  (deb, openssl)",
                "requests 2.31.0 → 2.32.0", "No fix in the data:", "bash 5.2.15-2+b2: CVE-2024-2222");
    }

    @Test
    void theImageApisAdviceIsTheDocumentAdvisePrints() throws Exception {
        LocalRegistry.requireBinary();
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            TestImage img = image();
            registry.push("team/app", img, "1");
            String tag = registry.host() + "/team/app:1";
            String digest = img.manifest().digest().toString();
            HttpResponse<String> queued = TestServers.send("POST", server.baseUrl() + "/v1/images",
                    "{\"tag\": \"" + tag + "\"}", "Authorization", bearer());
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            Await.until("the image to be analysed", () -> status(digest).equals("analyzed"));

            HttpResponse<String> byDigest = TestServers.get(server.baseUrl() + "/v1/images/" + digest + "/advice",
                    "Authorization", bearer());
            assertThat(byDigest.statusCode()).as(byDigest.body()).isEqualTo(200);
            String imageId = JSON.readTree(TestServers.get(server.baseUrl() + "/v1/images/" + digest,
                    "Authorization", bearer()).body()).get(0).path("image_detail").get(0).path("imageId").asText();
            HttpResponse<String> byId = TestServers.get(server.baseUrl() + "/v1/images/by_id/" + imageId
                    + "/advice", "Authorization", bearer());
            assertThat(byId.body()).isEqualTo(byDigest.body());

            CliTest.Run local = CliTest.run("advise", "registry:" + tag, "--db", db.toString(), "--offline",
                    "--format", "json");
            assertThat(local.code()).as(local.err()).isZero();
            JsonNode served = JSON.readTree(byDigest.body());
            JsonNode printed = JSON.readTree(local.out());
            assertThat(served.path("image").path("manifestDigest").asText()).isEqualTo(digest);
            // the image's name is how each side opened it; everything else is the same document
            ((ObjectNode) served.path("image")).remove("name");
            ((ObjectNode) printed.path("image")).remove("name");
            assertThat(served.toPrettyString()).isEqualTo(printed.toPrettyString());
            assertThat(served.path("summary").path("upgrades").asInt()).isEqualTo(2);
        }
    }

    @Test
    void anUnreachableServerOrARefusedTokenIsAClearInputError() throws Exception {
        String img = image().writeOciArchive(dir.resolve("app.tar"), "app:1").toString();
        Files.writeString(token, JwtAuth.sign(new byte[32], "ci"));
        CliTest.Run refused = advise(img);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("Plimsoll server at " + server.baseUrl(), "401", "--server-token-file");
        assertThat(refused.out()).isEmpty();

        CliTest.Run withDb = advise(img, "--db", db.toString());
        assertThat(withDb.code()).isEqualTo(2);
        assertThat(withDb.err()).contains("--db and --server cannot be used together");
        CliTest.Run notHttp = CliTest.run("advise", img, "--server", "ftp://plimsoll.internal");
        assertThat(notHttp.code()).isEqualTo(2);
        assertThat(notHttp.err()).contains("--server 'ftp://plimsoll.internal' is not an http:// or https:// URL");

        String url = server.baseUrl();
        server.close();
        server = null;
        CliTest.Run down = CliTest.run("advise", img, "--server", url);
        assertThat(down.code()).isEqualTo(2);
        assertThat(down.err()).contains("cannot reach the Plimsoll server at " + url);
        assertThat(down.out()).isEmpty();
    }

    private String bearer() {
        return "Bearer " + JwtAuth.sign(KEY, "ci");
    }

    private String status(String digest) {
        try {
            HttpResponse<String> r = TestServers.get(server.baseUrl() + "/v1/images/" + digest, "Authorization",
                    bearer());
            return r.statusCode() == 200 ? JSON.readTree(r.body()).get(0).path("analysis_status").asText() : "";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
