package io.plimsoll.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.CraftedLayers;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.testing.WalkMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted images that once ran a 256 MiB heap out of memory, walked in a child JVM with {@code -Xmx256m}: each must
 * be refused as bad input (exit 2, one line naming the layer) with the default limits.
 */
class BoundedMemoryTest {

    @TempDir
    Path tmp;

    @Test
    void aMillionEmptyFilesAreRefusedAtTheEntryLimit() throws Exception {
        byte[] layer = CraftedLayers.gzipTar(t -> {
            for (int i = 0; i < 1_000_000; i++) {
                t.emptyFile(String.format("usr/lib/pkg%05d/file%03d", i / 100, i % 100));
            }
        });
        Path dir = CraftedLayers.ociLayout(tmp.resolve("million"), List.of(layer));
        WalkMain.Result r = WalkMain.fork("oci:" + dir);
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).startsWith("refused: " + dir + ": layer 0")
                .matches("(?s).*the image holds more than \\d+ archive entries \\(raise --max-entries if this image is "
                        + "genuine\\)$");
    }

    @Test
    void aGnuLongNameOf64MiBIsRefusedWithoutBufferingIt() throws Exception {
        byte[] layer = CraftedLayers.gzipTar(t -> t.gnuLongName(64L << 20).emptyFile("x"));
        Path dir = CraftedLayers.ociLayout(tmp.resolve("longname"), List.of(layer));
        WalkMain.Result r = WalkMain.fork("oci:" + dir);
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("a GNU long name of 64.0 MiB is over the 4096-byte limit");
    }

    @Test
    void issue21sOtherImagesEachEndInOneLineWithinTheHeap() throws Exception {
        // one fork for the rest of the issue's image cases that once ran the heap out or overflowed the stack
        TestImage small = TestImage.create().layer(TestLayer.create().file("etc/os-release", "ID=test\n"),
                Compressor.GZIP);
        Path graph = CraftedLayers.indexGraph(small.writeOciLayout(tmp.resolve("graph"), null), small, 60);
        Path deep = CraftedLayers.ociLayout(tmp.resolve("deep"), List.of(Compressor.GZIP.apply(
                TestLayer.create().file("a/".repeat(40_000) + "f", "x").tar())));
        Path repeated = CraftedLayers.repeatLayers(small.writeDockerArchive(tmp.resolve("one.tar"), "repeat:1"), 5000,
                tmp.resolve("repeated.tar"));
        // under the byte limit, but a tree of ~100 bytes a value: 5,000,000 values once took far more than the heap
        String values = "[" + "{},".repeat(5_000_000) + "{}]";
        Path config = CraftedLayers.ociLayout(tmp.resolve("config"), List.of(), values);
        Path index = CraftedLayers.ociLayout(tmp.resolve("index"), List.of());
        String indexJson = Files.readString(index.resolve("index.json"));
        Files.writeString(index.resolve("index.json"), indexJson.substring(0, indexJson.lastIndexOf('}'))
                + ",\"junk\":" + values + "}");

        List<WalkMain.Result> r = WalkMain.forkEach("oci:" + graph, "oci:" + deep, repeated.toString(),
                "oci:" + config, "oci:" + index);
        assertThat(r).extracting(WalkMain.Result::exit).as(r.toString()).containsExactly(0, 2, 2, 2, 2);
        assertThat(r.get(0).output()).isEqualTo("read 2 paths"); // /etc and /etc/os-release: reached, once
        assertThat(r.get(1).output()).startsWith("refused: " + deep + ": layer 0")
                .contains(": an entry's name is 80001 bytes, over the 4096-byte limit ('a/a/").endsWith("…'): refusing the layer");
        assertThat(r.get(2).output()).isEqualTo("refused: " + repeated + ":manifest.json: lists 5000 layers, over the "
                + "limit of 1024: refusing the image");
        assertThat(r.get(3).output()).matches("refused: " + config + "/blobs/sha256/[0-9a-f]{64}: holds more than "
                + ImageLimits.DEFAULT.maxMetadataTokens() + " JSON values, too many for image metadata");
        assertThat(r.get(4).output()).isEqualTo("refused: " + index + "/index.json: holds more than "
                + ImageLimits.DEFAULT.maxMetadataTokens() + " JSON values, too many for image metadata");
    }
}
