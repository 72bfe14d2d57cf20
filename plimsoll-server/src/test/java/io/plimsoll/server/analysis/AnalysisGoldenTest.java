package io.plimsoll.server.analysis;

import static io.plimsoll.server.analysis.AnalysisTesting.awaitFinal;
import static io.plimsoll.server.analysis.AnalysisTesting.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Anchore-style /v1 bodies, byte for byte, on a fixed image and feed: the image record, its vulnerabilities,
 * policy checks under the built-in pack and an uploaded bundle, the policy record and the feed list. They were
 * recorded before the analysis modules moved onto the application services, so the move is proven not to change a
 * byte. Only what is inherently variable is normalised: the registry's port, generated ids and timestamps.
 *
 * <p>To re-record after a deliberate change: {@code -Danalysis.golden.write=true}, then review the diff.
 */
class AnalysisGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/analysis");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TIME = Pattern.compile("\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z\"");

    @TempDir
    Path dir;

    private final Map<String, String> recorded = new LinkedHashMap<>();

    @Test
    void anchoreBodiesAreByteIdenticalToTheRecordedOnes() throws Exception {
        LocalRegistry.requireBinary();
        TestImage img = AnalysisTesting.alpine("golden");
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             PlimsollServer server = AnalysisTesting.server(TestPostgres.newDatabaseUrl(), dir, null, Map.of(),
                     ctx -> List.of(new AnalysisApiModule(ctx, AnalysisTesting.feed()),
                             new AnalysisWorkerModule(ctx, (RegistrySettings) null)))) {
            registry.push("team/alp", img, "3.19");
            String tag = registry.host() + "/team/alp:3.19";
            String digest = img.manifest().digest().toString();
            String id = post(server, "/v1/images", "{\"tag\": \"" + tag + "\"}", 202).get(0).path("record_id").asText();
            assertThat(awaitFinal(server, id).path("analysis_status").asText()).isEqualTo("analyzed");

            String host = registry.host();
            record("image", get(server, "/v1/images/" + digest), host);
            record("vuln_all", get(server, "/v1/images/" + digest + "/vuln/all"), host);
            record("vuln_os", get(server, "/v1/images/" + digest + "/vuln/os"), host);
            record("check_default", get(server, "/v1/images/" + digest + "/check?tag=" + tag), host);
            HttpResponse<String> added = TestServers.send("POST", server.baseUrl() + "/v1/policies",
                    AnalysisApiTest.BUNDLE);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
            record("policy_added", added.body(), host);
            record("policy", get(server, "/v1/policies/ci-bundle"), host);
            record("check_bundle", get(server, "/v1/images/" + digest + "/check?tag=" + tag), host);
            record("feeds", get(server, "/v1/system/feeds"), host);
        }
        compareOrWrite();
    }

    private static String get(PlimsollServer s, String path) throws Exception {
        HttpResponse<String> r = TestServers.get(s.baseUrl() + path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    private void record(String name, String body, String registryHost) {
        recorded.put(name, normalise(body.replace(registryHost, "<registry>")));
    }

    /** UUIDs become {@code <uuid-N>} numbered by first appearance; timestamps become {@code <time>}. */
    private static String normalise(String body) {
        Map<String, String> ids = new LinkedHashMap<>();
        Matcher u = UUID.matcher(body);
        StringBuilder out = new StringBuilder();
        while (u.find()) {
            String id = ids.computeIfAbsent(u.group(), k -> "<uuid-" + (ids.size() + 1) + ">");
            u.appendReplacement(out, Matcher.quoteReplacement(id));
        }
        u.appendTail(out);
        return TIME.matcher(out).replaceAll("\"<time>\"");
    }

    private void compareOrWrite() throws IOException {
        boolean write = Boolean.getBoolean("analysis.golden.write");
        for (Map.Entry<String, String> e : recorded.entrySet()) {
            Path file = GOLDEN.resolve(e.getKey() + ".json");
            if (write) {
                Files.createDirectories(GOLDEN);
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            } else {
                assertThat(file).as("golden file (record with -Danalysis.golden.write=true)").exists();
                assertThat(e.getValue()).as(e.getKey()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }
}
