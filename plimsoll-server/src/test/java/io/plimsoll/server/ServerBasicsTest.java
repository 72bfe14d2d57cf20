package io.plimsoll.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.config.ConfigException;
import io.plimsoll.server.config.ConfigLoader;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.JwtAuth;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerBasicsTest {

    @TempDir
    Path dir;

    @Test
    void healthReadinessAndMetricsAreServedAndUnknownPathsGetClairErrors() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (PlimsollServer server = TestServers.start(
                TestServers.config(TestPostgres.newDatabaseUrl(), dir, Map.of()), log)) {
            assertThat(TestServers.get(server.baseUrl() + "/healthz").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = TestServers.get(server.baseUrl() + "/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(Exchange.JSON.readTree(ready.body()).path("checks").path("database").asText()).isEqualTo("ok");

            HttpResponse<String> missing = TestServers.get(server.baseUrl() + "/nope", "X-Request-Id", "abc-123");
            assertThat(missing.statusCode()).isEqualTo(404);
            JsonNode err = Exchange.JSON.readTree(missing.body());
            assertThat(err.path("code").asText()).isEqualTo("not-found");
            assertThat(err.path("message").asText()).contains("/nope");
            assertThat(missing.headers().firstValue("X-Request-Id")).contains("abc-123");

            HttpResponse<String> wrongMethod = TestServers.send("DELETE", server.baseUrl() + "/healthz", null);
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
            assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET");

            String metrics = TestServers.get(server.baseUrl() + "/metrics").body();
            assertThat(metrics).contains("http_server_requests_seconds_count{method=\"GET\",status=\"404\",uri=\"unmatched\"}");
        }
        String lines = log.toString(StandardCharsets.UTF_8);
        JsonNode line = lines.lines().map(l -> {
            try {
                return Exchange.JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("log line is not JSON: " + l);
            }
        }).filter(n -> n.path("path").asText().equals("/nope")).findFirst().orElseThrow();
        assertThat(line.path("request_id").asText()).isEqualTo("abc-123");
        assertThat(line.path("status").asInt()).isEqualTo(404);
    }

    @Test
    void withAKeyEveryRouteButHealthNeedsAValidToken() throws Exception {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String b64 = Base64.getEncoder().encodeToString(key);
        ServerConfig config = TestServers.config(TestPostgres.newDatabaseUrl(), dir,
                Map.of("auth.psk.key", b64, "auth.psk.iss", "ci,quay"));
        ServerModule probe = new ServerModule() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public void routes(io.plimsoll.server.http.Router router) {
                router.get("/probe", ex -> ex.json(200, Map.of("subject", ex.subject().orElse(""))));
            }
        };
        try (PlimsollServer server = TestServers.start(config, null, ctx -> java.util.List.of(probe))) {
            String url = server.baseUrl() + "/probe";
            assertThat(TestServers.get(server.baseUrl() + "/healthz").statusCode()).isEqualTo(200);
            // an unknown path is a 401 too without a token: what exists is not revealed
            assertThat(TestServers.get(server.baseUrl() + "/indexer/api/v1/nothing").statusCode()).isEqualTo(401);
            assertThat(TestServers.get(server.baseUrl() + "/indexer/api/v1/nothing", "Authorization",
                    "Bearer " + JwtAuth.sign(key, "ci")).statusCode()).isEqualTo(404);
            HttpResponse<String> none = TestServers.get(url);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(Exchange.JSON.readTree(none.body()).path("message").asText()).contains("missing bearer token");

            String wrongKey = JwtAuth.sign(new byte[32], "ci");
            assertThat(TestServers.get(url, "Authorization", "Bearer " + wrongKey).statusCode()).isEqualTo(401);
            HttpResponse<String> wrongIssuer = TestServers.get(url, "Authorization", "Bearer " + JwtAuth.sign(key, "someone"));
            assertThat(wrongIssuer.statusCode()).isEqualTo(401);
            assertThat(wrongIssuer.body()).contains("issuer 'someone' is not allowed");
            assertThat(TestServers.get(url, "Authorization", "Basic dTpw").statusCode()).isEqualTo(401);
            assertThat(TestServers.get(url, "Authorization", "Bearer " + JwtAuth.sign(key, "ci")).statusCode())
                    .isEqualTo(200);

            // refused before its body was read: the server reads and drops the body, so the answer is not lost to a
            // reset of the connection and the connection stays open for the client's next request
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> refusedPost = TestServers.send("POST", url,
                        "{\"x\":\"" + "y".repeat(200_000) + "\"}");
                assertThat(refusedPost.statusCode()).isEqualTo(401);
                assertThat(refusedPost.headers().firstValue("Connection")).isEmpty();
            }
            for (int i = 0; i < 20; i++) {
                assertThat(TestServers.send("POST", url, "{}").statusCode()).isEqualTo(401);
                assertThat(TestServers.get(url, "Authorization", "Bearer " + JwtAuth.sign(key, "ci")).statusCode())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void configFileIsStrictAndEnvironmentOverridesIt() throws Exception {
        Path file = dir.resolve("plimsoll.yaml");
        Files.writeString(file, "listen: 0.0.0.0:7070\nupdater:\n  interval: 1h30m\n  sources: [debian, alpine]\n"
                + "notifier:\n  webhook: http://hooks.example/clair\nmax_request_bytes: 2MiB\n");
        ServerConfig c = ConfigLoader.load(Optional.of(file), Map.of("PLIMSOLL_SERVER_UPDATER_INTERVAL", "10m",
                "PLIMSOLL_DATABASE_URL", "postgresql://u:p@db/plimsoll"), dir);
        assertThat(c.listen()).isEqualTo("0.0.0.0:7070");
        assertThat(c.updater().interval()).hasMinutes(10);
        assertThat(c.updater().sources()).containsExactly("debian", "alpine");
        assertThat(c.notifier().webhook()).contains("http://hooks.example/clair");
        assertThat(c.maxRequestBytes()).isEqualTo(2 << 20);
        assertThat(c.database()).contains("postgresql://u:p@db/plimsoll");
        assertThat(c.roles()).hasSize(5);
        assertThat(c.catalogLimits()).isEqualTo(io.plimsoll.ecosystem.CatalogLimits.DEFAULT);
        Files.writeString(file, "catalog:\n  max_packages_per_file: 500000\n");
        ServerConfig big = ConfigLoader.load(Optional.of(file),
                Map.of("PLIMSOLL_SERVER_CATALOG_MAX_DOCUMENT_BYTES", "64MiB"), dir);
        assertThat(big.catalogLimits().maxPackagesPerFile()).isEqualTo(500_000);
        assertThat(big.catalogLimits().maxDocumentBytes()).isEqualTo(64L << 20);
        assertThat(big.catalogLimits().maxStringChars()).isEqualTo(8 << 20);
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                Map.of("PLIMSOLL_SERVER_CATALOG_MAX_STRING_LENGTH", "4G"), dir))
                .hasMessageContaining("catalog.max_string_length");
        // the image stage's limits: the CLI's --max-expanded-size, --max-file-size and --max-entries
        assertThat(c.indexer().imageLimits()).isEqualTo(io.plimsoll.image.ImageLimits.DEFAULT);
        Files.writeString(file, "image:\n  max_entries: 2000000\n  max_file_size: 1GiB\n");
        ServerConfig image = ConfigLoader.load(Optional.of(file),
                Map.of("PLIMSOLL_SERVER_IMAGE_MAX_EXPANDED_SIZE", "1TiB"), dir);
        assertThat(image.indexer().imageLimits()).isEqualTo(io.plimsoll.image.ImageLimits.DEFAULT
                .withMaxExpandedBytes(1L << 40).withMaxEntryBytes(1L << 30).withMaxEntries(2_000_000));
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                Map.of("PLIMSOLL_SERVER_IMAGE_MAX_ENTRIES", "lots"), dir))
                .hasMessageContaining("image.max_entries");

        // Amazon Linux 2's extras topics: the updater's own list unless set; "none" reads core only
        assertThat(c.updater().amazonExtras()).isEmpty();
        Files.writeString(file, "updater:\n  amazon_extras: [docker, kernel-5.10]\n");
        assertThat(ConfigLoader.load(Optional.of(file), Map.of(), dir).updater().amazonExtras())
                .contains(java.util.List.of("docker", "kernel-5.10"));
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("PLIMSOLL_SERVER_UPDATER_AMAZON_EXTRAS", "none"), dir)
                .updater().amazonExtras()).contains(java.util.List.of());
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                Map.of("PLIMSOLL_SERVER_UPDATER_AMAZON_EXTRAS", "docker,../core"), dir))
                .hasMessageContaining("updater.amazon_extras").hasMessageContaining("'../core'");

        Files.writeString(file, "listen: 0.0.0.0:7070\nupdatr:\n  interval: 1h\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("unknown setting 'updatr'");
        Files.writeString(file, "updater:\n  interval: soon\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), dir))
                .hasMessageContaining("updater.interval").hasMessageContaining("soon");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("PLIMSOLL_SERVER_ROLES", "api,cook"), dir))
                .hasMessageContaining("unknown role 'cook'");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("PLIMSOLL_SERVER_AUTH_PSK_KEY", "c2hvcnQ="), dir))
                .hasMessageContaining("HS256 needs at least 32");
    }
}
