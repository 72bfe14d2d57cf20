package io.plimsoll.image.walk;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReference;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.model.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCacheTest {

    @TempDir
    Path tmp;

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private static TestLayer base() {
        return TestLayer.create().file("var/lib/dpkg/status", "v1").file("etc/os-release", "ID=debian\n")
                .file("opt/a.jar", "jar-a").hardlink("opt/b.jar", "opt/a.jar");
    }

    private static TestLayer second() {
        return TestLayer.create().file("var/lib/dpkg/status", "v2").file("usr/bin/tool", new byte[100], 0755);
    }

    private static WalkResult walk(Path layout, LayerMemo memo, FileInterest interest) throws Exception {
        try (ImageSource source = ImageSources.open(new ImageReference.OciLayout("oci:" + layout, layout,
                Optional.empty()), ImageOptions.DEFAULT)) {
            return new LayerWalker(2, ImageOptions.DEFAULT.limits(), memo).walk(source, List.of(interest));
        }
    }

    /** Empties the blobs of these layers: a walk that reads one of them fails its digest check. */
    private static void emptyBlobs(Path layout, WalkResult of, int... layers) throws Exception {
        for (int i : layers) {
            Digest d = of.layers().get(i).layer().digest().orElseThrow();
            Files.write(layout.resolve("blobs/sha256/" + d.hex()), new byte[0]);
        }
    }

    @Test
    void aSecondRunWithANewMemoReadsNoLayerAndSeesTheSameFilesAndTree() throws Exception {
        Path layout = TestImage.create().layer(base(), Compressor.GZIP).layer(second(), Compressor.ZSTD)
                .writeOciLayout(tmp.resolve("img"), null);
        LayerCache cache = new LayerCache(tmp.resolve("cache"), LayerCache.DEFAULT_MAX_BYTES);
        LayerMemoTest.Seen cold = new LayerMemoTest.Seen();
        LayerCache.Memo first = cache.memo("set1", warnings::add);
        WalkResult read = walk(layout, first, cold);
        assertThat(first.remembered()).isEqualTo(2);
        assertThat(cache.usage().entries()).isEqualTo(2);

        emptyBlobs(layout, read, 0, 1);
        LayerMemoTest.Seen warm = new LayerMemoTest.Seen();
        LayerCache.Memo second = cache.memo("set1", warnings::add); // as a new process would
        WalkResult replayed = walk(layout, second, warm);
        assertThat(second.recalled()).isEqualTo(2);
        assertThat(second.remembered()).isZero();
        assertThat(warm.got).containsExactlyInAnyOrderElementsOf(cold.got)
                .contains("/opt/b.jar@0=5:REGULAR", "/usr/bin/tool@1=100:REGULAR");
        assertThat(replayed.tree().nodes()).containsExactlyElementsOf(read.tree().nodes());
        assertThat(replayed.layers()).extracting(LayerReport::summary)
                .containsExactlyElementsOf(read.layers().stream().map(LayerReport::summary).toList());
        assertThat(warnings).isEmpty();

        // another analyzer set may want other files: it starts empty
        LayerCache.Memo other = cache.memo("set2", warnings::add);
        assertThat(other.recall(read.layers().get(0).layer().digest().orElseThrow())).isEmpty();
    }

    @Test
    void aNewImageOverAKnownBaseReadsOnlyItsOwnLayerAndWhiteoutsReachIntoCachedLayers() throws Exception {
        LayerCache cache = new LayerCache(tmp.resolve("cache"), LayerCache.DEFAULT_MAX_BYTES);
        WalkResult baseRead = walk(TestImage.create().layer(base(), Compressor.GZIP).layer(second(), Compressor.ZSTD)
                .writeOciLayout(tmp.resolve("base"), null), cache.memo("set", warnings::add), new LayerMemoTest.Seen());

        Path app = TestImage.create().layer(base(), Compressor.GZIP).layer(second(), Compressor.ZSTD)
                .layer(TestLayer.create().whiteout("etc/os-release").opaque("opt").file("opt/c.jar", "jar-c"),
                        Compressor.GZIP)
                .writeOciLayout(tmp.resolve("app"), null);
        emptyBlobs(app, baseRead, 0, 1);
        LayerCache.Memo memo = cache.memo("set", warnings::add);
        // what a pull asks before it fetches ahead: the base's layers are known, the app's own is not, and a memo
        // for another analyzer set knows none
        List<io.plimsoll.model.Digest> appLayers = baseRead.layers().stream()
                .map(l -> l.layer().digest().orElseThrow()).toList();
        assertThat(appLayers).allMatch(memo::knows);
        assertThat(appLayers).noneMatch(cache.memo("other-set", warnings::add)::knows);
        assertThat(memo.knows(io.plimsoll.model.Digest.sha256Of(new byte[0]))).isFalse();
        LayerMemoTest.Seen seen = new LayerMemoTest.Seen();
        WalkResult r = walk(app, memo, seen);
        assertThat(memo.recalled()).isEqualTo(2);
        assertThat(memo.remembered()).isEqualTo(1);
        assertThat(r.tree().get("/etc/os-release")).isEmpty();
        assertThat(r.tree().get("/opt/a.jar")).isEmpty();
        assertThat(r.tree().get("/opt/c.jar")).isPresent();
        assertThat(r.tree().get("/var/lib/dpkg/status")).isPresent();

        // and the other way round: the cached top layer over base layers read afresh
        LayerCache.Memo again = cache.memo("set", warnings::add);
        Path app2 = TestImage.create().layer(base(), Compressor.GZIP).layer(second(), Compressor.ZSTD)
                .layer(TestLayer.create().whiteout("etc/os-release").opaque("opt").file("opt/c.jar", "jar-c"),
                        Compressor.GZIP)
                .writeOciLayout(tmp.resolve("app2"), null);
        WalkResult all = walk(app2, again, new LayerMemoTest.Seen());
        assertThat(again.recalled()).isEqualTo(3);
        assertThat(all.tree().nodes()).containsExactlyElementsOf(r.tree().nodes());
    }

    @Test
    void aDamagedEntryIsDroppedWithOneWarningAndRebuilt() throws Exception {
        Path layout = TestImage.create().layer(base(), Compressor.GZIP).writeOciLayout(tmp.resolve("img"), null);
        LayerCache cache = new LayerCache(tmp.resolve("cache"), LayerCache.DEFAULT_MAX_BYTES);
        LayerMemoTest.Seen cold = new LayerMemoTest.Seen();
        WalkResult read = walk(layout, cache.memo("set", warnings::add), cold);
        Path entry = cache.memo("set", warnings::add).file(read.layers().get(0).layer().digest().orElseThrow());
        byte[] good = Files.readAllBytes(entry);

        // the last two: a header length past the cap, and a first string claiming more bytes than the header has
        byte[] hugeString = good.clone();
        java.nio.ByteBuffer.wrap(hugeString).putInt(8, Integer.MAX_VALUE);
        for (byte[] damaged : List.of(flipLast(good), java.util.Arrays.copyOf(good, good.length - 3),
                java.util.Arrays.copyOf(good, 20), "{\"format\":1}\n".getBytes(),
                java.nio.ByteBuffer.allocate(8).putInt(LayerCacheCodec.FORMAT).putInt(Integer.MAX_VALUE).array(),
                hugeString)) {
            Files.write(entry, damaged);
            warnings.clear();
            LayerCache.Memo memo = cache.memo("set", warnings::add);
            LayerMemoTest.Seen seen = new LayerMemoTest.Seen();
            walk(layout, memo, seen);
            assertThat(seen.got).containsExactlyInAnyOrderElementsOf(cold.got);
            assertThat(warnings).singleElement().asString()
                    .startsWith("layer cache: " + entry + ": damaged entry dropped (")
                    .doesNotContain("\n");
            assertThat(memo.recalled()).isZero();
            assertThat(memo.remembered()).isEqualTo(1);
            assertThat(Files.readAllBytes(entry)).isEqualTo(good);
        }
    }

    private static byte[] flipLast(byte[] b) {
        byte[] c = b.clone();
        c[c.length - 1] ^= 1;
        return c;
    }

    @Test
    void twoRunsAtOnceBothSucceedAndLeaveOnlyWholeEntries() throws Exception {
        Path layout = TestImage.create().layer(base(), Compressor.GZIP).layer(second(), Compressor.ZSTD)
                .writeOciLayout(tmp.resolve("img"), null);
        LayerCache cache = new LayerCache(tmp.resolve("cache"), LayerCache.DEFAULT_MAX_BYTES);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    LayerMemoTest.Seen seen = new LayerMemoTest.Seen();
                    walk(layout, cache.memo("set", warnings::add), seen);
                    return List.copyOf(seen.got);
                }));
            }
            List<String> first = runs.get(0).get();
            for (Future<List<String>> f : runs) {
                assertThat(f.get()).containsExactlyInAnyOrderElementsOf(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(warnings).isEmpty();
        try (Stream<Path> files = Files.walk(cache.dir())) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .hasSize(2).noneMatch(n -> n.endsWith(".partial"));
        }
    }

    @Test
    void pruneDropsTheLeastRecentlyUsedEntriesAndStalePartials() throws Exception {
        LayerCache cache = new LayerCache(tmp.resolve("cache"), LayerCache.DEFAULT_MAX_BYTES);
        Path layout = TestImage.create().layer(base(), Compressor.GZIP).layer(second(), Compressor.ZSTD)
                .writeOciLayout(tmp.resolve("img"), null);
        WalkResult r = walk(layout, cache.memo("set", warnings::add), new LayerMemoTest.Seen());
        LayerCache.Memo memo = cache.memo("set", warnings::add);
        Path older = memo.file(r.layers().get(0).layer().digest().orElseThrow());
        Path newer = memo.file(r.layers().get(1).layer().digest().orElseThrow());
        Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Path partial = older.resolveSibling(older.getFileName() + ".123.partial");
        Files.write(partial, new byte[10]);
        Files.setLastModifiedTime(partial, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        LayerCache.Usage all = cache.usage();
        assertThat(all.entries()).isEqualTo(2);
        LayerCache.Usage left = cache.prune(Files.size(newer));
        assertThat(left).isEqualTo(new LayerCache.Usage(Files.size(newer), 1, 0));
        assertThat(older).doesNotExist();
        assertThat(partial).doesNotExist();
        assertThat(cache.prune(0)).isEqualTo(new LayerCache.Usage(0, 0, 0));
        assertThat(newer).doesNotExist();
    }

    /** A stack entry's framing, however damaged, reads back whole or as a CorruptEntryException: never anything else. */
    @Test
    void aDamagedStackEntryIsACorruptEntryOrWhole() throws Exception {
        io.plimsoll.model.Digest key = io.plimsoll.model.Digest.sha256Of("k".getBytes(StandardCharsets.UTF_8));
        byte[] made = "what was made of the stack".getBytes(StandardCharsets.UTF_8);
        byte[] entry = LayerCache.StackEntry.write(key, made);
        assertThat(LayerCache.StackEntry.read(key, entry)).isEqualTo(made);
        java.util.Random random = new java.util.Random(7);
        int corrupt = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = entry.clone();
            b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
            if (random.nextInt(4) == 0) {
                b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
            }
            try {
                LayerCache.StackEntry.read(key, b);
            } catch (LayerCacheCodec.CorruptEntryException e) {
                corrupt++;
            }
        }
        assertThat(corrupt).as("every changed byte is caught by the magic, key, length or checksum").isEqualTo(20_000);
    }

    @Test
    void aStackEntryIsKeptCountedAsAnImageAndPrunedByRecencyWithTheLayers() throws Exception {
        LayerCache cache = new LayerCache(tmp.resolve("cache"), LayerCache.DEFAULT_MAX_BYTES);
        Path layout = TestImage.create().layer(base(), Compressor.GZIP).writeOciLayout(tmp.resolve("img"), null);
        walk(layout, cache.memo("set", warnings::add), new LayerMemoTest.Seen());
        LayerCache.Memo memo = cache.memo("set", warnings::add);
        io.plimsoll.model.Digest key = io.plimsoll.model.Digest.sha256Of("a stack".getBytes(StandardCharsets.UTF_8));
        assertThat(memo.recallStack(key)).isEmpty();
        byte[] made = "what was made".getBytes(StandardCharsets.UTF_8);
        memo.rememberStack(key, made);
        assertThat(memo.recallStack(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(made));
        assertThat(cache.memo("other-set", warnings::add).recallStack(key)).isEmpty();
        assertThat(cache.usage().entries()).isEqualTo(1);
        assertThat(cache.usage().images()).isEqualTo(1);

        // a layer behind a catalog that was used instead of a walk stays as recent as the catalog
        Path layer;
        try (Stream<Path> layers = Files.list(tmp.resolve("cache/set/sha256"))) {
            layer = layers.findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(layer, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        memo.used(io.plimsoll.model.Digest.parse("sha256:" + layer.getFileName()));
        assertThat(Files.getLastModifiedTime(layer).toInstant()).isAfter(Instant.parse("2025-01-01T00:00:00Z"));
        memo.used(key); // no such layer: nothing to touch, nothing made
        assertThat(memo.file(key)).doesNotExist();

        Path stack = memo.stackFile(key);
        Files.setLastModifiedTime(stack, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        LayerCache.Usage left = cache.prune(cache.usage().bytes() - 1);
        assertThat(left.images()).isZero();
        assertThat(left.entries()).isEqualTo(1);
        assertThat(stack).doesNotExist();
        assertThat(warnings).isEmpty();
    }
}
