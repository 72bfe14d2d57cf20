package io.plimsoll.server.e2e;

import io.plimsoll.server.testing.BlobServer;
import io.plimsoll.server.testing.ClairSchemas;
import static io.plimsoll.server.e2e.E2eFixtures.json;
import static io.plimsoll.server.e2e.E2eFixtures.manifest;
import static io.plimsoll.server.e2e.E2eFixtures.manifestDigest;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.model.Digest;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.e2e.E2eFixtures.TrackerCve;
import io.plimsoll.server.http.JwtAuth;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.server.vulndb.UpdaterModule;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests of every kind get clear errors from a production-wired server, which keeps serving. */
class BadInputTest {

    @TempDir
    Path dir;

    private BlobServer blobs;

    @BeforeEach
    void setUp() throws Exception {
        blobs = new BlobServer();
    }

    @AfterEach
    void tearDown() {
        blobs.close();
    }

    private static JsonNode clairError(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode e = json(r.body());
        ClairSchemas.assertValidIfAvailable("error", e);
        assertThat(e.path("message").asText()).isNotBlank();
        return e;
    }

    @Test
    void badRequestsGetClearErrorsAndTheServerKeepsServingAndMeasuring() throws Exception {
        Path feeds = dir.resolve("feeds");
        E2eFixtures.debianFeed(feeds, new TrackerCve("openssl", "CVE-2024-0003", "3.0.11-1~deb12u2"));
        try (PlimsollServer server = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(),
                dir.resolve("data"), Map.of("max_request_bytes", "4KiB", "indexer.allow_private_addresses", "true",
                        "updater.from", feeds.toString(), "updater.sources", "debian")), null)) {
            String base = server.baseUrl();
            String indexUrl = base + "/indexer/api/v1/index_report";
            ((UpdaterModule) server.module("updater").orElseThrow()).runOnce().orElseThrow();

            assertThat(clairError(TestServers.send("POST", indexUrl, "{\"hash\": \"sha256:"), 400)
                    .path("message").asText()).contains("malformed JSON");
            assertThat(clairError(TestServers.send("POST", indexUrl, ""), 400).path("message").asText())
                    .contains("empty");
            String huge = "{\"hash\":\"" + "a".repeat(5000) + "\"}";
            assertThat(clairError(TestServers.send("POST", indexUrl, huge), 413).path("message").asText())
                    .contains("4096");
            assertThat(clairError(TestServers.send("POST", indexUrl, "{\"hash\":\"sha256:1\",\"layers\":[]}"), 400)
                    .path("message").asText()).contains("sha256:1");

            Digest unknown = manifestDigest("never indexed");
            assertThat(clairError(TestServers.get(indexUrl + "/" + unknown), 404).path("code").asText())
                    .isEqualTo("not-found");
            clairError(TestServers.get(base + "/matcher/api/v1/vulnerability_report/" + unknown), 404);
            clairError(TestServers.get(base + "/notifier/api/v1/notification/" + UUID.randomUUID()), 404);
            assertThat(clairError(TestServers.get(indexUrl + "/sha256:zz"), 400).path("message").asText())
                    .contains("sha256:zz");
            clairError(TestServers.get(base + "/matcher/api/v1/vulnerability_report/latest"), 400);
            clairError(TestServers.get(base + "/notifier/api/v1/notification/not-a-uuid"), 400);

            // a layer URI answering 404, and one answering bytes of the right digest that are not a layer
            Digest good = E2eFixtures.debianLayer(blobs);
            Digest missing = Digest.sha256Of("nobody serves this".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r404 = TestServers.send("POST", indexUrl,
                    manifest(manifestDigest("m404"), blobs, good, missing).toString());
            assertThat(r404.statusCode()).as(r404.body()).isEqualTo(502);
            assertThat(json(r404.body()).path("state").asText()).isEqualTo("IndexError");
            assertThat(json(r404.body()).path("err").asText()).contains(missing.toString()).contains("404");
            Digest garbage = blobs.put("not a tar archive, just words. ".repeat(40).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> notTar = TestServers.send("POST", indexUrl,
                    manifest(manifestDigest("garbage"), blobs, good, garbage).toString());
            assertThat(notTar.statusCode()).as(notTar.body()).isEqualTo(422);
            assertThat(json(notTar.body()).path("err").asText()).contains(garbage.shortHex());

            // still serving: health, a good index, a report that names the CVE
            assertThat(TestServers.get(base + "/healthz").statusCode()).isEqualTo(200);
            assertThat(TestServers.get(base + "/readyz").statusCode()).isEqualTo(200);
            Digest fine = manifestDigest("fine");
            HttpResponse<String> ok = TestServers.send("POST", indexUrl, manifest(fine, blobs, good).toString());
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
            HttpResponse<String> report = TestServers.get(base + "/matcher/api/v1/vulnerability_report/" + fine);
            assertThat(report.statusCode()).as(report.body()).isEqualTo(201);
            assertThat(report.body()).contains("CVE-2024-0003");

            String metrics = TestServers.get(base + "/metrics").body();
            assertThat(metrics)
                    .contains("http_server_requests_seconds_count{method=\"POST\",status=\"413\","
                            + "uri=\"/indexer/api/v1/index_report\"}")
                    .contains("http_server_requests_seconds_count{method=\"GET\",status=\"201\","
                            + "uri=\"/matcher/api/v1/vulnerability_report/{digest}\"}")
                    .contains("plimsoll_index_duration_seconds_count")
                    .contains("plimsoll_match_duration_seconds_count")
                    .contains("plimsoll_queue_depth{queue=\"analysis\"}")
                    .contains("plimsoll_feed_age_seconds{source=\"debian\"}");
            assertThat(metric(metrics, "plimsoll_match_duration_seconds_count")).isGreaterThanOrEqualTo(1);
            assertThat(metric(metrics, "plimsoll_index_duration_seconds_count")).isGreaterThanOrEqualTo(3);
        }
    }

    /** The value of the first sample whose line starts with {@code name} (with or without labels). */
    private static double metric(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    @Test
    void withAKeyEveryApiFamilyNeedsAValidTokenWhileHealthStaysOpen() throws Exception {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        try (PlimsollServer server = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(),
                dir.resolve("data"), Map.of("auth.psk.key", Base64.getEncoder().encodeToString(key))), null)) {
            String base = server.baseUrl();
            Digest d = manifestDigest("anything");
            List<String> paths = List.of("/indexer/api/v1/index_state", "/indexer/api/v1/index_report/" + d,
                    "/matcher/api/v1/vulnerability_report/" + d, "/matcher/api/v1/internal/update_operation",
                    "/notifier/api/v1/notification/" + UUID.randomUUID(), "/v1/images", "/v1/policies",
                    "/v1/system/feeds");
            byte[] otherKey = new byte[32];
            String wrong = JwtAuth.sign(otherKey, "ci");
            String expired = JWT.create().withIssuer("ci").withIssuedAt(Instant.now().minusSeconds(7200))
                    .withExpiresAt(Instant.now().minusSeconds(3600)).sign(Algorithm.HMAC256(key));
            String forever = JWT.create().withIssuer("ci").withIssuedAt(Instant.now()).sign(Algorithm.HMAC256(key));
            String valid = JwtAuth.sign(key, "ci");
            for (String p : paths) {
                assertThat(refused(p, TestServers.get(base + p)).path("message").asText()).as(p)
                        .contains("missing bearer token");
                refused(p, TestServers.get(base + p, "Authorization", "Bearer " + wrong));
                assertThat(refused(p, TestServers.get(base + p, "Authorization", "Bearer " + expired))
                        .path("message").asText()).as(p).contains("expired");
                assertThat(refused(p, TestServers.get(base + p, "Authorization", "Bearer " + forever))
                        .path("message").asText()).as(p).contains("no exp claim");
                refused(p, TestServers.get(base + p, "Authorization", "Bearer"));
                // with a valid token the request reaches the route: anything but 401
                assertThat(TestServers.get(base + p, "Authorization", "Bearer " + valid).statusCode()).as(p)
                        .isNotEqualTo(401).isLessThan(500);
            }
            // a POST body is not read before the token is checked
            assertThat(TestServers.send("POST", base + "/indexer/api/v1/index_report", "{}").statusCode())
                    .isEqualTo(401);
            assertThat(TestServers.get(base + "/healthz").statusCode()).isEqualTo(200);
            assertThat(TestServers.get(base + "/readyz").statusCode()).isEqualTo(200);
            assertThat(TestServers.get(base + "/indexer/api/v1/index_state", "Authorization", "Bearer " + valid)
                    .statusCode()).isEqualTo(200);
        }
    }

    /** A refused token: Clair's error body, but Anchore's ({@code "code": 401}) on Anchore's /v1 API. */
    private static JsonNode refused(String path, HttpResponse<String> r) throws Exception {
        if (!path.startsWith("/v1/")) {
            return clairError(r, 401);
        }
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(401);
        JsonNode body = io.plimsoll.server.http.Exchange.JSON.readTree(r.body());
        assertThat(body.path("code").asInt()).as(r.body()).isEqualTo(401);
        assertThat(body.path("error_type").asText()).isEqualTo("unauthorized");
        return body;
    }

    @Test
    void errorsJettyAnswersItselfAndErrorsInHandlersAreClairJsonToo() throws Exception {
        io.plimsoll.server.ServerModule failing = new io.plimsoll.server.ServerModule() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public void routes(io.plimsoll.server.http.Router router) {
                router.get("/boom/oom", ex -> {
                    throw new OutOfMemoryError("Java heap space");
                });
                router.get("/boom/error", ex -> {
                    throw new AssertionError("a bug");
                });
                // what try-with-resources throws when its close ran out of memory with the JVM's one preallocated
                // OutOfMemoryError, the body's own failure: the same instance cannot suppress itself
                router.get("/boom/oom-in-close", ex -> {
                    OutOfMemoryError shared = new OutOfMemoryError("Java heap space");
                    shared.addSuppressed(shared);
                });
            }
        };
        try (PlimsollServer server = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(),
                dir.resolve("data"), Map.of()), null, ctx -> List.of(failing))) {
            String base = server.baseUrl();
            HttpResponse<String> oom = TestServers.get(base + "/boom/oom");
            assertThat(clairError(oom, 503).path("code").asText()).isEqualTo("unavailable");
            assertThat(oom.headers().firstValue("Retry-After")).isPresent();
            HttpResponse<String> oomInClose = TestServers.get(base + "/boom/oom-in-close");
            assertThat(clairError(oomInClose, 503).path("code").asText()).isEqualTo("unavailable");
            assertThat(oomInClose.headers().firstValue("Retry-After")).isPresent();
            assertThat(clairError(TestServers.get(base + "/boom/error"), 500).path("message").asText())
                    .doesNotContain("a bug");

            // no such route, or not that method on it
            assertThat(clairError(TestServers.get(base + "/nope"), 404).path("code").asText()).isEqualTo("not-found");
            HttpResponse<String> wrongMethod = TestServers.send("DELETE", base + "/healthz", "");
            assertThat(clairError(wrongMethod, 405).path("code").asText()).isEqualTo("method-not-allowed");
            assertThat(wrongMethod.headers().firstValue("Allow")).hasValueSatisfying(a -> assertThat(a).contains("GET"));

            // headers over Jetty's limit and a request line that is not HTTP never reach the API handler
            HttpResponse<String> tooBig = TestServers.get(base + "/indexer/api/v1/index_state", "X-Big",
                    "x".repeat(20_000));
            assertThat(tooBig.statusCode()).isEqualTo(431);
            assertThat(json(tooBig.body()).path("code").asText()).isEqualTo("request-too-large");
            java.net.URI u = java.net.URI.create(base);
            try (java.net.Socket s = new java.net.Socket(u.getHost(), u.getPort())) {
                s.getOutputStream().write("GET /x HTTP/9.9 \u0001\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                String raw = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(raw).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/json")
                        .doesNotContain("<html");
                assertThat(json(raw.substring(raw.indexOf("\r\n\r\n") + 4)).path("code").asText())
                        .isEqualTo("bad-request");
            }
            // still serving
            assertThat(TestServers.get(base + "/healthz").statusCode()).isEqualTo(200);
        }
    }
}
