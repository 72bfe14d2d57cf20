package io.plimsoll.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.image.layer.Bytes;
import io.plimsoll.image.layer.LayerPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferencesAndHistoryTest {

    @TempDir
    Path tmp;

    @Test
    void referencesSplitPathFromSelectorAtAnExistingFile() throws Exception {
        Path tar = Files.createFile(tmp.resolve("app:v1.tar"));
        assertThat(ImageReferences.parse("docker-archive:" + tar)).isEqualTo(
                new ImageReference.DockerArchive("docker-archive:" + tar, tar, Optional.empty()));
        assertThat(ImageReferences.parse("docker-archive:" + tar + ":repo/app:2")).isEqualTo(
                new ImageReference.DockerArchive("docker-archive:" + tar + ":repo/app:2", tar, Optional.of("repo/app:2")));
        assertThat(ImageReferences.parse("oci:" + tmp + ":latest"))
                .isEqualTo(new ImageReference.OciLayout("oci:" + tmp + ":latest", tmp, Optional.of("latest")));
        assertThat(ImageReferences.parse("dir:/")).isInstanceOf(ImageReference.RootfsDir.class);
        assertThat(ImageReferences.parse(tar.toString())).isInstanceOf(ImageReference.AutoDetect.class);
        // a bare name that is no file is pulled, as peers do; one written as a path stays a path
        assertThat(ImageReferences.parse("alpine:3.19")).isEqualTo(new ImageReference.Registry("alpine:3.19",
                io.plimsoll.image.registry.RegistryReference.parse("docker.io/library/alpine:3.19")));
        assertThat(ImageReferences.parse("127.0.0.1:5000/app:1")).isInstanceOf(ImageReference.Registry.class);
        for (String path : List.of("./alpine:3.19", "/images/alpine", "alpine.tar", "app.tar.gz", "bom.json")) {
            assertThatThrownBy(() -> ImageReferences.parse(path)).as(path)
                    .hasMessageContaining("no such file or directory");
        }
        assertThatThrownBy(() -> ImageReferences.parse("Not An Image")).hasMessageContaining("use docker-archive:FILE");
        assertThat(ImageReferences.parse("registry:alpine")).isInstanceOf(ImageReference.Registry.class);
        assertThat(ImageReferences.parse("docker-daemon:alpine")).isEqualTo(
                new ImageReference.Daemon("docker-daemon:alpine", "docker", "alpine"));
        assertThatThrownBy(() -> ImageReferences.parse("containerd:alpine")).hasMessageContaining("not supported yet");
        assertThatThrownBy(() -> ImageReferences.parse("docker-archive:")).hasMessageContaining("missing path");
        assertThatThrownBy(() -> ImageReferences.parse(" ")).hasMessageContaining("empty image reference");
    }

    @Test
    void historyReadsAsDockerfileSteps() {
        assertThat(step("/bin/sh -c #(nop)  CMD [\"nginx\"]").instruction()).isEqualTo("CMD [\"nginx\"]");
        assertThat(step("/bin/sh -c apt-get update").instruction()).isEqualTo("RUN apt-get update");
        assertThat(step("|2 A=1 B=x y /bin/sh -c make").instruction()).isEqualTo("RUN make");
        assertThat(step("RUN /bin/sh -c apk add curl # buildkit").instruction()).isEqualTo("RUN apk add curl");
        assertThat(step("COPY app /app # buildkit").instruction()).isEqualTo("COPY app /app");
    }

    private static HistoryStep step(String createdBy) {
        return new HistoryStep(0, Optional.empty(), createdBy, "", false, OptionalInt.empty());
    }

    @Test
    void layerPathsAreCleanAndNeverLeaveTheRoot() {
        assertThat(LayerPaths.fromArchiveName("./etc//passwd")).contains("/etc/passwd");
        assertThat(LayerPaths.fromArchiveName("./")).contains("/");
        assertThat(LayerPaths.fromArchiveName("usr/./bin/")).contains("/usr/bin");
        assertThat(LayerPaths.fromArchiveName("a/../b")).isEmpty();
        assertThat(LayerPaths.fromArchiveName("/etc")).isEmpty();
        assertThat(LayerPaths.absolute("/../../etc/../x")).isEqualTo("/x");
        assertThat(LayerPaths.parent("/a/b")).isEqualTo("/a");
        assertThat(LayerPaths.parent("/a")).isEqualTo("/");
    }

    @Test
    void sizesReadAndPrintAsPeopleWriteThem() {
        assertThat(Bytes.parse("512M")).isEqualTo(512L << 20);
        assertThat(Bytes.parse("4GiB")).isEqualTo(4L << 30);
        assertThat(Bytes.parse("1.5k")).isEqualTo(1536);
        assertThat(Bytes.parse("1000")).isEqualTo(1000);
        assertThat(Bytes.human(1536)).isEqualTo("1.5 KiB");
        assertThat(Bytes.human(300L << 30)).isEqualTo("300 GiB");
        assertThatThrownBy(() -> Bytes.parse("lots")).hasMessageContaining("invalid size 'lots'");
        assertThatThrownBy(() -> Bytes.parse("-1G")).hasMessageContaining("invalid size");
    }
}
