package io.plimsoll.image.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.image.Image;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.SourceKind;
import io.plimsoll.image.layer.Compression;
import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.testing.TestOciLayout;
import io.plimsoll.image.testing.Walks;
import io.plimsoll.image.walk.WalkResult;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageSourcesTest {

    @TempDir
    Path tmp;

    static TestImage threeLayers(Compressor c) {
        return TestImage.create()
                .layer(TestLayer.create().dotSlashNames().dir("etc").file("etc/os-release", "ID=test\n")
                        .file("bin/sh", new byte[] {1, 2, 3}, 0755).dir("var/cache/apt").file("var/cache/apt/a", "x"), c,
                        "/bin/sh -c #(nop) ADD file:abc in / ")
                .emptyStep("/bin/sh -c #(nop)  ENV LANG=C.UTF-8")
                .layer(TestLayer.create().file("usr/bin/su", new byte[] {7}, 04755).whiteout("etc/os-release"), c,
                        "|1 VERSION=2 /bin/sh -c apt-get install -y su")
                .layer(TestLayer.create().opaque("var/cache/apt").file("var/cache/apt/b", "y")
                        .symlink("etc/os-release", "../usr/lib/os-release").file("usr/lib/os-release", "ID=final\n"), c,
                        "RUN /bin/sh -c echo done # buildkit")
                .emptyStep("/bin/sh -c #(nop)  CMD [\"sh\"]")
                .user("app").cmd("sh").exposedPort("8080/tcp").label("org.opencontainers.image.title", "t");
    }

    static void assertThreeLayerTree(WalkResult r) {
        assertThat(r.tree().get("/usr/bin/su")).hasValueSatisfying(n -> {
            assertThat(n.isSetuid()).isTrue();
            assertThat(n.layer()).isEqualTo(1);
            assertThat(n.modeString()).isEqualTo("-rwsr-xr-x");
        });
        assertThat(r.tree().get("/var/cache/apt/a")).isEmpty();
        assertThat(r.tree().get("/var/cache/apt/b")).isPresent();
        assertThat(r.tree().get("/etc/os-release")).hasValueSatisfying(n -> assertThat(n.type()).isEqualTo(FileType.SYMLINK));
        assertThat(r.layers()).extracting(l -> l.whiteouts() + l.opaqueDirs()).containsExactly(0L, 1L, 1L);
    }

    @Test
    void legacyDockerArchiveWithConfigAndHistory() throws Exception {
        Path tar = threeLayers(Compressor.NONE).writeDockerArchive(tmp.resolve("app.tar"), "app:1.0");
        WalkResult r = Walks.walk("docker-archive:" + tar);
        Image img = r.image();
        assertThat(img.kind()).isEqualTo(SourceKind.DOCKER_ARCHIVE);
        assertThat(img.tags()).containsExactly("app:1.0");
        assertThat(img.platform()).isEqualTo(Platform.LINUX_AMD64);
        assertThat(img.manifestDigest()).isEmpty();
        assertThat(img.configDigest()).isPresent();
        assertThat(img.layers()).hasSize(3);
        assertThat(img.layers().get(0).digest()).isEqualTo(img.layers().get(0).diffId());
        assertThat(img.layers()).extracting(l -> l.history().orElseThrow().instruction()).containsExactly(
                "ADD file:abc in /", "RUN apt-get install -y su", "RUN echo done");
        assertThat(img.config().history()).hasSize(5);
        assertThat(img.config().user()).isEqualTo("app");
        assertThat(img.config().cmd()).containsExactly("sh");
        assertThat(img.config().exposedPorts()).containsExactly("8080/tcp");
        assertThat(img.config().labels()).containsEntry("org.opencontainers.image.title", "t");
        assertThat(img.config().healthcheck()).hasValueSatisfying(h -> {
            assertThat(h.test()).containsExactly("CMD-SHELL", "true");
            assertThat(h.interval()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isEqualTo(30));
        });
        assertThat(img.warnings()).isEmpty();
        assertThreeLayerTree(r);
    }

    @Test
    void dockerArchiveFromDocker25IsReadThroughManifestJson() throws Exception {
        Path tar = threeLayers(Compressor.NONE).writeDockerArchiveOciStyle(tmp.resolve("app.tar"), "app:2");
        WalkResult auto = Walks.walk(tar.toString());
        assertThat(auto.image().kind()).isEqualTo(SourceKind.DOCKER_ARCHIVE);
        assertThat(auto.image().tags()).containsExactly("app:2");
        assertThreeLayerTree(auto);
        WalkResult asOci = Walks.walk("oci-archive:" + tar);
        assertThat(asOci.image().kind()).isEqualTo(SourceKind.OCI_ARCHIVE);
        assertThat(asOci.image().configDigest()).isEqualTo(auto.image().configDigest());
        assertThreeLayerTree(asOci);
    }

    @ParameterizedTest
    @EnumSource(Compressor.class)
    void ociLayoutWithEveryLayerCompression(Compressor c) throws Exception {
        TestImage image = threeLayers(c);
        Path dir = image.writeOciLayout(tmp.resolve("layout"), "v1");
        WalkResult r = Walks.walk("oci:" + dir);
        assertThat(r.image().kind()).isEqualTo(SourceKind.OCI_LAYOUT);
        assertThat(r.image().manifestDigest()).contains(image.manifest().digest());
        assertThat(r.image().tags()).containsExactly("v1");
        assertThat(r.layers()).allSatisfy(l -> assertThat(l.summary().compression()).isEqualTo(switch (c) {
            case NONE -> Compression.NONE;
            case GZIP, GZIP_MULTI_MEMBER -> Compression.GZIP;
            case ZSTD -> Compression.ZSTD;
        }));
        assertThat(r.layers().get(0).summary().expandedBytes()).isEqualTo(image.layerTars().get(0).length);
        assertThreeLayerTree(r);
        assertThat(Walks.walk(dir.toString()).image().kind()).isEqualTo(SourceKind.OCI_LAYOUT);
        assertThat(Walks.walk("oci:" + dir + ":v1").image().manifestDigest()).contains(image.manifest().digest());
    }

    @Test
    void ociArchiveIsDetectedFromItsContents() throws Exception {
        Path tar = threeLayers(Compressor.ZSTD).writeOciArchive(tmp.resolve("img.oci.tar"), "latest");
        WalkResult r = Walks.walk(tar.toString());
        assertThat(r.image().kind()).isEqualTo(SourceKind.OCI_ARCHIVE);
        assertThreeLayerTree(r);
    }

    static TestImage platformImage(Platform p) {
        return TestImage.create().platform(p)
                .layer(TestLayer.create().file("arch", p.toString()), Compressor.GZIP);
    }

    @Test
    void multiPlatformIndexPicksAmd64ByDefaultAndHonoursPlatform() throws Exception {
        Path dir = TestOciLayout.create().index("multi",
                platformImage(Platform.parse("linux/arm64/v8")),
                platformImage(Platform.parse("linux/amd64")),
                platformImage(Platform.parse("linux/arm/v7"))).writeDirectory(tmp.resolve("multi"));
        assertThat(Walks.walk("oci:" + dir).image().platform()).isEqualTo(Platform.parse("linux/amd64"));
        ImageOptions arm64 = ImageOptions.DEFAULT.withPlatform(Platform.parse("linux/aarch64"));
        assertThat(Walks.walk("oci:" + dir, arm64, 1).image().platform().architecture()).isEqualTo("arm64");
        ImageOptions armv7 = ImageOptions.DEFAULT.withPlatform(Platform.parse("linux/arm"));
        assertThat(Walks.walk("oci:" + dir, armv7, 1).image().platform().variant()).isEqualTo("v7");
        ImageOptions s390x = ImageOptions.DEFAULT.withPlatform(Platform.parse("linux/s390x"));
        assertThatThrownBy(() -> Walks.walk("oci:" + dir, s390x, 1))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("index.json")
                .hasMessageContaining("no image for platform linux/s390x")
                .hasMessageContaining("linux/arm64/v8, linux/amd64, linux/arm/v7");
    }

    @Test
    void indexWithoutAmd64NeedsAPlatform() throws Exception {
        Path dir = TestOciLayout.create().index(null,
                platformImage(Platform.parse("linux/arm64")),
                platformImage(Platform.parse("linux/ppc64le"))).writeDirectory(tmp.resolve("noamd"));
        assertThatThrownBy(() -> Walks.walk("oci:" + dir)).hasMessageContaining("choose one with --platform");
    }

    @Test
    void layoutWithSeveralNamedImagesNeedsAName() throws Exception {
        Path dir = TestOciLayout.create()
                .image(platformImage(Platform.parse("linux/amd64")), "one")
                .image(threeLayers(Compressor.GZIP), "two")
                .writeDirectory(tmp.resolve("two"));
        assertThatThrownBy(() -> Walks.walk("oci:" + dir)).hasMessageContaining("holds 2 images (one, two)");
        assertThat(Walks.walk("oci:" + dir + ":two").image().layers()).hasSize(3);
        assertThatThrownBy(() -> Walks.walk("oci:" + dir + ":three"))
                .hasMessageContaining("no image named 'three' (available: one, two)");
    }

    @Test
    void dockerArchiveWithSeveralImagesIsSelectedByTagOrIndex() throws Exception {
        Path a = platformImage(Platform.LINUX_AMD64).writeDockerArchive(tmp.resolve("a.tar"), "a:1");
        Path b = threeLayers(Compressor.NONE).writeDockerArchive(tmp.resolve("b.tar"), "b:2");
        Path both = tmp.resolve("both.tar");
        mergeDockerArchives(both, a, b);
        assertThatThrownBy(() -> Walks.walk(both.toString())).hasMessageContaining("holds 2 images");
        assertThat(Walks.walk("docker-archive:" + both + ":b:2").image().layers()).hasSize(3);
        assertThat(Walks.walk("docker-archive:" + both + ":docker.io/library/b:2").image().layers()).hasSize(3);
        assertThat(Walks.walk("docker-archive:" + both + ":@0").image().tags()).containsExactly("a:1");
        assertThatThrownBy(() -> Walks.walk("docker-archive:" + both + ":c:3")).hasMessageContaining("no image tagged 'c:3'");
    }

    /** What {@code docker save a b} writes: one archive, one manifest.json entry per image. */
    private static void mergeDockerArchives(Path out, Path... archives) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        StringBuilder manifest = new StringBuilder("[");
        for (Path archive : archives) {
            try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(archive))) {
                org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
                while ((e = in.getNextEntry()) != null) {
                    byte[] content = in.readAllBytes();
                    if (e.getName().equals("manifest.json")) {
                        String m = new String(content);
                        manifest.append(manifest.length() > 1 ? "," : "").append(m, 1, m.length() - 1);
                    } else {
                        files.put(e.getName(), content);
                    }
                }
            }
        }
        files.put("manifest.json", (manifest + "]").getBytes());
        TestImage.writeTar(out, files);
    }

    @Test
    void identicalLayersAreReadOnce() throws Exception {
        byte[] same = TestLayer.create().file("a", "a").tar();
        Path dir = TestImage.create().layer(same, Compressor.GZIP, "ADD a /")
                .layer(TestLayer.create().file("b", "b"), Compressor.GZIP)
                .layer(same, Compressor.GZIP, "ADD a /").writeOciLayout(tmp.resolve("dup"), null);
        WalkResult r = Walks.walk("oci:" + dir);
        assertThat(r.layers()).extracting(l -> l.reusedFrom()).containsExactly(-1, -1, 0);
        assertThat(r.tree().get("/a")).hasValueSatisfying(n -> assertThat(n.layer()).isEqualTo(2));
    }

    @Test
    void historyThatDoesNotMatchLayersIsAWarningNotAnError() throws Exception {
        TestImage image = TestImage.create().layer(TestLayer.create().file("a", "a"), Compressor.GZIP).withoutHistory();
        Path dir = image.writeOciLayout(tmp.resolve("nohist"), null);
        WalkResult r = Walks.walk("oci:" + dir);
        assertThat(r.image().layers().get(0).history()).isEmpty();
        assertThat(r.image().warnings()).isEmpty();
    }

    @Test
    void rootfsDirectoryIsOneLayer() throws Exception {
        Path root = tmp.resolve("rootfs");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "ID=dir\n");
        Files.createSymbolicLink(root.resolve("etc/alias"), Path.of("os-release"));
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
        WalkResult r = Walks.walk("dir:" + root);
        assertThat(r.image().kind()).isEqualTo(SourceKind.ROOTFS_DIR);
        assertThat(r.tree().get("/etc/os-release")).hasValueSatisfying(n -> assertThat(n.size()).isEqualTo(7));
        assertThat(r.tree().get("/etc/alias")).hasValueSatisfying(n -> assertThat(n.linkTarget()).isEqualTo("os-release"));
        assertThat(r.tree().resolve("/etc/alias")).isInstanceOf(io.plimsoll.image.tree.Lookup.Found.class);
        assertThat(r.tree().resolve("/loop")).isInstanceOf(io.plimsoll.image.tree.Lookup.Loop.class);
        assertThat(Walks.walk(root.toString()).image().kind()).isEqualTo(SourceKind.ROOTFS_DIR);
    }

    @Test
    void layerDigestsAreTheManifestsDigests() throws Exception {
        TestImage image = threeLayers(Compressor.GZIP);
        Path dir = image.writeOciLayout(tmp.resolve("d"), null);
        WalkResult r = Walks.walk("oci:" + dir);
        List<Digest> expected = image.manifest().blobs().keySet().stream().skip(1).limit(3).toList();
        assertThat(r.image().layers()).extracting(l -> l.digest().orElseThrow()).containsExactlyElementsOf(expected);
        assertThat(r.image().layers()).allSatisfy(l -> assertThat(l.diffId()).isPresent());
    }
}
