package io.plimsoll.image.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.testing.Await;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.testing.Walks;
import io.plimsoll.image.tree.FileNode;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerWalkerTest {

    @TempDir
    Path tmp;

    private Path image() {
        TestImage img = TestImage.create()
                .layer(TestLayer.create().file("var/lib/dpkg/status", "v1").file("etc/os-release", "ID=old")
                        .file("etc/motd", "hello")
                        .file("usr/share/big.jar", new byte[10_000], 0644), Compressor.GZIP)
                .layer(TestLayer.create().file("var/lib/dpkg/status", "v2").whiteout("etc/os-release")
                        .whiteout("etc/motd"), Compressor.ZSTD)
                .layer(TestLayer.create().file("usr/lib/os-release", "ID=new").symlink("etc/os-release", "../usr/lib/os-release")
                        .file("opt/a.jar", "jar").hardlink("opt/b.jar", "opt/a.jar"), Compressor.NONE);
        for (int i = 0; i < 5; i++) {
            img.layer(TestLayer.create().file("filler/" + i, "x"), Compressor.GZIP);
        }
        return img.writeOciLayout(tmp.resolve("img"), null);
    }

    @Test
    void everyVersionOfAWantedFileArrivesAndTheSquashedOneIsFound() throws Exception {
        CollectedFiles files = new CollectedFiles(FileInterest.globs("/var/lib/dpkg/status", "/etc/os-release",
                "/usr/lib/os-release"), 1 << 20);
        WalkResult r = Walks.walk("oci:" + image(), files);
        assertThat(files.in("/var/lib/dpkg/status", 0)).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("v1"));
        assertThat(files.in("/var/lib/dpkg/status", 1)).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("v2"));
        assertThat(files.squashed(r.tree(), "/var/lib/dpkg/status")).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("v2"));
        assertThat(files.squashed(r.tree(), "/etc/os-release")).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("ID=new"));
        assertThat(files.in("/etc/os-release", 0)).isPresent();
    }

    @Test
    void unwantedAndOversizedFilesAreNotHandedOver() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        FileInterest jars = new FileInterest() {
            @Override
            public boolean wants(String path) {
                return path.endsWith(".jar");
            }

            @Override
            public long maxFileSize() {
                return 1000;
            }

            @Override
            public void accept(LayerFile file, InputStream content) throws IOException {
                seen.add(file.path() + "@" + file.layer() + "=" + new String(content.readAllBytes(), StandardCharsets.UTF_8));
            }
        };
        Walks.walk("oci:" + image(), jars);
        assertThat(seen).containsExactlyInAnyOrder("/opt/a.jar@2=jar", "/opt/b.jar@2=jar");
    }

    @Test
    void twoConsumersOfOneFileEachGetItsBytes() throws Exception {
        CollectedFiles a = new CollectedFiles(p -> p.equals("/opt/a.jar"), 100);
        CollectedFiles b = new CollectedFiles(p -> p.endsWith(".jar"), 100);
        Walks.walk("oci:" + image(), a, b);
        assertThat(a.in("/opt/a.jar", 2)).hasValueSatisfying(x -> assertThat(new String(x)).isEqualTo("jar"));
        assertThat(b.in("/opt/a.jar", 2)).hasValueSatisfying(x -> assertThat(new String(x)).isEqualTo("jar"));
        assertThat(b.in("/opt/b.jar", 2)).hasValueSatisfying(x -> assertThat(new String(x)).isEqualTo("jar"));
    }

    @Test
    void parallelAndSequentialWalksAgree() throws Exception {
        Path img = image();
        WalkResult one = Walks.walk("oci:" + img, ImageOptions.DEFAULT, 1);
        WalkResult four = Walks.walk("oci:" + img, ImageOptions.DEFAULT, 4);
        assertThat(four.tree().nodes()).containsExactlyElementsOf(one.tree().nodes());
        assertThat(four.layers()).extracting(l -> l.summary()).containsExactlyElementsOf(
                one.layers().stream().map(LayerReport::summary).toList());
        assertThat(one.tree().nodes()).extracting(FileNode::path).contains("/filler/4", "/opt/b.jar");
        // layer 1's whiteout removed layer 0's file although the two layers were read at the same time
        assertThat(four.layers().get(0).files()).isGreaterThan(four.layers().get(1).files());
        assertThat(four.tree().get("/etc/motd")).isEmpty();
    }

    @Test
    void aCorruptLayerAmongParallelReadsIsOneLineNamingItAndLeavesNoThread() throws Exception {
        TestImage img = TestImage.create();
        for (int i = 0; i < 6; i++) {
            img.layer(TestLayer.create().file("l" + i + "/data", new byte[200_000 + i], 0644), Compressor.GZIP);
        }
        Path dir = img.writeOciLayout(tmp.resolve("corrupt"), null);
        Digest third = img.manifest().blobs().keySet().stream().skip(1 + 2).findFirst().orElseThrow();
        Path blob = dir.resolve("blobs/sha256/" + third.hex());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(blob, bytes);

        assertThatThrownBy(() -> Walks.walk("oci:" + dir, ImageOptions.DEFAULT, 4))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("layer 2 (sha256:" + third.shortHex() + ")")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Await.until("the layer threads to end", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().equals("plimsoll-layer")));
    }
}
