package io.plimsoll.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.FileInterest;
import io.plimsoll.image.walk.LayerCache;
import io.plimsoll.image.walk.LayerFile;
import io.plimsoll.image.walk.LayerWalker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A re-scan takes the catalogers' results for a stack of layers from the layer cache, only when all else is equal. */
class CatalogStackTest {

    @TempDir
    Path tmp;

    /** Lists each "name version" line of /db/packages as a package with its provenance, counting its runs. */
    static final class Listing implements Cataloger {
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public String name() {
            return "listing";
        }

        @Override
        public Predicate<String> wants() {
            return p -> p.equals("/db/packages");
        }

        @Override
        public Result catalog(CatalogInput input) {
            runs.incrementAndGet();
            List<Package> out = new ArrayList<>();
            String text = input.squashed("/db/packages").map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
            for (String line : text.lines().toList()) {
                String[] f = line.split(" ");
                Provenance p = input.provenance(input.tree().get("/db/packages").orElseThrow().layer());
                out.add(new Package("generic", f[0], f[1], "", f[0], f[1], List.of("MIT"),
                        "pkg:generic/" + f[0] + "@" + f[1], List.of("/opt/" + f[0]), name(), "/db/packages",
                        p, Map.of("k", "v" + f[1])));
            }
            return new Result(out, List.of("listing saw " + out.size()));
        }
    }

    /** A streaming cataloger: what it makes comes from the walk, so it runs on every walk. */
    static class Counting implements StreamingCataloger {
        final AtomicInteger seen = new AtomicInteger();
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public FileInterest interest() {
            return new FileInterest() {
                @Override
                public boolean wants(String path) {
                    return path.startsWith("/opt/");
                }

                @Override
                public void accept(LayerFile file, InputStream content) throws IOException {
                    seen.incrementAndGet();
                }
            };
        }

        @Override
        public Result catalog(CatalogInput input) {
            runs.incrementAndGet();
            return new Result(List.of(), List.of("counting saw " + seen.get()));
        }
    }

    private Path image() {
        return TestImage.create()
                .layer(TestLayer.create().file("db/packages", "a 1\nb 2").file("opt/a", "x"), Compressor.GZIP,
                        "RUN install a b")
                .layer(TestLayer.create().file("db/packages", "a 1\nb 3").file("opt/b", "y"), Compressor.GZIP,
                        "RUN upgrade b")
                .writeOciLayout(tmp.resolve("img"), null);
    }

    private Inventory run(String reference, LayerCache.Memo memo, String settings, Cataloger... catalogers)
            throws Exception {
        try (ImageSource s = ImageSources.open(ImageReferences.parse(reference), ImageOptions.DEFAULT)) {
            return new CatalogEngine(DistroProbe.NONE, List.of(catalogers), Scope.SQUASHED, SkippedPaths.NONE,
                    settings).run(s, new LayerWalker(2, ImageOptions.DEFAULT.limits(), memo));
        }
    }

    private List<Path> stackEntries(Path cache) throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(f -> f.getParent().getFileName().toString().equals("stacks")).toList();
        }
    }

    @Test
    void aReScanTakesTheKeptResultsAndStillRunsTheStreamingCatalogers() throws Exception {
        Path layout = image();
        LayerCache cache = new LayerCache(tmp.resolve("cache"), 1 << 30);
        List<String> warnings = new ArrayList<>();
        Listing listing = new Listing();
        Counting counting = new Counting();
        Inventory first = run("oci:" + layout, cache.memo("set", warnings::add), "limits 1", listing, counting);
        assertThat(listing.runs).hasValue(1);
        assertThat(stackEntries(tmp.resolve("cache"))).hasSize(1);

        Listing again = new Listing();
        Counting countingAgain = new Counting();
        Inventory second = run("oci:" + layout, cache.memo("set", warnings::add), "limits 1", again, countingAgain);
        assertThat(again.runs).as("the kept results were used").hasValue(0);
        assertThat(countingAgain.runs).hasValue(1);
        assertThat(countingAgain.seen).as("the streaming cataloger was fed by the replay").hasValue(2);
        assertThat(second.packages()).isEqualTo(first.packages()).hasSize(2);
        assertThat(second.packages().get(1).version()).isEqualTo("3");
        assertThat(second.packages().get(1).provenance().layer()).isEqualTo(1);
        assertThat(second.packages().get(1).provenance().createdBy().orElseThrow()).contains("upgrade b");
        assertThat(second.packages().get(1).provenance().layerDigest()).isPresent();
        assertThat(second.warnings()).isEqualTo(first.warnings()).containsExactly("listing saw 2", "counting saw 2");
        assertThat(warnings).isEmpty();
    }

    @Test
    void otherSettingsOrCatalogersCatalogAgain() throws Exception {
        Path layout = image();
        LayerCache cache = new LayerCache(tmp.resolve("cache"), 1 << 30);
        run("oci:" + layout, cache.memo("set", w -> { }), "limits 1", new Listing());

        Listing otherSettings = new Listing();
        run("oci:" + layout, cache.memo("set", w -> { }), "limits 2", otherSettings);
        assertThat(otherSettings.runs).hasValue(1);

        Listing withAnother = new Listing();
        run("oci:" + layout, cache.memo("set", w -> { }), "limits 1", withAnother, new Counting());
        assertThat(withAnother.runs).hasValue(1);
        assertThat(stackEntries(tmp.resolve("cache"))).hasSize(3);
    }

    @Test
    void aDamagedEntryIsDroppedWithAWarningAndMadeAgain() throws Exception {
        Path layout = image();
        LayerCache cache = new LayerCache(tmp.resolve("cache"), 1 << 30);
        Inventory first = run("oci:" + layout, cache.memo("set", w -> { }), "s", new Listing());
        Path entry = stackEntries(tmp.resolve("cache")).get(0);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(entry, bytes);

        List<String> warnings = new ArrayList<>();
        Listing again = new Listing();
        Inventory second = run("oci:" + layout, cache.memo("set", warnings::add), "s", again);
        assertThat(again.runs).hasValue(1);
        assertThat(second.packages()).isEqualTo(first.packages());
        assertThat(warnings).singleElement().asString().contains(entry.toString()).contains("damaged entry dropped")
                .contains("checksum mismatch");

        Listing third = new Listing();
        run("oci:" + layout, cache.memo("set", warnings::add), "s", third);
        assertThat(third.runs).as("made again and kept").hasValue(0);

        Files.write(entry, new byte[] {'P', 'L', 'S', 'T', 'A', 'C', 'K', '1', 0x7f, 0, 0, 0});
        Listing fourth = new Listing();
        run("oci:" + layout, cache.memo("set", warnings::add), "s", fourth);
        assertThat(fourth.runs).hasValue(1);
        assertThat(warnings.get(1)).contains("a length of");
    }

    @Test
    void resultsMadeWithFilesLeftOutForWantOfRoomAreNotKept() throws Exception {
        Path layout = image();
        LayerCache cache = new LayerCache(tmp.resolve("cache"), 1 << 30);
        for (int run = 1; run <= 2; run++) {
            Listing listing = new Listing();
            try (ImageSource s = ImageSources.open(ImageReferences.parse("oci:" + layout), ImageOptions.DEFAULT)) {
                Inventory inv = new CatalogEngine(DistroProbe.NONE, List.of(listing), Scope.SQUASHED,
                        SkippedPaths.NONE, "s").run(s, new LayerWalker(2,
                        ImageOptions.DEFAULT.limits().withMaxCollectedBytes(4), cache.memo("set", w -> { })));
                assertThat(inv.warnings()).anyMatch(w -> w.contains("/db/packages"));
            }
            assertThat(listing.runs).as("run " + run).hasValue(1);
        }
        assertThat(stackEntries(tmp.resolve("cache"))).isEmpty();
    }

    private Inventory packagesOnly(String reference, LayerCache.Memo memo, Cataloger... catalogers)
            throws Exception {
        try (ImageSource s = ImageSources.open(ImageReferences.parse(reference), ImageOptions.DEFAULT)) {
            return new CatalogEngine(new ReleaseProbe(), List.of(catalogers), Scope.SQUASHED, SkippedPaths.NONE, "s")
                    .runWithoutFiles(s, new LayerWalker(2, ImageOptions.DEFAULT.limits(), memo));
        }
    }

    /** Detects a distro from /etc/os-release's ID, so the whole catalog's distro is something to keep. */
    static final class ReleaseProbe implements DistroProbe {
        @Override
        public Predicate<String> wants() {
            return p -> p.equals("/etc/os-release");
        }

        @Override
        public java.util.Optional<io.plimsoll.model.Distro> detect(CatalogInput input) {
            return input.squashed("/etc/os-release").map(b -> new io.plimsoll.model.Distro(
                    new String(b, StandardCharsets.UTF_8).strip(), "12", "bookworm", "Debian 12", "", List.of("x")));
        }
    }

    @Test
    void aCallerOfPackagesOnlyGetsTheWholeKeptCatalogWithoutReplayingALayer() throws Exception {
        Path layout = TestImage.create()
                .layer(TestLayer.create().file("db/packages", "a 1\nb 2").file("etc/os-release", "debian"),
                        Compressor.GZIP, "RUN install a b")
                .layer(TestLayer.create().file("db/packages", "a 1\nb 3"), Compressor.GZIP, "RUN upgrade b")
                .writeOciLayout(tmp.resolve("img"), null);
        LayerCache cache = new LayerCache(tmp.resolve("cache"), 1 << 30);
        Listing listing = new Listing();
        Inventory first = packagesOnly("oci:" + layout, cache.memo("set", w -> { }), listing);
        assertThat(first.distro()).hasValueSatisfying(d -> assertThat(d.id()).isEqualTo("debian"));
        assertThat(first.walk().tree().size()).isPositive();

        // neither the blobs nor the layers' recordings are there: a walk, even a replay, could not answer
        try (Stream<Path> files = Files.walk(tmp.resolve("cache"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getParent().getFileName().toString().equals("stacks")) {
                    Files.delete(f);
                }
            }
        }
        try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path b : blobs.toList()) {
                byte[] head = Files.readAllBytes(b);
                if (head.length > 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) { // the gzip layers
                    Files.write(b, new byte[0]);
                }
            }
        }
        Listing again = new Listing();
        Inventory second = packagesOnly("oci:" + layout, cache.memo("set", w -> { }), again);
        assertThat(again.runs).hasValue(0);
        assertThat(second.packages()).isEqualTo(first.packages()).hasSize(2);
        assertThat(second.distro()).isEqualTo(first.distro());
        assertThat(second.warnings()).isEqualTo(first.warnings()).containsExactly("listing saw 2");
        assertThat(second.walk().tree().size()).as("no tree: the caller reads none").isZero();

        // a cataloger the caller reads more from than its result needs the walk: the blobs' absence now shows
        Listing withScanner = new Listing();
        Cataloger scanner = new Counting() {
            @Override
            public boolean holdsMoreThanItsResult() {
                return true;
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> packagesOnly("oci:" + layout,
                cache.memo("set", w -> { }), withScanner, scanner))
                .isInstanceOf(io.plimsoll.image.ImageException.class);
    }

    /** A kept catalog's bytes, however damaged, read back as themselves or as an IOException: never anything else. */
    @Test
    void damagedCatalogBytesReadAsAnIoExceptionOrNotAtAll() throws Exception {
        Package p = new Package("deb", "a", "1", "amd64", "a", "1", List.of("MIT"), "pkg:deb/debian/a@1",
                List.of("/usr/bin/a"), "dpkg", "/var/lib/dpkg/status", new Provenance(0,
                        java.util.Optional.of(io.plimsoll.model.Digest.sha256Of(new byte[1])),
                        java.util.Optional.of("RUN x")), Map.of("k", "v"));
        byte[] whole = CatalogStack.write(new CatalogStack.Whole(java.util.Optional.of(new io.plimsoll.model.Distro(
                "debian", "12", "bookworm", "Debian 12", "cpe", List.of("x"))), List.of(p), List.of("w")));
        byte[] results = CatalogStack.write(List.of(new Cataloger.Result(List.of(p, p), List.of("w"))));
        assertThat(CatalogStack.readWhole(whole).packages()).containsExactly(p);
        assertThat(CatalogStack.read(results, 1).get(0).packages()).containsExactly(p, p);
        java.util.Random random = new java.util.Random(19);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = (i % 2 == 0 ? whole : results).clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(8) == 0) {
                b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
            }
            try {
                if (i % 2 == 0) {
                    CatalogStack.readWhole(b);
                } else {
                    CatalogStack.read(b, 1);
                }
            } catch (IOException expected) {
                // a damaged entry: the caller catalogs again
            }
        }
    }

    @Test
    void aRootFilesystemHasNoKeyAndKeepsNothing() throws Exception {
        Path root = tmp.resolve("root/db");
        Files.createDirectories(root);
        Files.writeString(root.resolve("packages"), "a 1");
        LayerCache cache = new LayerCache(tmp.resolve("cache"), 1 << 30);
        Listing listing = new Listing();
        run("dir:" + root.getParent(), cache.memo("set", w -> { }), "s", listing);
        run("dir:" + root.getParent(), cache.memo("set", w -> { }), "s", listing);
        assertThat(listing.runs).hasValue(2);
        assertThat(Files.exists(tmp.resolve("cache"))
                ? stackEntries(tmp.resolve("cache")) : List.<Path>of()).isEmpty();
    }
}
