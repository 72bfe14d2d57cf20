package io.plimsoll.server.analysis;

import static io.plimsoll.server.analysis.AnalysisTesting.CVE;
import static io.plimsoll.server.analysis.AnalysisTesting.awaitFinal;
import static io.plimsoll.server.analysis.AnalysisTesting.get;
import static io.plimsoll.server.analysis.AnalysisTesting.json;
import static io.plimsoll.server.analysis.AnalysisTesting.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Anchore-style API end to end: a real registry, a real PostgreSQL, real HTTP. */
class AnalysisApiTest {

    static final String BUNDLE = """
            {"id": "ci-bundle", "name": "CI", "version": "1_0",
             "policies": [{"id": "vulns", "name": "vulns", "version": "1_0", "rules": [
               {"id": "fixable-high", "gate": "vulnerabilities", "trigger": "package", "action": "STOP",
                "params": [{"name": "package_type", "value": "all"}, {"name": "severity_comparison", "value": ">="},
                           {"name": "severity", "value": "high"}, {"name": "fix_available", "value": "true"}]}]}],
             "whitelists": [], "whitelisted_images": [], "blacklisted_images": [],
             "mappings": [{"id": "all", "name": "all", "registry": "*", "repository": "*",
                           "image": {"type": "tag", "value": "*"}, "policy_id": "vulns", "whitelist_ids": []}]}
            """;

    @TempDir
    Path dir;

    @Test
    void anImageIsAnalysedMatchedAndCheckedAgainstAnUploadedBundle() throws Exception {
        LocalRegistry.requireBinary();
        TestImage img = AnalysisTesting.alpine("one");
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             PlimsollServer server = AnalysisTesting.server(TestPostgres.newDatabaseUrl(), dir, null, Map.of(),
                     ctx -> List.of(new AnalysisApiModule(ctx, AnalysisTesting.feed()),
                             new AnalysisWorkerModule(ctx, (RegistrySettings) null)))) {
            registry.push("team/alp", img, "3.19");
            String tag = registry.host() + "/team/alp:3.19";

            JsonNode queued = post(server, "/v1/images", "{\"tag\": \"" + tag + "\"}", 202).get(0);
            assertThat(queued.path("analysis_status").asText()).isIn("not_analyzed", "analyzing");
            assertThat(queued.path("image_detail").get(0).path("fulltag").asText()).isEqualTo(tag);
            JsonNode done = awaitFinal(server, queued.path("record_id").asText());
            assertThat(done.path("analysis_status").asText()).as(done.toString()).isEqualTo("analyzed");
            String digest = img.manifest().digest().toString();
            assertThat(done.path("imageDigest").asText()).isEqualTo(digest);
            assertThat(done.path("image_content").path("metadata").path("distro").asText()).isEqualTo("alpine");

            // submitting the analysed digest again returns its record instead of queueing a pull
            JsonNode again = post(server, "/v1/images", "{\"digest\": \"" + digest + "\"}", 200).get(0);
            assertThat(again.path("record_id").asText()).isEqualTo(queued.path("record_id").asText());
            // and in Anchore's newer "source" form: by digest with its tag, or a tag source whose pull string has one
            String pull = registry.host() + "/team/alp@" + digest;
            assertThat(post(server, "/v1/images", "{\"source\": {\"digest\": {\"pullstring\": \"" + pull
                    + "\", \"tag\": \"" + tag + "\"}}}", 200).get(0).path("record_id").asText())
                    .isEqualTo(queued.path("record_id").asText());
            assertThat(post(server, "/v1/images", "{\"source\": {\"tag\": {\"pullstring\": \"" + pull + "\"}}}", 200)
                    .get(0).path("record_id").asText()).isEqualTo(queued.path("record_id").asText());
            for (String refused : List.of("{\"source\": {\"archive\": {\"digest\": \"" + digest + "\"}}}",
                    "{\"source\": {\"tag\": {\"pullstring\": \"" + tag + "\"}, \"digest\": {\"pullstring\": \""
                            + pull + "\", \"tag\": \"" + tag + "\"}}}",
                    "{\"source\": {\"digest\": {\"pullstring\": \"" + tag + "\", \"tag\": \"" + tag + "\"}}}",
                    "{\"source\": {\"tag\": {}}}")) {
                HttpResponse<String> r = TestServers.send("POST", server.baseUrl() + "/v1/images", refused);
                assertThat(r.statusCode()).as(refused).isEqualTo(400);
                assertThat(json(r).path("message").asText()).as(refused).contains("source");
            }
            assertThat(get(server, "/v1/system/feeds", 200).get(0).path("name").asText()).isEqualTo("vulnerabilities");

            JsonNode byDigest = get(server, "/v1/images/" + digest, 200).get(0);
            assertThat(byDigest.path("record_id").asText()).isEqualTo(queued.path("record_id").asText());
            assertThat(get(server, "/v1/images", 200)).hasSize(1);
            assertThat(get(server, "/v1/images?fulltag=" + tag, 200)).hasSize(1);

            JsonNode os = get(server, "/v1/images/" + digest + "/vuln/os", 200);
            assertThat(os.path("vulnerability_type").asText()).isEqualTo("os");
            JsonNode v = os.path("vulnerabilities").get(0);
            assertThat(v.path("vuln").asText()).isEqualTo(CVE);
            assertThat(v.path("package_name").asText()).isEqualTo("musl");
            assertThat(v.path("package_version").asText()).isEqualTo(AnalysisTesting.MUSL_VERSION);
            assertThat(v.path("fix").asText()).isEqualTo("1.2.4_git20230717-r5");
            assertThat(v.path("severity").asText()).isEqualTo("High");
            assertThat(v.path("feed_group").asText()).isEqualTo("alpine:3.19");
            assertThat(get(server, "/v1/images/" + digest + "/vuln/non-os", 200).path("vulnerabilities")).isEmpty();
            assertThat(get(server, "/v1/images/" + digest + "/vuln/all", 200).path("vulnerabilities")).hasSize(1);

            // the built-in default pack applies while no bundle is uploaded: the secret in the image stops it
            JsonNode byDefault = checkResult(get(server, "/v1/images/" + digest + "/check?tag=" + tag, 200), digest, tag);
            assertThat(byDefault.path("policyId").asText()).isEqualTo("default");
            assertThat(finalAction(byDefault)).isEqualTo("stop");
            assertThat(rows(byDefault)).anySatisfy(r -> assertThat(r.get(3).asText()).isEqualTo("secret_scans"));

            // a broken bundle is refused naming the rule; a good one becomes the active bundle
            HttpResponse<String> bad = TestServers.send("POST", server.baseUrl() + "/v1/policies",
                    BUNDLE.replace("\"trigger\": \"package\"", "\"trigger\": \"no_such_trigger\""));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad).path("message").asText()).contains("fixable-high", "no_such_trigger");
            JsonNode policy = post(server, "/v1/policies", BUNDLE, 200);
            assertThat(policy.path("policyId").asText()).isEqualTo("ci-bundle");
            assertThat(policy.path("active").asBoolean()).isTrue();
            assertThat(get(server, "/v1/policies", 200)).hasSize(1);
            assertThat(get(server, "/v1/policies/ci-bundle", 200).get(0).path("policybundle").path("id").asText())
                    .isEqualTo("ci-bundle");

            JsonNode check = checkResult(get(server, "/v1/images/" + digest + "/check?tag=" + tag, 200), digest, tag);
            assertThat(check.path("policyId").asText()).isEqualTo("ci-bundle");
            assertThat(check.path("status").asText()).isEqualTo("fail");
            assertThat(finalAction(check)).isEqualTo("stop");
            List<JsonNode> hits = rows(check);
            assertThat(hits).hasSize(1);
            JsonNode hit = hits.get(0);
            assertThat(hit.get(2).asText()).contains(CVE);
            assertThat(hit.get(3).asText()).isEqualTo("vulnerabilities");
            assertThat(hit.get(4).asText()).isEqualTo("package");
            assertThat(hit.get(6).asText()).isEqualTo("stop");
            assertThat(hit.get(7).asBoolean()).isFalse();
            assertThat(hit.get(8).asText()).isEqualTo("vulns");

            // a whitelist for the CVE turns the hit into a whitelisted one and the action into go
            String allowed = BUNDLE.replace("\"whitelists\": []", "\"whitelists\": [{\"id\": \"ok\", \"name\": \"ok\","
                    + " \"version\": \"1_0\", \"items\": [{\"id\": \"i1\", \"gate\": \"vulnerabilities\","
                    + " \"trigger_id\": \"" + CVE + "+*\"}]}]").replace("\"whitelist_ids\": []", "\"whitelist_ids\": [\"ok\"]");
            HttpResponse<String> put = TestServers.send("PUT", server.baseUrl() + "/v1/policies/ci-bundle",
                    "{\"policyId\": \"ci-bundle\", \"active\": true, \"policybundle\": " + allowed + "}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            JsonNode go = checkResult(get(server, "/v1/images/" + digest + "/check?tag=" + tag, 200), digest, tag);
            assertThat(finalAction(go)).isEqualTo("go");
            assertThat(rows(go).get(0).get(7).path("whitelist_id").asText()).isEqualTo("i1");

            // the active bundle can be neither deactivated nor deleted (as Anchore); an unknown policy is a 404
            HttpResponse<String> off = TestServers.send("PUT", server.baseUrl() + "/v1/policies/ci-bundle",
                    "{\"policyId\": \"ci-bundle\", \"active\": false, \"policybundle\": " + allowed + "}");
            assertThat(off.statusCode()).as(off.body()).isEqualTo(409);
            assertThat(get(server, "/v1/policies/ci-bundle", 200).get(0).path("active").asBoolean()).isTrue();
            assertThat(TestServers.send("DELETE", server.baseUrl() + "/v1/policies/ci-bundle", null).statusCode())
                    .isEqualTo(409);
            get(server, "/v1/images/" + digest + "/check?tag=" + tag + "&policyId=nope", 404);

            assertThat(TestServers.get(server.baseUrl() + "/metrics").body()).contains("plimsoll_queue_depth");
        }
    }

    private static JsonNode checkResult(JsonNode body, String digest, String tag) {
        return body.get(0).path(digest).path(tag).get(0);
    }

    private static String finalAction(JsonNode eval) {
        return eval.path("detail").path("result").path("final_action").asText();
    }

    private static List<JsonNode> rows(JsonNode eval) {
        JsonNode results = eval.path("detail").path("result").path("result");
        JsonNode table = results.elements().next().path("result");
        List<JsonNode> out = new ArrayList<>();
        table.path("rows").forEach(out::add);
        return out;
    }

    @Test
    void anUnknownTagFailsTheAnalysisWithAClearErrorAndBadRequestsAre400() throws Exception {
        LocalRegistry.requireBinary();
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             PlimsollServer server = AnalysisTesting.server(TestPostgres.newDatabaseUrl(), dir, null, Map.of(),
                     ctx -> List.of(new AnalysisApiModule(ctx, AnalysisTesting.feed()),
                             new AnalysisWorkerModule(ctx, (RegistrySettings) null)))) {
            registry.push("team/alp", AnalysisTesting.alpine("x"), "3.19");
            // a digest with the repository to pull it from is analysed by digest
            TestImage byDigest = AnalysisTesting.alpine("by-digest");
            registry.push("team/pinned", byDigest, null);
            String pinned = registry.host() + "/team/pinned@" + byDigest.manifest().digest();
            JsonNode pulled = awaitFinal(server, post(server, "/v1/images", "{\"digest\": \"" + pinned + "\"}", 202)
                    .get(0).path("record_id").asText());
            assertThat(pulled.path("analysis_status").asText()).as(pulled.toString()).isEqualTo("analyzed");
            assertThat(pulled.path("imageDigest").asText()).isEqualTo(byDigest.manifest().digest().toString());

            String tag = registry.host() + "/team/alp:nope";
            JsonNode queued = post(server, "/v1/images", "{\"tag\": \"" + tag + "\"}", 202).get(0);
            JsonNode failed = awaitFinal(server, queued.path("record_id").asText());
            assertThat(failed.path("analysis_status").asText()).isEqualTo("analysis_failed");
            assertThat(failed.path("analysis_error").asText()).contains("team/alp", "nope", "not found");
            assertThat(AnalysisTesting.jobs(server)).last()
                    .satisfies(j -> assertThat(j.subList(0, 2)).containsExactly("failed", "3"));
            // its analysis is not there to match or check
            assertThat(TestServers.get(server.baseUrl() + "/v1/images/" + queued.path("record_id").asText()
                    + "/vuln/all").statusCode()).isEqualTo(404);

            for (String body : List.of("{", "[]", "{}", "{\"tag\": 5}", "{\"tag\": \"\"}", "{\"tag\": \"a b:c\"}",
                    "{\"digest\": \"sha256:abc\"}", "{\"digest\": \"sha256:" + "a".repeat(64) + "\"}")) {
                HttpResponse<String> r = TestServers.send("POST", server.baseUrl() + "/v1/images", body);
                assertThat(r.statusCode()).as(body).isEqualTo(400);
                // Anchore's error body on /v1: the status as code, our code as error_type
                assertThat(json(r).path("code").asInt()).as(body).isEqualTo(400);
                assertThat(json(r).path("error_type").asText()).as(body).isEqualTo("bad-request");
                assertThat(json(r).path("message").asText()).as(body).isNotBlank();
            }
            assertThat(TestServers.send("POST", server.baseUrl() + "/v1/policies", "{\"id\": 1}").statusCode())
                    .isEqualTo(400);
            assertThat(TestServers.send("POST", server.baseUrl() + "/v1/policies", "nope").statusCode())
                    .isEqualTo(400);
            String unknown = "sha256:" + "b".repeat(64);
            assertThat(json(TestServers.get(server.baseUrl() + "/v1/images/" + unknown)).path("error_type").asText())
                    .isEqualTo("not-found");
            assertThat(TestServers.get(server.baseUrl() + "/v1/images/" + unknown + "/vuln/bogus").statusCode())
                    .isEqualTo(400);
            // still serving
            assertThat(TestServers.get(server.baseUrl() + "/v1/images").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTagOnTheServersOwnNetworkIsRefusedWithoutPrivateAddressesAllowed() throws Exception {
        LocalRegistry.requireBinary();
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("loopback-registry"));
             PlimsollServer server = AnalysisTesting.server(TestPostgres.newDatabaseUrl(), dir, null,
                     Map.of("indexer.allow_private_addresses", "false"),
                     ctx -> List.of(new AnalysisApiModule(ctx, AnalysisTesting.feed()),
                             new AnalysisWorkerModule(ctx, (RegistrySettings) null)))) {
            registry.push("team/alp", AnalysisTesting.alpine("private"), "3.19");
            String tag = registry.host() + "/team/alp:3.19";
            JsonNode queued = post(server, "/v1/images", "{\"tag\": \"" + tag + "\"}", 202).get(0);
            JsonNode failed = awaitFinal(server, queued.path("record_id").asText());
            assertThat(failed.path("analysis_status").asText()).isEqualTo("analysis_failed");
            assertThat(failed.path("analysis_error").asText()).contains("127.0.0.1", "loopback",
                    "allow_private_addresses");
            assertThat(registry.blobGets()).isZero();
            // a refusal is final: one attempt, not the queue's usual retries
            assertThat(AnalysisTesting.jobs(server)).singleElement()
                    .satisfies(job -> assertThat(job.subList(0, 2)).containsExactly("failed", "1"));
        }
    }
}
