package io.plimsoll.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.testing.Await;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scan on push against the real docker-registry, configured as a user configures it: its {@code notifications}
 * section sends every event to the server's {@code /webhooks/registry} with the token as a Bearer header, and a
 * push alone gets the image analysed, as the Anchore API shows. Then the edges: the address guard, no token, a
 * replayed event, a pull event, bad bodies, and Harbor's, Docker Hub's and Quay's documented payloads (fixtures
 * under {@code webhooks/}, their host rewritten to the test registry's).
 */
class PushWebhookTest {

    private static final String TOKEN = "push-token-0123456789abcdef";
    private static final String BEARER = "Bearer " + TOKEN;

    @TempDir
    Path dir;

    private PlimsollServer server;

    @Test
    void aPushToTheRegistryIsAnalysedWithNoOtherCall() throws Exception {
        LocalRegistry.requireBinary();
        String db = TestPostgres.newDatabaseUrl();
        TestImage image = alpine("1.2.4_git20230717-r4");
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        try (PlimsollServer s = TestServers.start(TestServers.config(db, dir, Map.of("roles", "api,indexer",
                "analysis.poll", "100ms", "analysis.lease", "5s", "indexer.allow_private_addresses", "false",
                "webhooks.token", TOKEN, "registries.secret_key", "0HhNWBzBVOyxkKx1SyUF9jO6Wq8FQl3VO2aOWsBDv6E=")),
                log);
             LocalRegistry registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")),
                     notifying(s.baseUrl() + "/webhooks/registry"))) {
            server = s;
            String host = registry.host();

            // a loopback registry the account never registered: queued by the push, refused by the address guard
            registry.push("team/app", image, "0.9");
            assertThat(awaitDone(host + "/team/app:0.9").path("analysis_status").asText()).isEqualTo("analysis_failed");
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("resolves to 127.0.0.1");

            // registered (on a private address, which registering allows): the next push is analysed
            HttpResponse<String> added = TestServers.send("POST", s.baseUrl() + "/v1/registries?validate=false",
                    "{\"registry\": \"" + host + "\", \"registry_user\": \"ci\", \"registry_pass\": \"ci-pw\","
                            + " \"registry_verify\": false}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
            registry.push("team/app", image, "1.0");
            JsonNode analysed = awaitDone(host + "/team/app:1.0");
            assertThat(analysed.path("analysis_status").asText()).isEqualTo("analyzed");
            assertThat(analysed.path("imageDigest").asText()).isEqualTo(image.manifest().digest().toString());
            assertThat(analysed.path("annotations").path(PushWebhookModule.ANNOTATION).asText()).isEqualTo("registry");
            HttpResponse<String> content = TestServers.get(s.baseUrl() + "/v1/images/"
                    + image.manifest().digest() + "/content/os");
            assertThat(content.body()).contains("musl");
            // the tag's subscriptions exist, as for POST /v1/images
            assertThat(TestServers.get(s.baseUrl() + "/v1/subscriptions").body()).contains(host + "/team/app:1.0");

            String digest = image.manifest().digest().toString();
            String event = event("ev-1", "push", "team/replay", "r1", digest, "http://" + host);
            HttpResponse<String> anonymous = post("registry", event);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(json(anonymous).path("message").asText()).contains("webhooks.token");
            HttpResponse<String> wrong = post("registry", event, "Authorization", "Bearer not-the-token");
            assertThat(wrong.statusCode()).isEqualTo(401);

            JsonNode first = json(accepted(202, post("registry", event, "Authorization", BEARER)));
            assertThat(first.at("/queued/0/pull_reference").asText()).isEqualTo(host + "/team/replay:r1@" + digest);
            JsonNode again = json(accepted(200, post("registry", event, "Authorization", BEARER)));
            assertThat(again.path("queued")).isEmpty();
            assertThat(again.path("replayed").asInt()).isEqualTo(1);
            assertThat(images(host + "/team/replay:r1")).hasSize(1);

            JsonNode pull = json(accepted(200, post("registry", event("ev-2", "pull", "team/app", "1.0", digest,
                    "http://" + host), "Authorization", BEARER)));
            assertThat(pull.path("queued")).isEmpty();
            assertThat(pull.path("ignored").asInt()).isEqualTo(1);

            expectBadRequest("registry", "{\"events\": ", "malformed JSON");
            expectBadRequest("registry", "{\"event\": []}", "'events'");
            expectBadRequest("registry", event("ev-3", "push", "team/app", "1.0", "sha256:abc", "http://" + host),
                    "target.digest");

            fixtures(s, registry, image);
            assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN);
        }
        // the same database with no token: the routes are closed
        try (PlimsollServer closed = TestServers.start(TestServers.config(db, dir.resolve("closed"),
                Map.of("roles", "api")), null)) {
            server = closed;
            HttpResponse<String> r = post("registry", "{\"events\": []}", "Authorization", BEARER);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r).path("message").asText()).contains("webhooks.token");
        }
    }

    /** Harbor's, Docker Hub's and Quay's documented payloads, each queued as the image it names. */
    private void fixtures(PlimsollServer s, LocalRegistry registry, TestImage image) throws Exception {
        String host = registry.host();
        String digest = image.manifest().digest().toString();
        registry.push("test-webhook/debian", image, "latest");
        String harbor = fixture("harbor-push-artifact.json").replace("hub.harbor.com", host)
                .replace("sha256:8a9e9863dbb6e10edb5adfe917c00da84e1700fa76e7ed02476aa6e6fb8ee0d8", digest);
        JsonNode queued = json(accepted(202, post("harbor", harbor, "Authorization", BEARER)));
        assertThat(queued.at("/queued/0/pull_reference").asText())
                .isEqualTo(host + "/test-webhook/debian:latest@" + digest);
        assertThat(queued.at("/queued/0/tag").asText()).isEqualTo(host + "/test-webhook/debian:latest");
        String id = queued.at("/queued/0/id").asText();
        JsonNode harborImage = Await.value("the Harbor push analysed", () -> call(() -> {
            JsonNode r = json(TestServers.get(s.baseUrl() + "/v1/images/" + id)).path(0);
            return r.path("analysis_status").asText().equals("analyzed") ? Optional.of(r) : Optional.empty();
        }));
        assertThat(harborImage.path("imageDigest").asText()).isEqualTo(digest);
        assertThat(json(accepted(200, post("harbor", harbor, "Authorization", BEARER))).path("replayed").asInt())
                .isEqualTo(1);
        assertThat(json(accepted(200, post("harbor", harbor.replace("PUSH_ARTIFACT", "PULL_ARTIFACT"),
                "Authorization", BEARER))).path("ignored").asInt()).isEqualTo(1);

        // Docker Hub cannot send headers: the token is in the URL
        HttpResponse<String> hub = TestServers.send("POST", s.baseUrl() + "/webhooks/dockerhub?token="
                + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8), fixture("dockerhub-push.json"));
        assertThat(json(accepted(202, hub)).at("/queued/0/pull_reference").asText())
                .isEqualTo("docker.io/svendowideit/testhook:latest");
        assertThat(images("docker.io/svendowideit/testhook:latest")).hasSize(1);

        String quay = fixture("quay-repository-push.json").replace("quay.io/dgangaia", host + "/dgangaia");
        JsonNode quayQueued = json(accepted(202, post("quay", quay, "Authorization", BEARER)));
        assertThat(quayQueued.at("/queued/0/pull_reference").asText()).isEqualTo(host + "/dgangaia/test:latest");
        assertThat(images(host + "/dgangaia/test:latest")).hasSize(1);
        // quay.io's older form: updated_tags maps each tag to its image id
        String imageId = "b750fe79269d2ec9a3c593ef05b4332b1d1a02a62b4accb2c21d589ff2f5f2dc";
        JsonNode older = json(accepted(202, post("quay", "{\"docker_url\": \"" + host + "/devtable/ubuntu\","
                + " \"updated_tags\": {\"latest\": \"" + imageId + "\", \"14.04\": \"" + imageId + "\"}}",
                "Authorization", BEARER)));
        assertThat(older.path("queued")).extracting(q -> q.path("pull_reference").asText())
                .containsExactly(host + "/devtable/ubuntu:latest", host + "/devtable/ubuntu:14.04");

        // one sender's body at another's route names what it lacks
        expectBadRequest("quay", harbor, "docker_url");
        expectBadRequest("dockerhub", quay, "repository.repo_name");
    }

    /** distribution's configuration section sending every event to {@code url} with the token. */
    private static LocalRegistry.Setup notifying(String url) {
        String notifications = "notifications:\n  endpoints:\n    - name: plimsoll\n      url: " + url + "\n"
                + "      headers:\n        Authorization: [\"" + BEARER + "\"]\n"
                + "      timeout: 5s\n      threshold: 5\n      backoff: 1s\n";
        // Setup's auth field is the YAML appended to the registry's configuration; this registry has no auth
        return new LocalRegistry.Setup("127.0.0.1", notifications, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** One event of distribution's envelope, as docker-registry 2.8 writes it. */
    private static String event(String id, String action, String repository, String tag, String digest,
                                String base) {
        return "{\"events\": [{\"id\": \"" + id + "\", \"timestamp\": \"2026-12-06T10:00:00Z\", \"action\": \""
                + action + "\", \"target\": {\"mediaType\": \"application/vnd.oci.image.manifest.v1+json\","
                + " \"size\": 700, \"digest\": \"" + digest + "\", \"length\": 700, \"repository\": \"" + repository
                + "\", \"url\": \"" + base + "/v2/" + repository + "/manifests/" + digest + "\", \"tag\": \"" + tag
                + "\"}, \"request\": {\"id\": \"r\", \"host\": \"" + base.replaceFirst("^https?://", "")
                + "\", \"method\": \"PUT\"}, \"actor\": {}, \"source\": {\"addr\": \"x:5000\"}}]}";
    }

    private static TestImage alpine(String muslVersion) {
        return TestImage.create().layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                .file("lib/apk/db/installed", "P:musl\nV:" + muslVersion + "\nA:x86_64\nL:MIT\no:musl\n\n"),
                Compressor.GZIP, "/bin/sh -c #(nop) ADD file:alpine in / ");
    }

    /** The tag's record once its analysis has ended, either way. */
    private JsonNode awaitDone(String fullTag) throws Exception {
        return Await.value(fullTag + " analysed or failed", () -> call(() -> {
            List<JsonNode> records = images(fullTag);
            return records.stream().filter(r -> !r.path("analysis_status").asText().matches("not_analyzed|analyzing"))
                    .findFirst();
        }));
    }

    private List<JsonNode> images(String fullTag) throws Exception {
        HttpResponse<String> r = TestServers.get(server.baseUrl() + "/v1/images?fulltag="
                + URLEncoder.encode(fullTag, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new java.util.ArrayList<>();
        json(r).forEach(out::add);
        return out;
    }

    private void expectBadRequest(String sender, String body, String mentions) throws Exception {
        HttpResponse<String> r = post(sender, body, "Authorization", BEARER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(json(r).path("message").asText()).contains(mentions);
    }

    private HttpResponse<String> post(String sender, String body, String... headers) throws Exception {
        return TestServers.send("POST", server.baseUrl() + "/webhooks/" + sender, body, headers);
    }

    private static HttpResponse<String> accepted(int status, HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r;
    }

    private static String fixture(String name) throws Exception {
        try (InputStream in = PushWebhookTest.class.getResourceAsStream("/webhooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Exchange.JSON.readTree(r.body());
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
}
