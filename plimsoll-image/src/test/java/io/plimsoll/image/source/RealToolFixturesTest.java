package io.plimsoll.image.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.SourceKind;
import io.plimsoll.image.layer.Compression;
import io.plimsoll.image.testing.Walks;
import io.plimsoll.image.tree.FileNode;
import io.plimsoll.image.walk.WalkResult;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Archives written by umoci and skopeo (see src/test/resources/real/README.txt). */
class RealToolFixturesTest {

    @ParameterizedTest
    @CsvSource({
        "skopeo-docker-archive.tar, DOCKER_ARCHIVE, NONE, docker.io/ships/app:1.0",
        "skopeo-oci-archive.tar, OCI_ARCHIVE, GZIP, 1.0",
        "skopeo-oci-zstd.tar, OCI_ARCHIVE, ZSTD, 1.0"})
    void readsWhatSkopeoWrites(String file, SourceKind kind, Compression compression, String tag) throws Exception {
        WalkResult r = Walks.walk(fixture(file).toString());
        assertThat(r.image().kind()).isEqualTo(kind);
        assertThat(r.image().tags()).containsExactly(tag);
        assertThat(r.image().warnings()).isEmpty();
        assertThat(r.layers()).allSatisfy(l -> assertThat(l.summary().compression()).isEqualTo(compression));
        assertThat(r.image().layers()).extracting(l -> l.history().orElseThrow().createdBy())
                .containsExactly("ADD rootfs /", "RUN rm /etc/motd");
        assertThat(r.image().config().cmd()).containsExactly("/bin/sh");
        assertThat(r.image().config().exposedPorts()).containsExactly("8080/tcp");
        assertThat(r.image().config().labels()).containsEntry("team", "ships");
        assertThat(r.tree().nodes()).filteredOn(n -> n.type() == io.plimsoll.image.layer.FileType.REGULAR)
                .extracting(FileNode::path).containsExactly("/usr/lib/os-release", "/usr/lib/su", "/var/cache/apt/new");
        assertThat(r.tree().get("/usr/lib/su").orElseThrow().modeString()).isEqualTo("-rwsr-xr-x");
        assertThat(r.tree().get("/var/cache/apt/new").orElseThrow().layer()).isEqualTo(1);
        assertThat(r.tree().resolve("/etc/os-release")).isInstanceOf(io.plimsoll.image.tree.Lookup.Found.class);
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(RealToolFixturesTest.class.getResource("/real/" + name).toURI());
    }
}
