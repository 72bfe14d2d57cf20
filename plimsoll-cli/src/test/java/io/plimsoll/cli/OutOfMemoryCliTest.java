package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.CraftedLayers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running out of heap is Plimsoll's failure, not the image's: it must end as an internal error (exit 3, one line),
 * not as bad input (2, which a CI job may treat as "fix your image") nor as an uncaught trace with exit 1 ("STOP").
 */
class OutOfMemoryCliTest {

    @TempDir
    Path tmp;

    @Test
    void anImageTooBigForTheHeapIsAnInternalError() throws Exception {
        byte[] layer = CraftedLayers.gzipTar(t -> {
            for (int i = 0; i < 300_000; i++) {
                t.emptyFile(String.format("usr/lib/pkg%05d/file%03d", i / 100, i % 100));
            }
        });
        Path image = CraftedLayers.ociLayout(tmp.resolve("image"), List.of(layer));
        CliTest.Run r = CliProcess.run(tmp.resolve("home"), Map.of("JAVA_TOOL_OPTIONS", "-Xmx48m"),
                "inspect", "oci:" + image);
        assertThat(r.code()).as(r.err()).isEqualTo(Main.INTERNAL_ERROR);
        assertThat(r.err()).contains("plimsoll: internal error: out of memory (Java heap space); more with "
                + "PLIMSOLL_JAVA_OPTS").doesNotContain("\tat ");
    }
}
