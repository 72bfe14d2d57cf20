package io.plimsoll.server.e2e;

import io.plimsoll.server.testing.ClairSchemas;
import static io.plimsoll.server.e2e.E2eFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonParser;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clair's own examples (../shared/api/clair-v4, skipped when absent): each is valid against its schema, and the
 * request bodies among them are accepted by a production-wired server.
 */
class ClairExamplesTest {

    @TempDir
    Path dir;

    private static Path examples() {
        return ClairSchemas.clairRoot().resolve("api/v1/examples");
    }

    /** The JSON values in an example file: some (cpe, digest) hold several, one per line. */
    private static List<JsonNode> values(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        // a plain parser, not readValues(): that would unwrap a top-level array into its elements
        try (JsonParser p = Exchange.JSON.createParser(file.toFile())) {
            while (p.nextToken() != null) {
                out.add(Exchange.JSON.readTree(p));
            }
        }
        return out;
    }

    /**
     * Upstream writes the environment example as an OpenAPI Example Object ({@code {"value": ...}}, as in
     * openapi.yaml); the schema describes what is inside {@code value}.
     */
    private static JsonNode unwrapExampleObject(JsonNode n) {
        return n.isObject() && n.size() == 1 && n.has("value") ? n.get("value") : n;
    }

    /**
     * Five upstream examples drift from upstream's own schemas (they predate them): affected_manifests abbreviates
     * each vulnerability to {@code {"id"}}; the vulnerabilities of notification_page, vulnerability and
     * vulnerability_summary lack the {@code arch_op} a {@code package} requires, and vulnerability(_summary) say
     * {@code dist}/{@code repo} for {@code distribution}/{@code repository}; packages write {@code kind} in lower
     * case where the schema's enum is upper case, {@code "source": null} where an object is required and {@code "cpe": ""} where a CPE is; the
     * summaries (notification_page's, vulnerability_summary) carry {@code description} and {@code links}, which a
     * summary may not. This
     * repairs exactly those points (and nothing else), so every other part of every example is still checked.
     */
    private static JsonNode repaired(String schema, JsonNode example) {
        JsonNode n = example.deepCopy();
        switch (schema) {
            case "affected_manifests" -> {
                ObjectNode vulns = (ObjectNode) n.path("vulnerabilities");
                vulns.fields().forEachRemaining(e -> {
                    ObjectNode v = (ObjectNode) e.getValue();
                    if (v.size() == 1) { // {"id": ...}: the least a vulnerability needs besides its id
                        v.put("updater", "").put("name", "CVE-0000-0000").put("normalized_severity", "Unknown");
                        v.putObject("distribution").put("id", "1");
                    }
                });
            }
            case "notification_page" -> n.path("notifications").forEach(i -> repairSummary((ObjectNode) i.path("vulnerability")));
            case "vulnerability" -> repairCore((ObjectNode) n);
            case "vulnerability_summary" -> repairSummary((ObjectNode) n);
            case "package" -> repairPackage((ObjectNode) n);
            default -> {
            }
        }
        return n;
    }

    /** A summary is the core of a vulnerability only: no description or links. */
    private static void repairSummary(ObjectNode v) {
        v.remove("description");
        v.remove("links");
        repairCore(v);
    }

    private static void repairCore(ObjectNode v) {
        if (v.has("dist")) {
            v.set("distribution", v.remove("dist"));
        }
        if (v.has("repo")) {
            v.set("repository", v.remove("repo"));
        }
        if (v.has("package") && !v.has("arch_op")) {
            v.put("arch_op", "equals");
        }
        if (v.path("package").isObject()) {
            repairPackage((ObjectNode) v.get("package"));
        }
    }

    private static void repairPackage(ObjectNode p) {
        if (p.path("kind").isTextual()) {
            p.put("kind", p.get("kind").asText().toUpperCase(java.util.Locale.ROOT));
        }
        if (p.path("cpe").asText("-").isEmpty()) {
            p.remove("cpe");
        }
        if (p.has("source") && p.get("source").isNull()) {
            p.remove("source");
        }
        if (p.path("source").isObject()) {
            repairPackage((ObjectNode) p.get("source"));
        }
    }

    private static JsonNode example(String name) throws IOException {
        return values(examples().resolve(name)).get(0);
    }

    @Test
    void everyExampleIsValidAgainstTheSchemaOfItsName() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(examples())) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(11);
        int checked = 0;
        for (Path f : files) {
            String schema = f.getFileName().toString().replaceFirst("\\.json$", "");
            assertThat(ClairSchemas.clairRoot().resolve("types/v1/" + schema + ".schema.json")).as(schema).exists();
            List<JsonNode> values = values(f);
            assertThat(values).as(f.toString()).isNotEmpty();
            for (JsonNode v : values) {
                JsonNode checkedForm = repaired(schema, unwrapExampleObject(v));
                assertThat(ClairSchemas.errors(schema, checkedForm)).as(f + ": " + checkedForm).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(13); // cpe and digest hold two and three values
        // the validator rejects what it should: a manifest hash that is no digest
        ObjectNode broken = (ObjectNode)
                example("manifest.json").deepCopy();
        broken.put("hash", "md5:abc");
        assertThat(ClairSchemas.errors("manifest", broken)).isNotEmpty();
    }

    @Test
    void theRequestExamplesAreAcceptedByTheServer() throws Exception {
        ClairSchemas.clairRoot();
        try (PlimsollServer server = TestServers.start(
                TestServers.config(TestPostgres.newDatabaseUrl(), dir, Map.of()), null)) {
            String base = server.baseUrl();

            // manifest.json: the body is fine; its layer lives on storage.example.com, which this server may not
            // reach (no such host here, or the address guard): a clear error about that layer, not about the body
            JsonNode manifest = example("manifest.json");
            HttpResponse<String> indexed = TestServers.send("POST", base + "/indexer/api/v1/index_report",
                    manifest.toString());
            assertThat(indexed.statusCode()).as(indexed.body()).isIn(400, 422, 502);
            JsonNode err = json(indexed.body());
            String message = err.path("message").asText() + err.path("err").asText();
            assertThat(message).as(indexed.body()).contains("storage.example.com");
            assertThat(message).doesNotContainIgnoringCase("json").doesNotContain("hash");

            // bulk_delete.json: nothing of it is indexed, so nothing is deleted
            HttpResponse<String> deleted = TestServers.send("DELETE", base + "/indexer/api/v1/index_report",
                    example("bulk_delete.json").toString());
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
            ClairSchemas.assertValid("bulk_delete", json(deleted.body()));
            assertThat(json(deleted.body())).isEmpty();

            // vulnerability_summary.json, as the array of summaries openapi.yaml specifies for affected_manifest
            String summaries = "[" + example("vulnerability_summary.json") + "]";
            // (sent as upstream wrote it: dist/repo and no arch_op; unknown members are ignored, as Clair does)
            HttpResponse<String> affected = TestServers.send("POST",
                    base + "/indexer/api/v1/internal/affected_manifest", summaries);
            assertThat(affected.statusCode()).as(affected.body()).isEqualTo(200);
            ClairSchemas.assertValid("affected_manifests", json(affected.body()));
            JsonNode vulnerable = json(affected.body()).path("vulnerable_manifests");
            assertThat(vulnerable.path("CVE-2009-5155")).isEmpty(); // nothing is indexed
            assertThat(json(affected.body()).path("vulnerabilities").path("CVE-2009-5155").path("distribution")
                    .path("did").asText()).isEqualTo("ubuntu");
        }
    }
}
