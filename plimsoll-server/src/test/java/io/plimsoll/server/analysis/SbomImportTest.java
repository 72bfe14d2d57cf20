package io.plimsoll.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.account.AccountApiModule;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.query.QueryApiModule;
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
 * {@code POST /v1/import/images}: a CycloneDX SBOM becomes an analysed image that anchore-cli's vuln, content and
 * evaluate commands and the package query work on, as on a pulled one; a document that is not an SBOM is a 400
 * naming what is wrong.
 */
class SbomImportTest {

    private static final String PW = "import-admin-pw";

    @TempDir
    Path dir;

    @Test
    void anImportedSbomIsAnAnalysedImage() throws Exception {
        AnchoreCli cli = AnchoreCli.require(Files.createDirectories(dir.resolve("home")));
        AnchoreSchemas schemas = AnchoreSchemas.load();
        try (PlimsollServer s = AnalysisTesting.server(TestPostgres.newDatabaseUrl(), dir, null,
                Map.of("roles", "api", "auth.admin_password", PW),
                ctx -> List.of(new AnalysisApiModule(ctx, AnalysisTesting.feed()), new AccountApiModule(ctx),
                        new SystemApiModule(ctx), new QueryApiModule(ctx)))) {
            String url = s.baseUrl() + "/v1";
            JsonNode list = post(s, "/v1/import/images?tag=registry.example/team/app:1", cyclonedx(), 200);
            schemas.assertValid("AnchoreImageList", list);
            JsonNode image = list.get(0);
            assertThat(image.path("analysis_status").asText()).isEqualTo("analyzed");
            String digest = image.path("imageDigest").asText();
            assertThat(digest).startsWith("sha256:");
            assertThat(image.path("image_content").path("metadata").path("distro").asText()).isEqualTo("alpine");
            assertThat(post(s, "/v1/import/images?tag=registry.example/team/app:1", cyclonedx(), 200).get(0)
                    .path("record_id").asText()).as("the same document and tag again is the same record")
                    .isEqualTo(image.path("record_id").asText());

            Result vuln = cli.run(url, "admin", PW, "image", "vuln", digest, "all");
            assertThat(vuln.stdout()).as(vuln.toString()).contains(AnalysisTesting.CVE).contains("musl");
            Result content = cli.run(url, "admin", PW, "image", "content", digest, "os");
            assertThat(content.stdout()).as(content.toString()).contains("musl")
                    .contains(AnalysisTesting.MUSL_VERSION);
            Result check = cli.run(url, "admin", PW, "evaluate", "check", digest, "--tag",
                    "registry.example/team/app:1", "--detail");
            assertThat(check.stdout()).as(check.toString()).contains("Image Digest: " + digest)
                    .contains(AnalysisTesting.CVE);
            Result query = cli.run(url, "admin", PW, "query", "images-by-package", "--name", "musl");
            assertThat(query.stdout()).as(query.toString()).contains("registry.example/team/app:1");

            // a second document (another digest) with the same musl: the package query pages through both
            String second = post(s, "/v1/import/images?tag=registry.example/team/app:2", cyclonedx() + " ", 200)
                    .get(0).path("imageDigest").asText();
            assertThat(second).isNotEqualTo(digest);
            JsonNode first = get(s, "/v1/query/images/by_package?name=musl&limit=1");
            schemas.assertValid("PaginatedImageList", first);
            assertThat(first.path("next_page").asText()).isEqualTo("2");
            JsonNode last = get(s, "/v1/query/images/by_package?name=musl&limit=1&page=2");
            assertThat(last.has("next_page")).isFalse();
            assertThat(List.of(first.path("images").get(0).path("image").path("digest").asText(),
                    last.path("images").get(0).path("image").path("digest").asText()))
                    .containsExactlyInAnyOrder(digest, second);

            JsonNode bad = post(s, "/v1/import/images", "{\"hello\": \"world\"}", 400);
            schemas.assertValid("ApiErrorResponse", bad);
            assertThat(bad.path("message").asText()).contains("not an SBOM").doesNotContain("\n");
        }
    }

    @Test
    void syftsJsonIsImportedAsAnchoreDoes() throws Exception {
        try (PlimsollServer s = AnalysisTesting.server(TestPostgres.newDatabaseUrl(), dir, null,
                Map.of("roles", "api", "auth.admin_password", PW),
                ctx -> List.of(new AnalysisApiModule(ctx, AnalysisTesting.feed())))) {
            JsonNode image = post(s, "/v1/import/images?tag=registry.example/team/syft:1", syft(), 200).get(0);
            assertThat(image.path("analysis_status").asText()).isEqualTo("analyzed");
            assertThat(image.path("image_content").path("metadata").path("distro").asText()).isEqualTo("alpine");
            String digest = image.path("imageDigest").asText();
            JsonNode vulns = get(s, "/v1/images/" + digest + "/vuln/all");
            assertThat(vulns.path("vulnerabilities").get(0).path("vuln").asText()).isEqualTo(AnalysisTesting.CVE);
            assertThat(vulns.path("vulnerabilities").get(0).path("package_name").asText()).isEqualTo("musl");

            // Anchore's import operation: open, upload syft's document, add the image from it under its digest
            String op = post(s, "/v1/imports/images", null, 200).path("uuid").asText();
            String uploads = "/v1/imports/images/" + op + "/packages";
            assertThat(post(s, uploads, "{\"hello\": \"world\"}", 400).path("message").asText())
                    .contains("not an SBOM");
            String packages = post(s, uploads, syft(), 200).path("digest").asText();
            assertThat(get(s, uploads).get(0).asText()).isEqualTo(packages);
            String manifestDigest = "sha256:" + "b".repeat(64);
            JsonNode added = post(s, "/v1/images", """
                    {"source": {"import": {"operation_uuid": "%s", "digest": "%s",
                      "tags": ["registry.example/team/syft:2"],
                      "contents": {"packages": "%s", "manifest": "sha256:0", "image_config": "sha256:0"}}}}
                    """.formatted(op, manifestDigest, packages), 200).get(0);
            assertThat(added.path("imageDigest").asText()).isEqualTo(manifestDigest);
            assertThat(added.path("analysis_status").asText()).isEqualTo("analyzed");
            assertThat(get(s, "/v1/images/" + manifestDigest + "/vuln/all").path("vulnerabilities").get(0)
                    .path("vuln").asText()).isEqualTo(AnalysisTesting.CVE);
            assertThat(get(s, "/v1/imports/images/" + op).path("status").asText()).isEqualTo("complete");
            post(s, uploads, syft(), 409);
        }
    }

    /** syft's JSON ({@code syft -o json}) of Alpine 3.19 with the vulnerable musl, trimmed to the fields read. */
    private static String syft() {
        return """
                {"artifacts": [
                   {"id": "7e5bd6d7c1a6ff1b", "name": "musl", "version": "%s", "type": "apk",
                    "foundBy": "apk-db-cataloger", "locations": [{"path": "/lib/apk/db/installed"}],
                    "licenses": [{"value": "MIT", "spdxExpression": "MIT", "type": "declared"}],
                    "cpes": [{"cpe": "cpe:2.3:a:musl-libc:musl:%s:*:*:*:*:*:*:*", "source": "syft-generated"}],
                    "purl": "pkg:apk/alpine/musl@%s?arch=x86_64&distro=alpine-3.19.1"}],
                 "artifactRelationships": [],
                 "source": {"id": "4f2c", "name": "alpine", "version": "sha256:%s", "type": "image",
                   "metadata": {"userInput": "alpine:3.19", "manifestDigest": "sha256:%s", "tags": ["alpine:3.19"]}},
                 "distro": {"prettyName": "Alpine Linux v3.19", "name": "Alpine Linux", "id": "alpine",
                   "versionID": "3.19.1"},
                 "descriptor": {"name": "syft", "version": "1.18.1"},
                 "schema": {"version": "16.0.20"}}
                """.formatted(AnalysisTesting.MUSL_VERSION, AnalysisTesting.MUSL_VERSION, AnalysisTesting.MUSL_VERSION,
                "a".repeat(64), "a".repeat(64));
    }

    /** A CycloneDX 1.5 SBOM of Alpine 3.19 with the vulnerable musl. */
    private static String cyclonedx() {
        return """
                {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
                 "metadata": {"component": {"type": "container", "name": "registry.example/team/app"}},
                 "components": [
                   {"type": "operating-system", "name": "alpine", "version": "3.19.1"},
                   {"type": "library", "name": "musl", "version": "%s",
                    "purl": "pkg:apk/alpine/musl@%s?arch=x86_64&distro=alpine-3.19.1"}]}
                """.formatted(AnalysisTesting.MUSL_VERSION, AnalysisTesting.MUSL_VERSION);
    }

    private static JsonNode get(PlimsollServer s, String path) throws Exception {
        HttpResponse<String> r = TestServers.send("GET", s.baseUrl() + path, null, "Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + PW).getBytes(StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Exchange.JSON.readTree(r.body());
    }

    private static JsonNode post(PlimsollServer s, String path, String body, int status) throws Exception {
        HttpResponse<String> r = TestServers.send("POST", s.baseUrl() + path, body, "Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + PW).getBytes(StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return Exchange.JSON.readTree(r.body());
    }
}
