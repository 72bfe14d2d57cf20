package io.plimsoll.image.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReference;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.SourceKind;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.FakeEngine;
import io.plimsoll.image.walk.LayerWalker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docker:} and {@code podman:} against a fake engine on a Unix socket: no Docker needed. */
class EngineSaveTest {

    @TempDir
    Path tmp;

    @Test
    void dockerImageIsSavedThroughTheSocketAndReadAsTheArchiveItIs() throws Exception {
        byte[] archive = Files.readAllBytes(ImageSourcesTest.threeLayers(Compressor.NONE)
                .writeDockerArchive(tmp.resolve("save.tar"), "team/app:1"));
        try (FakeEngine engine = FakeEngine.start(tmp.resolve("run/docker.sock"), Map.of("team/app:1", archive))) {
            ImageReference.Daemon ref = (ImageReference.Daemon) ImageReferences.parse("docker:team/app:1");
            Set<Path> before = spools();
            try (DockerArchiveSource source = EngineSave.open(ref, ImageOptions.DEFAULT,
                    Map.of("DOCKER_HOST", "unix://" + engine.socket()), Duration.ofSeconds(30))) {
                assertThat(source.image().name()).isEqualTo("docker:team/app:1");
                assertThat(source.image().kind()).isEqualTo(SourceKind.DOCKER_ARCHIVE);
                assertThat(source.image().tags()).containsExactly("team/app:1");
                ImageSourcesTest.assertThreeLayerTree(new LayerWalker(2, ImageOptions.DEFAULT.limits())
                        .walk(source, List.of()));
                assertThat(spools()).hasSize(before.size() + 1); // spooled, owner-only
                Path spool = spools().stream().filter(p -> !before.contains(p)).findFirst().orElseThrow();
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(spool)))
                        .isEqualTo("rw-------");
            }
            assertThat(spools()).isEqualTo(before); // and removed with the source
            assertThat(engine.requests()).containsExactly("/images/team/app:1/get");
        }
    }

    @Test
    void podmanIsFoundInTheUsersRuntimeDirectory() throws Exception {
        byte[] archive = Files.readAllBytes(ImageSourcesTest.threeLayers(Compressor.NONE)
                .writeDockerArchive(tmp.resolve("save.tar"), "localhost/app:2"));
        try (FakeEngine engine = FakeEngine.start(tmp.resolve("xdg/podman/podman.sock"),
                Map.of("localhost/app:2", archive))) {
            ImageReference.Daemon ref = (ImageReference.Daemon) ImageReferences.parse("podman:localhost/app:2");
            try (DockerArchiveSource source = EngineSave.open(ref, ImageOptions.DEFAULT,
                    Map.of("XDG_RUNTIME_DIR", tmp.resolve("xdg").toString()), Duration.ofSeconds(30))) {
                assertThat(source.image().layers()).hasSize(3);
            }
        }
    }

    @Test
    void eachFailureIsOneLineThatSaysWhatToDo() throws Exception {
        try (FakeEngine engine = FakeEngine.start(tmp.resolve("docker.sock"), Map.of())) {
            Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + engine.socket());
            assertThatThrownBy(() -> open("docker:nope:1", env, Duration.ofSeconds(30)))
                    .hasMessage("docker:nope:1: no such image in docker: No such image: nope:1");
            assertThatThrownBy(() -> open("docker:silent", env, Duration.ofMillis(300)))
                    .hasMessageStartingWith("docker:silent: ")
                    .hasMessageContaining("the engine sent nothing for 300 ms");
        }
        Path none = tmp.resolve("none.sock");
        assertThatThrownBy(() -> open("docker:alpine", Map.of("DOCKER_HOST", "unix://" + none), Duration.ofSeconds(1)))
                .hasMessage("docker:alpine: docker: no daemon socket at " + none + "; is Docker running?");
        assertThatThrownBy(() -> open("podman:alpine", Map.of("XDG_RUNTIME_DIR", tmp.toString()), Duration.ofSeconds(1)))
                .hasMessageContaining("podman: no daemon socket at " + tmp.resolve("podman/podman.sock")
                        + " or /run/podman/podman.sock");
        assertThatThrownBy(() -> open("docker:alpine", Map.of("DOCKER_HOST", "tcp://10.0.0.1:2375"), Duration.ofSeconds(1)))
                .hasMessageContaining("DOCKER_HOST=tcp://10.0.0.1:2375 is not a unix:// socket");
        // a socket file nobody listens on any more (the engine stopped without removing it)
        Path stale = tmp.resolve("stale.sock");
        FakeEngine.start(stale, Map.of()).closeKeepingSocketFile();
        assertThatThrownBy(() -> open("docker:alpine", Map.of("DOCKER_HOST", "unix://" + stale), Duration.ofSeconds(1)))
                .hasMessage("docker:alpine: docker: nothing listens on " + stale + "; is Docker running?");
        assertThatThrownBy(() -> ImageReferences.parse("podman:")).hasMessageContaining("missing image name");
    }

    private static void open(String text, Map<String, String> env, Duration stall) throws IOException {
        EngineSave.open((ImageReference.Daemon) ImageReferences.parse(text), ImageOptions.DEFAULT, env, stall).close();
    }

    private static Set<Path> spools() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().matches("plimsoll-(docker|podman)-save-.*\\.tar"))
                    .collect(Collectors.toSet());
        }
    }
}
