package io.plimsoll.server.harbor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.image.testing.Await;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.testing.TokenIssuer;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.analysis.AnalysisWorkerModule;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.JwtAuth;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.ForwardingVulnStore;
import io.plimsoll.vuln.store.VulnStore;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Harbor's pluggable scanner API end to end, as Harbor drives it: metadata, a scan request naming a real
 * docker-registry behind htpasswd basic auth (on loopback, which the analysis address guard refuses to API clients
 * but a registry Harbor names may be), the report polled until ready in every type, each body valid against the
 * spec's schemas ({@code ../shared/api/harbor-scanner}, JSON Schema over the OpenAPI components).
 */
class HarborScannerTest {

    private static final String CVE = "CVE-2025-31337";
    private static final String UPDATED = "2026-11-30T10:00:00Z";
    private static final byte[] KEY = "harbor-test-key-harbor-test-key-0123".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private PlimsollServer server;
    private String bearer;

    @Test
    void harborScansAnImageFromItsRegistryAndServesEveryReportType() throws Exception {
        Schemas schemas = Schemas.load();
        LocalRegistry.requireBinary();
        TestImage img = alpine();
        try (LocalRegistry registry = LocalRegistry.startWithHtpasswd(
                java.nio.file.Files.createDirectories(dir.resolve("registry")), "robot", "robot-pw");
             PlimsollServer s = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), dir,
                     Map.of("roles", "api,indexer", "analysis.poll", "100ms", "analysis.lease", "2s",
                             "analysis.workers", "2", "indexer.allow_private_addresses", "false",
                             "auth.psk.key", Base64.getEncoder().encodeToString(KEY))), null,
                     ctx -> List.of(new AnalysisWorkerModule(ctx, (RegistrySettings) null),
                             new HarborScannerModule(ctx, feed())))) {
            server = s;
            bearer = "Bearer " + JwtAuth.sign(KEY, "harbor");

            HttpResponse<String> anonymous = TestServers.get(s.baseUrl() + "/harbor/api/v1/metadata");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            schemas.assertValid("ErrorResponse", json(anonymous));

            HttpResponse<String> metadata = ok(get("/metadata", null));
            assertThat(metadata.headers().firstValue("Content-Type")).contains(HarborScannerModule.METADATA_TYPE);
            JsonNode meta = schemas.assertValid("ScannerAdapterMetadata", json(metadata));
            assertThat(meta.at("/scanner/name").asText()).isEqualTo("Plimsoll");
            assertThat(meta.path("capabilities")).extracting(c -> c.path("type").asText())
                    .containsExactly("vulnerability", "sbom");
            assertThat(meta.at("/capabilities/0/produces_mime_types").toString())
                    .contains(HarborReports.VULN_1_1, HarborReports.VULN_HARBOR_1_0, HarborReports.VULN_RAW);
            assertThat(meta.at("/capabilities/1/additional_attributes/sbom_media_types").toString())
                    .contains(HarborReports.SPDX, HarborReports.CYCLONEDX);
            assertThat(meta.at("/properties").path("harbor.scanner-adapter/vulnerability-database-updated-at")
                    .asText()).isEqualTo(UPDATED);

            registry.push("library/app", img, "1.0");
            String digest = img.manifest().digest().toString();
            String robot = basic("robot", "robot-pw");
            long blobsBefore = registry.blobGets();
            String id = scan(schemas, registry, "library/app", digest, robot);
            HttpResponse<String> first = get("/scan/" + id + "/report", HarborReports.VULN_1_1);
            if (first.statusCode() == 302) {
                assertThat(first.headers().firstValue("Refresh-After")).contains("5");
            } else {
                assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            }

            JsonNode report = schemas.assertValid("HarborVulnerabilityReport", awaitReport(id, HarborReports.VULN_1_1));
            assertThat(report.at("/artifact/repository").asText()).isEqualTo("library/app");
            assertThat(report.at("/artifact/digest").asText()).isEqualTo(digest);
            assertThat(report.at("/artifact/tag").asText()).isEqualTo("1.0");
            assertThat(report.path("severity").asText()).isEqualTo("High");
            JsonNode vuln = report.at("/vulnerabilities/0");
            assertThat(vuln.path("id").asText()).isEqualTo(CVE);
            assertThat(vuln.path("package").asText()).isEqualTo("musl");
            assertThat(vuln.path("version").asText()).isEqualTo("1.2.4_git20230717-r4");
            assertThat(vuln.path("fix_version").asText()).isEqualTo("1.2.4_git20230717-r5");
            assertThat(vuln.at("/preferred_cvss/score_v3").asDouble()).isEqualTo(8.1);
            assertThat(vuln.at("/preferred_cvss/vector_v3").asText()).startsWith("CVSS:3.1/AV:N");
            assertThat(vuln.path("cwe_ids").isArray()).isTrue();
            assertThat(vuln.at("/layer/digest").asText()).isEqualTo(new java.util.ArrayList<>(img.manifest().blobs().keySet()).get(1).toString());
            assertThat(vuln.at("/vendor_attributes/purl").asText()).startsWith("pkg:apk/alpine/musl@");
            assertThat(registry.blobGets() - blobsBefore).as("the config and both layers").isEqualTo(3);

            HttpResponse<String> harbor10 = ok(get("/scan/" + id + "/report", HarborReports.VULN_HARBOR_1_0));
            assertThat(harbor10.headers().firstValue("Content-Type")).contains(HarborReports.VULN_HARBOR_1_0);
            schemas.assertValid("HarborVulnerabilityReport", json(harbor10));
            HttpResponse<String> raw = ok(get("/scan/" + id + "/report", HarborReports.VULN_RAW));
            assertThat(raw.headers().firstValue("Content-Type")).contains(HarborReports.VULN_RAW);
            assertThat(json(raw).toString()).contains(CVE);

            JsonNode spdx = schemas.assertValid("HarborSbomReport", json(ok(get("/scan/" + id
                    + "/report?sbom_media_type=" + URLEncoder.encode(HarborReports.SPDX, StandardCharsets.UTF_8),
                    HarborReports.SBOM_1_0))));
            assertThat(spdx.path("media_type").asText()).isEqualTo(HarborReports.SPDX);
            assertThat(spdx.at("/sbom/spdxVersion").asText()).startsWith("SPDX-");
            assertThat(spdx.at("/sbom").toString()).contains("musl");
            // Harbor encodes the '+'; one sent bare (decoded as a space) is understood as well
            JsonNode cdx = schemas.assertValid("HarborSbomReport", json(ok(get("/scan/" + id
                    + "/report?sbom_media_type=" + HarborReports.CYCLONEDX, HarborReports.SBOM_1_0))));
            assertThat(cdx.at("/sbom/bomFormat").asText()).isEqualTo("CycloneDX");

            expectError(schemas, get("/scan/" + id + "/report", HarborReports.SBOM_1_0), 400, "sbom_media_type");
            expectError(schemas, get("/scan/" + id + "/report", "application/json"), 501, "does not produce");
            expectError(schemas, get("/scan/no-such-scan/report", HarborReports.VULN_1_1), 404, "no-such-scan");
            expectError(schemas, post("{\"registry\":{\"url\":\"http://" + registry.host() + "\"},"
                    + "\"artifact\":{\"repository\":\"library/app\"}}"), 422, "artifact.digest");

            // the same digest again: its report comes from the stored index; the pull reads the manifest and config
            // (which verify the digest and the credentials) and no layer a second time
            long blobsAfterFirst = registry.blobGets();
            String again = scan(schemas, registry, "library/app", digest, robot);
            assertThat(awaitReport(again, HarborReports.VULN_1_1).at("/vulnerabilities/0/id").asText()).isEqualTo(CVE);
            assertThat(registry.blobGets() - blobsAfterFirst).as("the config only").isEqualTo(1);

            String denied = scan(schemas, registry, "library/app", digest, basic("robot", "wrong"));
            HttpResponse<String> failed = Await.value("the scan with a wrong credential to fail", () -> {
                HttpResponse<String> r = call(() -> get("/scan/" + denied + "/report", HarborReports.VULN_1_1));
                return r.statusCode() == 302 ? Optional.empty() : Optional.of(r);
            });
            expectError(schemas, failed, 500, registry.host());
            assertThat(json(failed).at("/error/message").asText()).contains("rejected the credentials of 'robot'");

            // Harbor may name a private or loopback registry, but not another special block: 0.0.0.0 reaches this
            // host as loopback does, and link-local would be the cloud's metadata service
            String port = registry.host().substring(registry.host().lastIndexOf(':') + 1);
            long blobsBeforeGuard = registry.blobGets();
            String guarded = scan(schemas, "0.0.0.0:" + port, "library/app", digest, robot);
            HttpResponse<String> refused = Await.value("the scan of a registry on 0.0.0.0 to fail", () -> {
                HttpResponse<String> r = call(() -> get("/scan/" + guarded + "/report", HarborReports.VULN_1_1));
                return r.statusCode() == 302 ? Optional.empty() : Optional.of(r);
            });
            expectError(schemas, refused, 500, "0.0.0.0 (this network, 0.0.0.0/8)");
            assertThat(json(refused).at("/error/message").asText()).contains("not a public, private-network or "
                    + "loopback address");
            assertThat(registry.blobGets()).isEqualTo(blobsBeforeGuard);

            bearerTokenPull(schemas, img);
        }
    }

    /**
     * A registry behind token auth, Harbor's own set-up: Harbor may hand the pull token itself ({@code Bearer …}),
     * which goes to the registry as it is, never to the token service.
     */
    private void bearerTokenPull(Schemas schemas, TestImage img) throws Exception {
        try (TokenIssuer issuer = TokenIssuer.start(java.nio.file.Files.createDirectories(dir.resolve("issuer")),
                "ci", "ci-pw");
             LocalRegistry registry = LocalRegistry.start(java.nio.file.Files.createDirectories(dir.resolve("token")),
                     LocalRegistry.Setup.open().withAuth(issuer.registryAuthConfig(),
                             "Bearer " + issuer.mint("team/app", "pull", "push")))) {
            registry.push("team/app", img, "1.0");
            String digest = img.manifest().digest().toString();
            String id = scan(schemas, registry, "team/app", digest, "Bearer " + issuer.mint("team/app", "pull"));
            assertThat(awaitReport(id, HarborReports.VULN_1_1).at("/artifact/repository").asText())
                    .isEqualTo("team/app");
            assertThat(issuer.requests("repository:team/app:pull")).isZero();
        }
    }

    private String scan(Schemas schemas, LocalRegistry registry, String repository, String digest,
                        String authorization) throws Exception {
        return scan(schemas, registry.host(), repository, digest, authorization);
    }

    private String scan(Schemas schemas, String registryHost, String repository, String digest,
                        String authorization) throws Exception {
        HttpResponse<String> r = post("{\"registry\":{\"url\":\"http://" + registryHost + "\",\"authorization\":\""
                + authorization + "\"},\"artifact\":{\"repository\":\"" + repository + "\",\"digest\":\"" + digest
                + "\",\"tag\":\"1.0\",\"mime_type\":\"application/vnd.oci.image.manifest.v1+json\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return schemas.assertValid("ScanResponse", json(r)).path("id").asText();
    }

    private JsonNode awaitReport(String id, String type) throws Exception {
        return Await.value("the report of scan " + id, () -> {
            HttpResponse<String> r = call(() -> get("/scan/" + id + "/report", type));
            if (r.statusCode() == 302) {
                return Optional.empty();
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains(type);
            return Optional.of(call(() -> json(r)));
        });
    }

    /** The response, once its status is checked: an error body would pass the spec's lax report schemas. */
    private static HttpResponse<String> ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static void expectError(Schemas schemas, HttpResponse<String> r, int status, String mentions)
            throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .contains("application/vnd.scanner.adapter.error+json; version=1.0");
        assertThat(schemas.assertValid("ErrorResponse", json(r)).at("/error/message").asText()).contains(mentions);
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return accept == null ? TestServers.get(server.baseUrl() + "/harbor/api/v1" + path, "Authorization", bearer)
                : TestServers.get(server.baseUrl() + "/harbor/api/v1" + path, "Authorization", bearer, "Accept", accept);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return TestServers.send("POST", server.baseUrl() + "/harbor/api/v1/scan", body, "Authorization", bearer);
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Exchange.JSON.readTree(r.body());
    }

    /** An Alpine 3.19 image with a vulnerable musl. */
    private static TestImage alpine() {
        String db = "P:musl\nV:1.2.4_git20230717-r4\nA:x86_64\nL:MIT\no:musl\n\n";
        return TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                        .file("lib/apk/db/installed", db), Compressor.GZIP, "/bin/sh -c #(nop) ADD file:alpine in / ")
                .layer(TestLayer.create().file("app/run.sh", "#!/bin/sh\n"), Compressor.GZIP,
                        "/bin/sh -c #(nop) COPY file:run in /app/ ");
    }

    /** musl fixed in r5 of Alpine 3.19, rated High with a CVSS 3.1 score; the feed last updated at {@link #UPDATED}. */
    private static VulnStore feed() {
        RecordingSink sink = new RecordingSink();
        sink.advisory(new Advisory(CVE, "alpine", List.of(), "musl overflow", "A buffer overflow in musl.",
                Optional.empty(), Optional.empty(), List.of("https://security.alpinelinux.org/vuln/" + CVE), "High",
                Severity.HIGH, List.of(new Cvss("3.1", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1, "nvd"))));
        sink.affected(AffectedPackage.fixedIn(CVE, "alpine", "alpine:3.19", "musl", "apk", "1.2.4_git20230717-r5"));
        MemoryVulnStore rows = new MemoryVulnStore(sink);
        SourceStatus alpine = new SourceStatus("alpine", "https://secdb.alpinelinux.org/", Optional.of(
                Instant.parse(UPDATED)), Instant.parse(UPDATED), Optional.empty(), 1, "", Map.of(), Map.of());
        return new ForwardingVulnStore(rows) {
            @Override
            public List<SourceStatus> sources() {
                return List.of(alpine);
            }
        };
    }

    /**
     * The spec's components ({@code scanner-adapter-openapi-v1.2.yaml}) as JSON Schema draft 4 (OpenAPI 3.0's
     * dialect, whose extra keywords the validator ignores), a component named with the others resolvable by
     * {@code $ref}; the test is skipped when ../shared is absent.
     */
    private record Schemas(ObjectNode components) {

        static Schemas load() throws Exception {
            Path spec = SharedCorpus.require("api/harbor-scanner").resolve("scanner-adapter-openapi-v1.2.yaml");
            return new Schemas((ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(spec.toFile())
                    .get("components"));
        }

        JsonNode assertValid(String name, JsonNode body) {
            JsonNode component = components.path("schemas").get(name);
            assertThat(component).as("the spec's component " + name).isNotNull();
            ObjectNode schema = component.deepCopy();
            schema.set("components", components);
            List<String> errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema)
                    .validate(body).stream().map(ValidationMessage::toString).toList();
            assertThat(errors).as(name + " of " + body.toPrettyString()).isEmpty();
            return body;
        }
    }
}
