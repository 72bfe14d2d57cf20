package io.plimsoll.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.account.AccountApiModule;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.AnchoreCli;
import io.plimsoll.server.testing.AnchoreCli.Result;
import io.plimsoll.server.testing.AnchoreSchemas;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * anchore-cli's image commands end to end: an image pushed to a real docker-registry is added, waited for, listed,
 * read (content, metadata, vulnerabilities), checked against the default policy and deleted, each through Anchore's
 * own client (this anchore-cli has --show-all, not --show-archived), with the bodies it received (its {@code --json} output) valid against Anchore's swagger.
 */
class AnchoreCliImagesTest {

    private static final String PASSWORD = "images-admin-pw";

    @TempDir
    Path dir;

    private AnchoreCli cli;
    private String url;

    @Test
    void anchoreCliImageCommandsWorkAgainstARealRegistry() throws Exception {
        cli = AnchoreCli.require(Files.createDirectories(dir.resolve("home")));
        AnchoreSchemas schemas = AnchoreSchemas.load();
        LocalRegistry.requireBinary();
        TestImage img = image();
        Path dockerfile = Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.19\nCOPY app /app\n");
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             PlimsollServer s = AnalysisTesting.server(TestPostgres.newDatabaseUrl(), dir, null,
                     Map.of("roles", "api,indexer", "auth.admin_password", PASSWORD),
                     ctx -> List.of(new AnalysisApiModule(ctx, AnalysisTesting.feed()),
                             new AnalysisWorkerModule(ctx, (RegistrySettings) null), new AccountApiModule(ctx),
                             new SystemApiModule(ctx)))) {
            url = s.baseUrl() + "/v1";
            registry.push("team/app", img, "1");
            String tag = registry.host() + "/team/app:1";
            String digest = img.manifest().digest().toString();

            Result add = ok("image", "add", tag, "--force", "--dockerfile", dockerfile.toString(), "--annotation",
                    "owner=team-a", "--noautosubscribe");
            assertThat(add.stdout()).contains("Analysis Status: not_analyzed").contains("Annotations: owner=team-a")
                    .contains("Full Tag: " + tag);
            Result wait = ok("image", "wait", tag, "--interval", "1", "--timeout", "60");
            assertThat(wait.stdout()).contains("Analysis Status: analyzed").contains("Image Digest: " + digest)
                    .contains("Distro: alpine").contains("Distro Version: 3.19.1").contains("Layer Count: 2")
                    .contains("Dockerfile Mode: Actual").doesNotContain("WARNING");
            JsonNode record = json("AnchoreImageList", "image", "get", tag).get(0);
            assertThat(record.path("image_detail").get(0).path("repo").asText()).isEqualTo("team/app");
            assertThat(record.path("image_detail").get(0).path("registry").asText()).isEqualTo(registry.host());
            String imageId = record.path("image_detail").get(0).path("imageId").asText();
            assertThat(ok("image", "get", imageId).stdout()).contains("Image ID: " + imageId);
            assertThat(json("AnchoreImageList", "image", "get", digest).get(0).path("analysis_status").asText())
                    .isEqualTo("analyzed");

            assertThat(ok("image", "list").stdout()).contains(tag).contains(digest).contains("analyzed");
            assertThat(ok("image", "list", "--full", "--show-all").stdout()).contains(imageId);
            json("AnchoreImageList", "image", "list");
            JsonNode summaries = schemaValid(schemas, "AnchoreImageTagSummaryList",
                    get(s, "/v1/summaries/imagetags", 200));
            assertThat(summaries.get(0).path("fulltag").asText()).isEqualTo(tag);
            assertThat(summaries.get(0).path("imageId").asText()).isEqualTo(imageId);

            assertThat(ok("image", "content", tag).stdout()).contains("os: available").contains("npm: available")
                    .contains("malware: available");
            assertThat(ok("image", "content", tag, "os").stdout()).contains("musl").contains(AnalysisTesting.MUSL_VERSION)
                    .contains("MIT");
            assertThat(ok("image", "content", tag, "npm").stdout()).contains("left-pad").contains("1.3.0")
                    .contains("/usr/lib/node_modules/left-pad/package.json");
            assertThat(ok("image", "content", tag, "files").stdout()).contains("/etc/os-release");
            for (String type : List.of("os", "npm", "files", "java", "gem", "python", "go", "binary", "nuget")) {
                String definition = type.equals("files") ? "ContentFilesResponse"
                        : type.equals("java") ? "ContentJAVAPackageResponse" : "ContentPackageResponse";
                assertThat(json(definition, "image", "content", tag, type).path("content_type").asText())
                        .isEqualTo(type);
            }
            JsonNode malware = json("ContentMalwareResponse", "image", "content", tag, "malware");
            assertThat(malware.path("content").get(0).path("metadata").path("note").asText()).contains("not scanned");
            assertThat(json("ContentPackageResponse", "image", "content", tag, "binary").path("note").asText())
                    .contains("not inventoried");

            assertThat(ok("image", "metadata", tag).stdout()).contains("manifest: available")
                    .contains("dockerfile: available").contains("docker_history: available");
            assertThat(ok("image", "metadata", tag, "dockerfile").stdout()).contains("COPY app /app");
            assertThat(ok("image", "metadata", tag, "docker_history").stdout()).contains("COPY file:settings");
            JsonNode manifest = json("MetadataResponse", "image", "metadata", tag, "manifest");
            assertThat(new String(Base64.getDecoder().decode(manifest.path("metadata").asText()),
                    StandardCharsets.UTF_8)).contains("\"layers\"").contains("application/vnd");

            assertThat(ok("image", "vuln", tag, "all").stdout()).contains(AnalysisTesting.CVE).contains("musl")
                    .contains("High");
            assertThat(ok("image", "vuln", tag, "os", "--vendor-only", "false").stdout())
                    .contains(AnalysisTesting.CVE);
            assertThat(ok("image", "vuln", tag, "non-os").stdout()).doesNotContain(AnalysisTesting.CVE);
            assertThat(json("VulnerabilityResponse", "image", "vuln", digest, "all").path("vulnerabilities"))
                    .hasSize(1);

            Result check = cli.run(url, "admin", PASSWORD, "evaluate", "check", tag, "--detail");
            assertThat(check.stdout()).as(check.toString()).contains("Image Digest: " + digest)
                    .contains("Full Tag: " + tag).contains("Image ID: " + imageId).contains("Policy ID: default")
                    .contains("Final Action: ").contains("Gate").doesNotContain("WARNING");
            Result byTag = cli.run(url, "admin", PASSWORD, "evaluate", "check", digest, "--tag", tag, "--policy",
                    "default");
            assertThat(byTag.stdout()).as(byTag.toString()).contains("Status: ").contains("Policy ID: default");
            // a failing check exits 1, so its --json body is read from the run directly
            JsonNode evaluation = Exchange.JSON.readTree(cli.run(url, "admin", PASSWORD, "--json", "evaluate",
                    "check", tag, "--detail").stdout());
            schemas.assertValid("PolicyEvaluationList", evaluation);
            assertThat(evaluation.get(0).path(digest).path(tag).get(0).path("detail").path("result")
                    .path("image_id").asText()).isEqualTo(imageId);

            // Anchore's error body and codes: an unknown image is 404, a bad type 400, and the client says so
            String unknown = "sha256:" + "b".repeat(64);
            Result missing = cli.run(url, "admin", PASSWORD, "image", "vuln", unknown, "all");
            assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
            assertThat(missing.stdout()).contains("no image " + unknown);
            JsonNode notFound = schemaValid(schemas, "ApiErrorResponse", get(s, "/v1/images/" + unknown, 404));
            assertThat(notFound.path("code").asInt()).isEqualTo(404);
            Result badType = cli.run(url, "admin", PASSWORD, "image", "content", tag, "rpmdb");
            assertThat(badType.exitCode()).as(badType.toString()).isEqualTo(1);
            assertThat(badType.stdout()).contains("content type must be one of");
            JsonNode bad = schemaValid(schemas, "ApiErrorResponse", get(s, "/v1/images/by_id/nope", 400));
            assertThat(bad.path("error_type").asText()).isEqualTo("bad-request");

            Result del = ok("image", "del", tag, "--force");
            assertThat(del.exitCode()).isZero();
            assertThat(ok("image", "list").stdout()).doesNotContain(tag);
            get(s, "/v1/images/" + digest, 404);
        }
    }

    /** Alpine with a vulnerable musl, and an npm package in a second layer. */
    private static TestImage image() {
        String db = "P:musl\nV:" + AnalysisTesting.MUSL_VERSION + "\nA:x86_64\nL:MIT\no:musl\n\n";
        return TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                        .file("lib/apk/db/installed", db), Compressor.GZIP, "/bin/sh -c #(nop) ADD file:alpine in / ")
                .layer(TestLayer.create().file("usr/lib/node_modules/left-pad/package.json",
                        "{\"name\": \"left-pad\", \"version\": \"1.3.0\", \"license\": \"WTFPL\"}"), Compressor.GZIP,
                        "/bin/sh -c #(nop) COPY file:settings in /usr/lib/ ");
    }

    /** The command, which must succeed. */
    private Result ok(String... args) throws Exception {
        Result r = cli.run(url, "admin", PASSWORD, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    /** The body anchore-cli received ({@code --json} prints it as is), valid against a swagger definition. */
    private JsonNode json(String definition, String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "--json";
        System.arraycopy(args, 0, all, 1, args.length);
        JsonNode body = Exchange.JSON.readTree(ok(all).stdout());
        AnchoreSchemas.load().assertValid(definition, body);
        return body;
    }

    private static JsonNode get(PlimsollServer s, String path, int status) throws Exception {
        HttpResponse<String> r = TestServers.send("GET", s.baseUrl() + path, null, "Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return Exchange.JSON.readTree(r.body());
    }

    private static JsonNode schemaValid(AnchoreSchemas schemas, String definition, JsonNode body) {
        schemas.assertValid(definition, body);
        return body;
    }
}
