package io.plimsoll.server.vulndb;

import io.plimsoll.server.testing.ClairSchemas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.vuln.feed.Updater;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateOperationsModuleTest {

    private static final String OPS = "/matcher/api/v1/internal/update_operation";
    private static final String DIFF = "/matcher/api/v1/internal/update_diff";

    @TempDir
    Path tmp;

    @Test
    void updateOperationsAndDiffsAreServedAsClairDoes() throws Exception {
        // every response below is checked against Clair's schemas, so without them there is nothing to test
        io.plimsoll.image.testing.SharedCorpus.require("api/clair-v4/types/v1");
        Path from = tmp.resolve("feeds");
        VulnTestFeeds.debian(from, 2);
        VulnTestFeeds.write(from.resolve("kev/known_exploited_vulnerabilities.json"), kev("CVE-2024-10000"));
        List<Updater> updaters = Ecosystems.updaters(Optional.empty()).stream()
                .filter(u -> u.name().equals("debian") || u.name().equals("kev")).toList();
        UpdaterModule[] updater = new UpdaterModule[1];
        try (PlimsollServer server = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), tmp,
                Map.of("updater.from", from.toString())), null, ctx -> {
                    updater[0] = new UpdaterModule(ctx, updaters);
                    return List.of(updater[0], new UpdateOperationsModule(ctx));
                })) {
            String base = server.baseUrl();
            assertThat(json(TestServers.get(base + OPS), 200).size()).isZero();

            updater[0].runOnce().orElseThrow();
            VulnTestFeeds.debian(from, 3);
            updater[0].runOnce().orElseThrow();
            VulnTestFeeds.debian(from, 5);
            Files.delete(from.resolve("kev/known_exploited_vulnerabilities.json"));
            VulnTestFeeds.write(from.resolve("kev/known_exploited_vulnerabilities.json"), kev("CVE-2024-10001"));
            updater[0].runOnce().orElseThrow();

            JsonNode all = json(TestServers.get(base + OPS), 200);
            // the validator does reject what the schema does not allow (else the checks below prove nothing)
            JsonNode wrong = Exchange.JSON.readTree("{\"debian\":[{\"ref\":\"x\",\"updater\":\"debian\"}]}");
            assertThatThrownBy(() -> ClairSchemas.assertValid("update_operations", wrong))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("fingerprint");
            ClairSchemas.assertValid("update_operations", all);
            assertThat(all.fieldNames()).toIterable().containsExactly("debian");
            JsonNode debianOps = all.get("debian");
            assertThat(debianOps).hasSize(3);
            assertThat(debianOps.get(0).path("kind").asText()).isEqualTo("vulnerability");
            String newest = debianOps.get(0).path("ref").asText();
            String middle = debianOps.get(1).path("ref").asText();
            String oldest = debianOps.get(2).path("ref").asText();

            JsonNode enrichment = json(TestServers.get(base + OPS + "?kind=enrichment"), 200);
            ClairSchemas.assertValid("update_operations", enrichment);
            assertThat(enrichment.path("kev")).hasSize(2);

            HttpResponse<String> latestResponse = TestServers.get(base + OPS + "?latest=true");
            JsonNode latest = json(latestResponse, 200);
            ClairSchemas.assertValid("update_operations", latest);
            assertThat(latest.get("debian")).singleElement()
                    .satisfies(o -> assertThat(o.path("ref").asText()).isEqualTo(newest));
            String etag = latestResponse.headers().firstValue("ETag").orElseThrow();
            assertThat(TestServers.get(base + OPS + "?latest=true", "If-None-Match", etag).statusCode())
                    .isEqualTo(304);

            // oldest → newest: pkg2, pkg3 and pkg4 were added over two updates
            JsonNode diff = json(TestServers.get(base + DIFF + "?prev=" + oldest + "&cur=" + newest), 200);
            ClairSchemas.assertValid("update_diff", diff);
            assertThat(diff.path("prev").path("ref").asText()).isEqualTo(oldest);
            assertThat(diff.path("cur").path("ref").asText()).isEqualTo(newest);
            assertThat(names(diff.path("added"))).containsExactlyInAnyOrder("pkg2", "pkg3", "pkg4");
            assertThat(diff.path("removed")).isEmpty();
            JsonNode v = diff.path("added").get(0);
            assertThat(v.path("updater").asText()).isEqualTo("debian");
            assertThat(v.path("name").asText()).startsWith("CVE-2024-1000");
            assertThat(v.path("distribution").path("did").asText()).isEqualTo("debian");
            assertThat(v.path("fixed_in_version").asText()).matches("1\\.[234]-1");
            for (JsonNode each : diff.path("added")) {
                ClairSchemas.assertValid("vulnerability", each);
            }
            // without cur: up to the latest of prev's updater
            JsonNode toLatest = json(TestServers.get(base + DIFF + "?prev=" + middle), 200);
            ClairSchemas.assertValid("update_diff", toLatest);
            assertThat(names(toLatest.path("added"))).containsExactlyInAnyOrder("pkg3", "pkg4");

            // deleting the middle operation keeps oldest → newest right (its diff moves into newest)
            assertThat(TestServers.send("DELETE", base + OPS + "/" + middle, null).statusCode()).isEqualTo(200);
            assertThat(json(TestServers.get(base + OPS), 200).get("debian")).hasSize(2);
            JsonNode after = json(TestServers.get(base + DIFF + "?prev=" + oldest + "&cur=" + newest), 200);
            assertThat(names(after.path("added"))).containsExactlyInAnyOrder("pkg2", "pkg3", "pkg4");
            assertError(TestServers.get(base + DIFF + "?prev=" + middle), 404, middle);

            // bad input: Clair error bodies, and the server keeps serving
            assertError(TestServers.send("DELETE", base + OPS + "/" + middle, null), 404, middle);
            assertError(TestServers.send("DELETE", base + OPS + "/sha256:abc", null), 400, "UUID");
            assertError(TestServers.get(base + DIFF), 400, "prev");
            assertError(TestServers.get(base + DIFF + "?prev=nope"), 400, "nope");
            assertError(TestServers.get(base + DIFF + "?prev=" + newest + "&cur=" + oldest), 400, "newer");
            String kevRef = enrichment.path("kev").get(0).path("ref").asText();
            assertError(TestServers.get(base + DIFF + "?prev=" + oldest + "&cur=" + kevRef), 400, "updater");
            assertError(TestServers.get(base + OPS + "?latest=maybe"), 400, "latest");
            assertError(TestServers.get(base + OPS + "?kind=gossip"), 400, "kind");
            assertThat(TestServers.get(base + OPS).statusCode()).isEqualTo(200);
        }
    }

    private static String kev(String cve) {
        return "{\"title\":\"CISA Catalog of Known Exploited Vulnerabilities\",\"catalogVersion\":\"2024.01.01\","
                + "\"dateReleased\":\"2024-01-01T00:00:00.000Z\",\"count\":1,\"vulnerabilities\":[{\"cveID\":\"" + cve
                + "\",\"vendorProject\":\"Acme\",\"product\":\"Widget\",\"vulnerabilityName\":\"Acme Widget flaw\","
                + "\"dateAdded\":\"2024-01-01\",\"shortDescription\":\"x\",\"requiredAction\":\"Patch.\","
                + "\"dueDate\":\"2024-01-22\",\"knownRansomwareCampaignUse\":\"Unknown\",\"notes\":\"\"}]}";
    }

    private static List<String> names(JsonNode vulns) {
        List<String> out = new java.util.ArrayList<>();
        vulns.forEach(v -> out.add(v.path("package").path("name").asText()));
        return out;
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return Exchange.JSON.readTree(r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String mentions) throws Exception {
        JsonNode body = json(r, status);
        ClairSchemas.assertValid("error", body);
        assertThat(body.path("message").asText()).contains(mentions);
    }
}
