package io.plimsoll.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReference;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.walk.LayerWalker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An image archive file as `plimsoll scan app.tar` opens it: the tar index (TarArchiveFiles), the choice between
 * docker-archive and OCI archive, the metadata, then the layers. The metadata graph itself is fuzzed with real
 * digests by {@code io.plimsoll.image.source.ImageMetadataFuzzTest}; this one covers the archive container.
 */
class ImageArchiveFuzzTest {

    private static Path file;

    @FuzzTest
    void imageTar(byte[] archive) throws Exception {
        if (file == null) {
            file = Files.createTempFile("plimsoll-fuzz", ".tar");
            file.toFile().deleteOnExit();
        }
        Files.write(file, archive);
        try (ImageSource source = ImageSources.open(new ImageReference.AutoDetect("fuzz.tar", file),
                ImageOptions.DEFAULT)) {
            new LayerWalker(1, ImageOptions.DEFAULT.limits()).walk(source, List.of());
        } catch (ImageException expected) {
            // bad input, reported as such
        }
    }
}
