package io.plimsoll.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.net.AddressGuard;
import io.plimsoll.image.testing.Await;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.policy.content.ContentHit;
import io.plimsoll.policy.content.ContentScanConfig;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.index.IndexAdmission;
import io.plimsoll.server.testing.TestPostgres;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis worker's layer memo against a real docker-registry, counted in its access log: a base layer one
 * account already analysed is not fetched again for that account, is fetched again for another, and the memoised
 * analysis (packages, secrets, a whiteout over a replayed layer) is the one an unmemoised pull gives.
 */
class AnalysisLayerMemoTest {

    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";

    @TempDir
    Path dir;

    /** An index request holding one of the walk slots until released, as a busy server has. */
    private record HeldSlot(CountDownLatch gate, CompletableFuture<Object> indexing) {
        static HeldSlot take(IndexAdmission slots) throws Exception {
            CountDownLatch inSlot = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> indexing = CompletableFuture.supplyAsync(() -> call(() -> slots.run(() -> {
                inSlot.countDown();
                return release.await(60, TimeUnit.SECONDS);
            })));
            assertThat(inSlot.await(60, TimeUnit.SECONDS)).isTrue();
            return new HeldSlot(release, indexing);
        }

        /** Lets the slot go and checks the index request ran to its end. */
        void release() throws Exception {
            gate.countDown();
            assertThat(indexing.get(60, TimeUnit.SECONDS)).isEqualTo(true);
        }
    }

    /** An Alpine base layer with musl installed, the package every test here looks for. */
    private static TestLayer alpineBase() {
        return TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                .file("lib/apk/db/installed", "P:musl\nV:" + AnalysisTesting.MUSL_VERSION + "\nA:x86_64\nL:MIT\n"
                        + "o:musl\n\n");
    }

    @Test
    void anAccountFetchesASharedBaseLayerOnce() throws Exception {
        LocalRegistry.requireBinary();
        Path registryDir = Files.createDirectories(dir.resolve("registry"));
        TestLayer base = alpineBase()
                .file("usr/lib/node_modules/leftpad/package.json", "{\"name\":\"leftpad\",\"version\":\"1.3.0\"}")
                .file("etc/base.env", "AWS_ACCESS_KEY_ID=" + KEY + "\n");
        TestImage first = image(base, TestLayer.create().file("app/id", "first\n"));
        // the second image deletes a package of the base: the whiteout must apply over the replayed base layer
        TestImage second = image(base, TestLayer.create().whiteout("usr/lib/node_modules/leftpad")
                .file("app/settings.env", "AWS_ACCESS_KEY_ID=" + KEY + "\n"));
        String baseLayer = layerDigest(first, 0);
        assertThat(layerDigest(second, 0)).isEqualTo(baseLayer);

        try (Database db = TestPostgres.newDatabase();
             LocalRegistry registry = LocalRegistry.start(registryDir)) {
            registry.push("team/first", first, "1");
            registry.push("team/second", second, "1");
            String firstRef = registry.host() + "/team/first:1";
            String secondRef = registry.host() + "/team/second:1";
            IndexAdmission slots = new IndexAdmission(1, 0);
            RegistryAnalyzer memoised = new RegistryAnalyzer(null, 2, new AddressGuard(true), null,
                    io.plimsoll.image.ImageOptions.DEFAULT.limits(), db.dataSource(), slots);

            AnalysisDocument firstDoc = analyse(memoised, "alice", firstRef);
            assertThat(gets(registryDir, baseLayer)).isEqualTo(1);
            assertThat(names(firstDoc)).contains("musl", "leftpad");

            AnalysisDocument secondDoc = analyse(memoised, "alice", secondRef);
            assertThat(gets(registryDir, baseLayer)).as("alice's second image over the same base").isEqualTo(1);
            assertThat(gets(registryDir, layerDigest(second, 1))).isEqualTo(1);
            assertThat(names(secondDoc)).contains("musl").doesNotContain("leftpad");
            assertThat(secondDoc.content().secrets()).extracting(ContentHit::path)
                    .contains("/etc/base.env", "/app/settings.env");

            analyse(memoised, "bob", secondRef);
            assertThat(gets(registryDir, baseLayer)).as("another account fetches the layer itself").isEqualTo(2);
            try (java.sql.Connection c = db.connection()) {
                assertThat(AnalysisLayerState.forget(c, "bob")).as("bob's two layers").isEqualTo(2);
            }
            analyse(memoised, "bob", secondRef);
            assertThat(gets(registryDir, baseLayer)).as("an account of that name after bob's deletion").isEqualTo(3);
            analyse(memoised, "alice", secondRef);
            assertThat(gets(registryDir, baseLayer)).as("alice's recordings are hers still").isEqualTo(3);

            RegistryAnalyzer plain = new RegistryAnalyzer(null, 2, new AddressGuard(true));
            AnalysisDocument unmemoised = plain.analyze(secondRef, d -> false).document().orElseThrow();
            assertThat(gets(registryDir, baseLayer)).isEqualTo(4);
            assertThat(json(secondDoc)).isEqualTo(json(unmemoised));

            // the walk takes one of the server's slots for layer walks, shared with index requests: while an index
            // request holds the only one, the analysis waits for it (it is never turned away: the job is queued)
            HeldSlot held = HeldSlot.take(slots);
            CompletableFuture<AnalysisDocument> waiting = CompletableFuture.supplyAsync(() -> call(() ->
                    analyse(memoised, "carol", secondRef)));
            Await.until("the analysis waiting for the slot", slots::hasWaiting);
            held.release();
            assertThat(names(waiting.get(60, TimeUnit.SECONDS))).contains("musl");
        }
    }

    @Test
    void aSecondImageOverAKnownBaseStartsFetchingOnlyItsOwnLayerBeforeItsWalk() throws Exception {
        LocalRegistry.requireBinary();
        Path registryDir = Files.createDirectories(dir.resolve("early"));
        TestLayer base = alpineBase();
        TestImage first = image(base, TestLayer.create().file("app/id", "first\n"));
        TestImage second = image(base, TestLayer.create().file("app/id", "second\n"));
        String baseLayer = layerDigest(first, 0);
        String ownLayer = layerDigest(second, 1);
        try (Database db = TestPostgres.newDatabase();
             LocalRegistry registry = LocalRegistry.start(registryDir)) {
            registry.push("team/first", first, "1");
            registry.push("team/second", second, "1");
            IndexAdmission slots = new IndexAdmission(1, 0);
            List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
            RegistryAnalyzer analyzer = new RegistryAnalyzer(null, 2, new AddressGuard(true), null,
                    io.plimsoll.image.ImageOptions.DEFAULT.limits(), recording(db.dataSource(), statements), slots);
            analyse(analyzer, "alice", registry.host() + "/team/first:1");
            long afterFirst = registry.blobGets();
            statements.clear();
            assertThat(afterFirst).as("the first image's config and both its layers").isEqualTo(3);

            // while an index request holds the only walk slot, the second analysis has opened its image and waits:
            // its own layer is already fetched (the fetch started with the config's), the base layer is not
            HeldSlot held = HeldSlot.take(slots);
            CompletableFuture<AnalysisDocument> waiting = CompletableFuture.supplyAsync(() -> call(() ->
                    analyse(analyzer, "alice", registry.host() + "/team/second:1")));
            Await.until("the second image's own layer fetched before its walk", () ->
                    call(() -> gets(registryDir, ownLayer)) == 1);
            // the walk cannot have started: the only slot is held; the analysis reaches its wait for it in its time
            Await.until("the second analysis waiting for the slot", slots::hasWaiting);
            held.release();
            assertThat(names(waiting.get(60, TimeUnit.SECONDS))).contains("musl");
            assertThat(gets(registryDir, baseLayer)).as("the base, replayed from alice's recording").isEqualTo(1);
            assertThat(registry.blobGets() - afterFirst).as("the second image's config and own layer").isEqualTo(2);
            assertThat(statements.stream().filter(q -> q.contains("FROM layer_index")))
                    .as("which layers are known: one query for the image; then the base's recording, as it is replayed")
                    .containsExactly("SELECT digest FROM layer_index WHERE index_state = ? AND digest = ANY (?)",
                            "SELECT data FROM layer_index WHERE digest = ? AND index_state = ?");

            // an image already analysed is not walked: bob, who has no recordings, fetches its config and no layer
            long before = registry.blobGets();
            assertThat(analyzer.analyze("bob", registry.host() + "/team/second:1", d -> true, Optional.empty())
                    .document()).isEmpty();
            Await.until("no layer fetch left running", () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().startsWith("plimsoll-fetch-")));
            assertThat(registry.blobGets() - before).isEqualTo(1);
        }
    }

    @Test
    void theStateFollowsTheAccountAndTheContentScanConfiguration() {
        String alice = AnalysisLayerState.of("analyzers", ContentScanConfig.DEFAULT, "alice");
        assertThat(AnalysisLayerState.of("analyzers", ContentScanConfig.DEFAULT, "alice")).isEqualTo(alice);
        assertThat(AnalysisLayerState.of("analyzers", ContentScanConfig.DEFAULT, "bob")).isNotEqualTo(alice);
        assertThat(AnalysisLayerState.of("rebuilt", ContentScanConfig.DEFAULT, "alice")).isNotEqualTo(alice);
        assertThat(AnalysisLayerState.of("analyzers", ContentScanConfig.DEFAULT.withAllowPaths(List.of("/srv/**")),
                "alice")).isNotEqualTo(alice);
        assertThat(AnalysisLayerState.of("analyzers", ContentScanConfig.DEFAULT.withMaxFileSize(1 << 20),
                "alice")).isNotEqualTo(alice);
    }

    private static TestImage image(TestLayer base, TestLayer app) {
        return TestImage.create().layer(base, Compressor.GZIP, "/bin/sh -c #(nop) ADD file:base in / ")
                .layer(app, Compressor.GZIP, "/bin/sh -c #(nop) COPY file:app in /app/ ");
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AnalysisDocument analyse(RegistryAnalyzer analyzer, String account, String ref) throws Exception {
        return analyzer.analyze(account, ref, d -> false, Optional.empty()).document().orElseThrow();
    }

    /** The digest of layer {@code index}: the manifest's blobs are the config, then the layers. */
    private static String layerDigest(TestImage img, int index) {
        return img.manifest().blobs().keySet().stream().map(Object::toString)
                .filter(d -> !d.equals(img.manifest().digest().toString())).toList().get(1 + index);
    }

    private static List<String> names(AnalysisDocument doc) {
        return doc.inventory().packages().stream().map(p -> p.name()).toList();
    }

    private static String json(AnalysisDocument doc) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(doc.encode()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code db}, noting the SQL of each statement prepared through it. */
    private static javax.sql.DataSource recording(javax.sql.DataSource db, List<String> statements) {
        return proxy(javax.sql.DataSource.class, db, (method, args, result) -> {
            if (method.equals("getConnection")) {
                return proxy(java.sql.Connection.class, (java.sql.Connection) result, (m, a, r) -> {
                    if (m.equals("prepareStatement")) {
                        statements.add((String) a[0]);
                    }
                    return r;
                });
            }
            return result;
        });
    }

    private interface After {
        Object call(String method, Object[] args, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, args) -> {
                    try {
                        return after.call(m.getName(), args, m.invoke(target, args));
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    /** GETs of one blob in the registry's access log. */
    private static long gets(Path registryDir, String digest) throws Exception {
        try (var lines = Files.lines(registryDir.resolve("registry.log"), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("\"GET /v2/") && l.contains("/blobs/" + digest + " ")).count();
        }
    }
}
