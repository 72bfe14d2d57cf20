package io.plimsoll.server.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.model.Digest;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plimsoll's layer upload: HEAD says whether a layer is known, POST records a verified blob into the index. */
class LayerUploadTest {

    @TempDir
    Path dir;

    private PlimsollServer server;
    private final AtomicReference<IndexerModule> indexer = new AtomicReference<>();
    /** One indexing slot and no queue: the tests upload one layer at a time, and one test fills it. */
    private final IndexAdmission admission = new IndexAdmission(1, 0);

    @BeforeEach
    void start() throws Exception {
        // small JSON body limit: the upload route must not be bound by it
        server = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), dir,
                Map.of("max_request_bytes", "1024", "indexer.max_layer_bytes", "1MiB")), null, ctx -> {
                    IndexerModule i = new IndexerModule(ctx, admission);
                    indexer.set(i);
                    return List.of(i);
                });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> call(String method, Digest d, byte[] body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/indexer/api/v1/layer/" + d))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/octet-stream")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return TestServers.HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new java.util.Random(7).nextBytes(b);
        return b;
    }

    @Test
    void anUploadedLayerIsVerifiedRecordedAndThenKnownForIndexing() throws Exception {
        byte[] blob = Compressor.GZIP.apply(TestLayer.create()
                .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                .file("var/lib/dpkg/status", "Package: bash\nStatus: install ok installed\nVersion: 5.2\n"
                        + "Architecture: amd64\n\n")
                .file("big/filler", random(64 * 1024), 0644).tar());
        assertThat(blob.length).isGreaterThan(1024);
        Digest d = Digest.sha256Of(blob);
        assertThat(call("HEAD", d, null).statusCode()).isEqualTo(404);

        Digest wrong = Digest.sha256Of(new byte[] {1});
        HttpResponse<String> mismatch = call("POST", wrong, blob);
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("digest is " + d);
        assertThat(call("HEAD", wrong, null).statusCode()).isEqualTo(404);

        HttpResponse<String> first = call("POST", d, blob);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(call("HEAD", d, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", d, blob).statusCode()).isEqualTo(200);
        assertThat(indexer.get().uploadedLayers()).isEqualTo(1);

        // a manifest naming it: indexed from the layer index, the (loopback) URI is never fetched
        String manifest = "{\"hash\":\"" + Digest.sha256Of("m".getBytes()) + "\",\"layers\":[{\"hash\":\"" + d
                + "\",\"uri\":\"" + server.baseUrl() + "/indexer/api/v1/layer/" + d + "\"}]}";
        // the manifest itself is JSON under the 1 KiB body limit
        HttpResponse<String> indexed = TestServers.send("POST", server.baseUrl() + "/indexer/api/v1/index_report",
                manifest);
        assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);
        assertThat(Exchange.JSON.readTree(indexed.body()).path("packages").toString()).contains("bash");
        assertThat(indexer.get().fetchedLayers()).isZero();
    }

    @Test
    void anUploadTakesAnIndexingSlotAndIsTurnedAwayWith503WhenNoneIsFree() throws Exception {
        byte[] blob = Compressor.GZIP.apply(TestLayer.create().file("etc/os-release", "ID=debian\n").tar());
        Digest d = Digest.sha256Of(blob);
        try (AutoCloseable busy = takeTheSlot()) {
            // the walk of an upload holds as much heap as an index request: it waits for a slot like one
            HttpResponse<String> full = call("POST", d, blob);
            assertThat(full.statusCode()).as(full.body()).isEqualTo(503);
            assertThat(full.headers().firstValue("Retry-After")).contains("5");
            assertThat(Exchange.JSON.readTree(full.body()).path("code").asText()).isEqualTo("unavailable");
            assertThat(call("HEAD", d, null).statusCode()).isEqualTo(404);
        }
        assertThat(call("POST", d, blob).statusCode()).isEqualTo(201);
        try (AutoCloseable busy = takeTheSlot()) {
            assertThat(call("POST", d, blob).statusCode()).as("a known layer needs no slot").isEqualTo(200);
        }
    }

    /** Takes the one indexing slot until the handle is closed. */
    private AutoCloseable takeTheSlot() throws Exception {
        CountDownLatch inSlot = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> held = CompletableFuture.supplyAsync(() -> {
            try {
                return admission.run(() -> {
                    inSlot.countDown();
                    return release.await(60, TimeUnit.SECONDS);
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inSlot.await(60, TimeUnit.SECONDS)).isTrue();
        return () -> {
            release.countDown();
            assertThat(held.get(60, TimeUnit.SECONDS)).isTrue();
        };
    }

    @Test
    void aKnownLayerSentAgainIsAnsweredEveryTimeThoughItsBodyIsNotNeeded() throws Exception {
        byte[] blob = Compressor.GZIP.apply(TestLayer.create()
                .file("var/lib/dpkg/status", "Package: dash\nStatus: install ok installed\nVersion: 0.5\n"
                        + "Architecture: amd64\n\n")
                .file("big/filler", random(900 * 1024), 0644).tar());
        Digest d = Digest.sha256Of(blob);
        assertThat(call("POST", d, blob).statusCode()).isEqualTo(201);
        // CI pipelines push the same base layer on every build; answering before the body was read used to reset
        // the connection under the client now and then ("header parser received no bytes")
        for (int i = 0; i < 30; i++) {
            assertThat(call("POST", d, blob).statusCode()).as("repeat %d", i).isEqualTo(200);
        }
        assertThat(indexer.get().uploadedLayers()).isEqualTo(1);
    }

    @Test
    void anUploadIsWalkedAsItStreamsWithoutATemporaryCopy() throws Exception {
        // nothing can be created where blobs wait: an upload that still copied the body to disk first would fail
        Path scratch = dir.resolve("scratch");
        try (java.util.stream.Stream<Path> left = java.nio.file.Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
        java.nio.file.Files.delete(scratch);
        java.nio.file.Files.writeString(scratch, "not a directory");
        byte[] blob = Compressor.GZIP.apply(TestLayer.create()
                .file("var/lib/dpkg/status", "Package: zsh\nStatus: install ok installed\nVersion: 5.9\n"
                        + "Architecture: amd64\n\n")
                .file("big/filler", random(256 * 1024), 0644).tar());
        Digest d = Digest.sha256Of(blob);

        // a blob that is not the layer it names is read to its end, refused, and not recorded
        Digest other = Digest.sha256Of(new byte[] {2});
        HttpResponse<String> mismatch = call("POST", other, blob);
        assertThat(mismatch.statusCode()).as(mismatch.body()).isEqualTo(400);
        assertThat(mismatch.body()).contains("digest is " + d);
        assertThat(call("HEAD", other, null).statusCode()).isEqualTo(404);

        // a broken blob under its own digest: unreadable, not a digest problem
        byte[] broken = java.util.Arrays.copyOf(blob, blob.length / 2);
        HttpResponse<String> unreadable = call("POST", Digest.sha256Of(broken), broken);
        assertThat(unreadable.statusCode()).as(unreadable.body()).isEqualTo(422);

        HttpResponse<String> recorded = call("POST", d, blob);
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        assertThat(call("HEAD", d, null).statusCode()).isEqualTo(200);
    }

    @Test
    void anUploadOverTheLayerCapIsRefusedAsItStreamsAndLeavesNoFileBehind() throws Exception {
        byte[] blob = random(3 << 20);
        Digest d = Digest.sha256Of(blob);
        HttpResponse<String> r;
        try {
            r = call("POST", d, blob);
        } catch (java.io.IOException e) {
            r = null; // the server may close the connection before the client has sent the rest
        }
        if (r != null) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        }
        assertThat(call("HEAD", d, null).statusCode()).isEqualTo(404);
        try (java.util.stream.Stream<Path> left = java.nio.file.Files.list(dir.resolve("scratch"))) {
            assertThat(left).isEmpty();
        }
    }
}
