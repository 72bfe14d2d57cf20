package io.plimsoll.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.server.vulndb.CachingVulnStore;
import io.plimsoll.server.vulndb.UpdaterModule;
import io.plimsoll.vuln.testing.JsonListUpdater;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's vuln benchmark: 16 concurrent clients on {@code GET /v1/images/{digest}/vuln/all} of one image with
 * 1,500 findings (300 Debian packages, five advisories each), through the production store (PostgreSQL behind
 * {@link CachingVulnStore}, loaded by a feed update) and the HTTP API of a real server. Not part of the test command:
 * {@code mvn -B -o verify -pl plimsoll-server -am -Dtest=VulnAllBenchTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dplimsoll.bench=true}. Prints one client's p50/p99, then the 16 clients' p50/p99 and requests per second.
 */
@EnabledIfSystemProperty(named = "plimsoll.bench", matches = "true")
class VulnAllBenchTest {

    private static final int PACKAGES = 300;
    private static final int ADVISORIES_EACH = 5;
    private static final int CLIENTS = 16;
    private static final int REQUESTS_EACH = 40;

    @TempDir
    Path dir;

    @Test
    void sixteenClientsOnVulnAll() throws Exception {
        Path feeds = dir.resolve("feeds");
        StringBuilder list = new StringBuilder("[");
        for (int p = 0; p < PACKAGES; p++) {
            for (int a = 0; a < ADVISORIES_EACH; a++) {
                list.append(list.length() > 1 ? "," : "").append("{\"id\":\"CVE-2024-").append(10000 + p * 10 + a)
                        .append("\",\"ns\":\"debian:12\",\"pkg\":\"pkg").append(p).append("\",\"fixed\":\"2.0-1\"}");
            }
        }
        Files.createDirectories(feeds.resolve("bench"));
        Files.writeString(feeds.resolve("bench/list.json"), list.append("]").toString());
        UpdaterModule[] updater = new UpdaterModule[1];
        // no admin password: every caller is admin, so the numbers are the match's and the API's, not bcrypt's
        try (PlimsollServer s = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), dir.resolve("d"),
                Map.of("roles", "api,updater", "updater.interval", "0", "updater.from", feeds.toString())), null,
                ctx -> {
                    updater[0] = new UpdaterModule(ctx, List.of(new JsonListUpdater("bench")));
                    return List.of(updater[0], new AnalysisApiModule(ctx,
                            new CachingVulnStore(ctx.database().dataSource(), 200_000)));
                })) {
            assertThat(updater[0].runOnce().orElseThrow().allOk()).isTrue();
            HttpResponse<String> imported = TestServers.send("POST", s.baseUrl() + "/v1/import/images?tag="
                    + "registry.example/bench/app:1", sbom());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            String url = s.baseUrl() + "/v1/images/" + Exchange.JSON.readTree(imported.body()).get(0)
                    .path("imageDigest").asText() + "/vuln/all";
            JsonNode first = Exchange.JSON.readTree(TestServers.get(url).body());
            assertThat(first.path("vulnerabilities")).hasSize(PACKAGES * ADVISORIES_EACH);
            for (int i = 0; i < 20; i++) {
                TestServers.get(url);
            }
            // one client first: what a request costs when it has the server to itself
            long[] alone = new long[REQUESTS_EACH];
            for (int i = 0; i < REQUESTS_EACH; i++) {
                long t = System.nanoTime();
                TestServers.get(url);
                alone[i] = System.nanoTime() - t;
            }
            Arrays.sort(alone);
            System.out.printf("vuln/all, one client: p50 %.1f ms  p99 %.1f ms%n", alone[REQUESTS_EACH / 2] / 1e6,
                    alone[REQUESTS_EACH * 99 / 100] / 1e6);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<long[]>> runs = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                runs.add(clients.submit(() -> {
                    long[] nanos = new long[REQUESTS_EACH];
                    for (int i = 0; i < REQUESTS_EACH; i++) {
                        long t = System.nanoTime();
                        HttpResponse<String> r = TestServers.get(url);
                        nanos[i] = System.nanoTime() - t;
                        assertThat(r.statusCode()).isEqualTo(200);
                    }
                    return nanos;
                }));
            }
            long[] all = new long[CLIENTS * REQUESTS_EACH];
            int n = 0;
            for (Future<long[]> f : runs) {
                for (long v : f.get()) {
                    all[n++] = v;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            clients.shutdown();
            Arrays.sort(all);
            System.out.printf("vuln/all, %,d findings, %d clients x %d requests: p50 %.1f ms  p99 %.1f ms"
                            + "  %.1f requests/s  (%,d bytes a response)%n", PACKAGES * ADVISORIES_EACH, CLIENTS,
                    REQUESTS_EACH, all[all.length / 2] / 1e6, all[all.length * 99 / 100] / 1e6, all.length / seconds,
                    TestServers.get(url).body().length());
            System.out.printf("load average while measuring: %.1f on %d cores%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** A CycloneDX SBOM of a Debian 12 image with {@code PACKAGES} packages, each older than every fix. */
    private static String sbom() {
        StringBuilder b = new StringBuilder("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"version\": 1,"
                + " \"components\": [{\"type\": \"operating-system\", \"name\": \"debian\", \"version\": \"12\"}");
        for (int p = 0; p < PACKAGES; p++) {
            b.append(", {\"type\": \"library\", \"name\": \"pkg").append(p).append("\", \"version\": \"1.0-1\",")
                    .append(" \"purl\": \"pkg:deb/debian/pkg").append(p).append("@1.0-1?arch=amd64&distro=debian-12\"}");
        }
        return b.append("]}").toString();
    }
}
