package io.plimsoll.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's scan-on-push numbers against the real docker-registry notifying a real server (the server's default
 * analysis settings: 2 workers, the queue polled every 1 s): the time from a push's first byte to the image listed
 * as analysed by the Anchore API, for a 500-package Alpine image, median and p99 over 20 pushes; then 50 images
 * sharing that 500-package base layer pushed back to back, and how many times the registry served the base layer.
 * Not part of the test command: {@code mvn -B -o verify -pl plimsoll-server -am -Dtest=PushWebhookBenchTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dplimsoll.bench=true}.
 */
@EnabledIfSystemProperty(named = "plimsoll.bench", matches = "true")
class PushWebhookBenchTest {

    private static final String TOKEN = "bench-token-0123456789abcdef";
    private static final int PACKAGES = 500;
    private static final int TIMED = 20;
    private static final int SHARING = 50;

    @TempDir
    Path dir;

    @Test
    void pushToAnalysed() throws Exception {
        LocalRegistry.requireBinary();
        Path registryDir = Files.createDirectories(dir.resolve("registry"));
        try (PlimsollServer s = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), dir, Map.of(
                "roles", "api,indexer", "indexer.allow_private_addresses", "true", "webhooks.token", TOKEN)), null);
             LocalRegistry registry = LocalRegistry.start(registryDir, notifying(s.baseUrl()))) {
            System.out.printf("load average at start: %.1f on %d cores%n", load(), cores());
            TestLayer base = alpineBase();
            for (int i = 0; i < 2; i++) {
                push(s, registry, "warm/app", "w" + i, image(base, "warm-" + i, false));
            }
            long[] nanos = new long[TIMED];
            for (int i = 0; i < TIMED; i++) {
                // each its own base layer, so every push is a full pull and analysis, not a known digest
                nanos[i] = push(s, registry, "timed/app", "t" + i, image(alpineBase().file("etc/build-id",
                        "timed-" + i + "\n"), "timed-" + i, false));
            }
            Arrays.sort(nanos);
            System.out.printf("push -> analysed, %d-package image, %d pushes: median %.0f ms  p99 %.0f ms  (min %.0f,"
                    + " max %.0f)%n", PACKAGES, TIMED, nanos[TIMED / 2] / 1e6, nanos[TIMED * 99 / 100] / 1e6,
                    nanos[0] / 1e6, nanos[TIMED - 1] / 1e6);
            System.out.printf("load average after: %.1f%n", load());

            String baseDigest = baseDigest(image(base, "shared-0", true));
            long gets0 = layerGets(registryDir, baseDigest);
            long start = System.nanoTime();
            List<String> tags = new ArrayList<>();
            for (int i = 0; i < SHARING; i++) {
                registry.push("shared/app", image(base, "shared-" + i, true), "s" + i);
                tags.add(registry.host() + "/shared/app:s" + i);
            }
            for (String tag : tags) {
                awaitAnalysed(s, tag);
            }
            System.out.printf("%d images sharing the %d-package base layer: all analysed %.1f s after the first push;"
                    + " base layer blob GETs %d (the warm-up images share it too: %d before)%n", SHARING, PACKAGES,
                    (System.nanoTime() - start) / 1e9, layerGets(registryDir, baseDigest) - gets0, gets0);
        }
    }

    /** The registry's {@code notifications} section, as the README gives it. */
    private static LocalRegistry.Setup notifying(String serverBase) {
        String yaml = "notifications:\n  endpoints:\n    - name: plimsoll\n      url: " + serverBase
                + "/webhooks/registry\n      headers:\n        Authorization: [\"Bearer " + TOKEN + "\"]\n"
                + "      timeout: 5s\n      threshold: 5\n      backoff: 1s\n      ignore:\n        actions: [pull]\n";
        return new LocalRegistry.Setup("127.0.0.1", yaml, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** An Alpine 3.19 root with {@value #PACKAGES} packages in its apk database. */
    private static TestLayer alpineBase() {
        StringBuilder db = new StringBuilder();
        for (int i = 0; i < PACKAGES; i++) {
            db.append("P:pkg-").append(i).append("\nV:1.").append(i % 17).append(".").append(i % 5)
                    .append("-r0\nA:x86_64\nL:MIT\no:pkg-").append(i).append("\n\n");
        }
        return TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                .file("lib/apk/db/installed", db.toString());
    }

    /** {@code base} alone, or with a small application layer on top ({@code app}). */
    private static TestImage image(TestLayer base, String marker, boolean app) {
        TestImage img = TestImage.create().layer(base, Compressor.GZIP, "/bin/sh -c #(nop) ADD file:base in / ");
        return app ? img.layer(TestLayer.create().file("app/id", marker + "\n"), Compressor.GZIP,
                "/bin/sh -c #(nop) COPY file:app in /app/ ") : img;
    }

    private static String baseDigest(TestImage img) {
        // the manifest lists the config, then the layers; the blobs map holds the manifest itself too
        List<String> blobs = img.manifest().blobs().keySet().stream().map(Object::toString)
                .filter(d -> !d.equals(img.manifest().digest().toString())).toList();
        return blobs.get(1);
    }

    /** Pushes and waits until the Anchore API lists the tag analysed; the nanoseconds that took. */
    private static long push(PlimsollServer s, LocalRegistry registry, String repo, String tag, TestImage img)
            throws Exception {
        long t = System.nanoTime();
        registry.push(repo, img, tag);
        awaitAnalysed(s, registry.host() + "/" + repo + ":" + tag);
        return System.nanoTime() - t;
    }

    private static void awaitAnalysed(PlimsollServer s, String fullTag) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        String url = s.baseUrl() + "/v1/images?fulltag=" + URLEncoder.encode(fullTag, StandardCharsets.UTF_8);
        while (System.nanoTime() < deadline) {
            JsonNode list = Exchange.JSON.readTree(TestServers.get(url).body());
            for (JsonNode r : list) {
                String status = r.path("analysis_status").asText();
                assertThat(status).as(fullTag).isNotEqualTo("analysis_failed");
                if (status.equals("analyzed")) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(fullTag + " not analysed within 300 s");
    }

    /** GETs of one blob in the registry's access log. */
    private static long layerGets(Path registryDir, String digest) {
        try (var lines = Files.lines(registryDir.resolve("registry.log"), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("\"GET /v2/") && l.contains("/blobs/" + digest + " ")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
