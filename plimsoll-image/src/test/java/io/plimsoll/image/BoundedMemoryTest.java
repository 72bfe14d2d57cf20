package io.plimsoll.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.CraftedLayers;
import io.plimsoll.image.testing.WalkMain;
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
}
