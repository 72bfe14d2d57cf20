package io.plimsoll.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plimsoll's own image (-Pcontainer), as a runtime would see it: unpacked by umoci, its config read from the OCI
 * layout, and Plimsoll run inside the root filesystem by chroot as the image's user.
 */
class ContainerImageTest {

    static final String VERSION = System.getProperty("plimsoll.version");
    static final long MAX_BYTES = 300L * 1024 * 1024;

    @TempDir
    static Path tmp;

    static Path layout;
    static Path rootfs;
    static JsonNode config;

    @BeforeAll
    static void unpack() throws Exception {
        Path image = Path.of(System.getProperty("plimsoll.image.tar"));
        assertThat(image).isRegularFile();
        if (Commands.run(tmp, Map.of(), "sh", "-c", "command -v umoci").code() != 0) {
            // the profile's only tool beyond the JDK, from Debian
            Commands.Run install = Commands.run(tmp, Map.of("DEBIAN_FRONTEND", "noninteractive"),
                    "sh", "-c", "apt-get install -y umoci || (apt-get update && apt-get install -y umoci)");
            assertThat(install.code()).as("apt-get install umoci: " + install.err()).isZero();
        }
        layout = tmp.resolve("layout");
        Files.createDirectories(layout);
        assertOk(Commands.run(tmp, Map.of(), "tar", "-xf", image.toString(), "-C", layout.toString()));
        assertOk(Commands.run(tmp, Map.of(), "umoci", "unpack", "--image", layout + ":plimsoll:" + VERSION,
                tmp.resolve("bundle").toString()));
        rootfs = tmp.resolve("bundle/rootfs");
        // The device nodes a container runtime gives every container (chroot gives none)
        Files.createDirectories(rootfs.resolve("dev"));
        Files.createDirectories(rootfs.resolve("proc"));
        for (String dev : List.of("null 1 3", "zero 1 5", "random 1 8", "urandom 1 9")) {
            String[] d = dev.split(" ");
            assertOk(Commands.run(tmp, Map.of(), "mknod", "-m", "666", rootfs.resolve("dev/" + d[0]).toString(), "c",
                    d[1], d[2]));
        }
        JsonNode manifest = blob(json(layout.resolve("index.json")).path("manifests").get(0).path("digest").asText());
        config = blob(manifest.path("config").path("digest").asText()).path("config");
    }

    @Test
    void runsAsANonRootUserWithPlimsollAsEntrypointAndPort6060() {
        assertThat(config.path("User").asText()).isEqualTo("10001:10001");
        assertThat(config.path("Entrypoint").toString()).isEqualTo("[\"/opt/plimsoll/bin/plimsoll\"]");
        assertThat(config.path("ExposedPorts").has("6060/tcp")).isTrue();
        assertThat(config.path("Volumes").has("/var/lib/plimsoll")).isTrue();
    }

    @Test
    void carriesTheOciLabels() {
        JsonNode labels = config.path("Labels");
        assertThat(labels.path("org.opencontainers.image.version").asText()).isEqualTo(VERSION);
        assertThat(labels.path("org.opencontainers.image.licenses").asText()).isEqualTo("Apache-2.0");
        assertThat(labels.path("org.opencontainers.image.revision").asText()).matches("[0-9a-f]{40}|unknown");
        assertThat(labels.path("org.opencontainers.image.source").asText()).isNotBlank();
        assertThat(labels.path("org.opencontainers.image.base.name").asText()).contains("debian:bookworm", "libc6=");
    }

    @Test
    void staysUnder300MegabytesPackedAndUnpacked() throws IOException {
        assertThat(Files.size(Path.of(System.getProperty("plimsoll.image.tar")))).isLessThan(MAX_BYTES);
        long unpacked;
        try (Stream<Path> files = Files.walk(rootfs)) {
            unpacked = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(unpacked).isLessThan(MAX_BYTES);
    }

    @Test
    void twoBuildsFromTheSameInputsHaveTheSameDigest() throws IOException {
        Path dir = Path.of(System.getProperty("plimsoll.container.dir"));
        String first = Files.readString(dir.resolve("image.digest")).strip();
        String second = Files.readString(dir.resolve("again/image.digest")).strip();
        assertThat(first).startsWith("sha256:").isEqualTo(second);
        assertThat(json(layout.resolve("index.json")).path("manifests").get(0).path("digest").asText()).isEqualTo(first);
    }

    @Test
    void plimsollRunsInsideAsTheImageUser() throws Exception {
        Commands.Run version = inside("--version");
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("plimsoll " + VERSION + "\n");
    }

    @Test
    void plimsollListsItsOwnImageFromInside() throws Exception {
        Commands.Run sbom = inside("sbom", "dir:/", "--format", "json");
        assertThat(sbom.code()).as(sbom.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(sbom.out());
        assertThat(json.path("distro").path("id").asText()).isEqualTo("debian");
        List<String> names = new ArrayList<>();
        json.path("packages").forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).contains("libc6", "dash", "base-files", "zlib1g", "jackson-databind", "flyway-core");
    }

    /**
     * {@code plimsoll ARGS} in the unpacked root filesystem, as uid 10001 with the image's environment only. A
     * runtime gives a container /proc (the loader finds libjli.so through it, by $ORIGIN); here it is mounted in a
     * mount namespace of this command's own, so it is gone when the command ends.
     */
    private static Commands.Run inside(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--fork", "/bin/sh", "-c",
                "mount -t proc proc \"$0/proc\" && exec /usr/sbin/chroot --userspec=10001:10001 \"$0\" \"$@\"",
                rootfs.toString(), config.path("Entrypoint").get(0).asText()));
        cmd.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>();
        config.path("Env").forEach(e -> {
            String[] kv = e.asText().split("=", 2);
            env.put(kv[0], kv[1]);
        });
        return Commands.runClean(tmp, env, cmd);
    }

    private static JsonNode blob(String digest) throws IOException {
        return json(layout.resolve("blobs/sha256/" + digest.substring("sha256:".length())));
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static void assertOk(Commands.Run run) {
        assertThat(run.code()).as(run.err()).isZero();
    }
}
