package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data archive is trained on this image: it must read as an image with each kind of package in it. */
class CdsTrainingImageTest {

    @TempDir
    Path dir;

    @Test
    void theTrainingImageReadsWithADebAJarAndAnNpmPackage() throws Exception {
        Path layout = dir.resolve("image");
        CdsTrainingImage.write(Path.of("src/cds/rootfs"), layout);
        CliTest.Run inspect = CliTest.run("inspect", "oci:" + layout);
        assertThat(inspect.code()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("Layers    2").contains("Tags      training");
        CliTest.Run sbom = CliTest.run("sbom", "--no-cache", "oci:" + layout);
        assertThat(sbom.code()).as(sbom.err()).isZero();
        assertThat(sbom.out()).contains("debian 12").contains("base-files").contains("training")
                .contains("left-pad").contains("Packages  3 (1 deb, 1 maven, 1 npm)");
    }
}
