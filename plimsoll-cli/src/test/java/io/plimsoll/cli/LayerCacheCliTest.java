package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.vuln.store.StoreBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The layer cache through the CLI: layers read are counted as blob fetches from a real docker-registry. */
@ExtendWith(IsolatedSettings.class)
class LayerCacheCliTest {

    @TempDir
    Path tmp;

    private static TestLayer alpineBase() {
        return TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                .file("lib/apk/db/installed", "P:musl\nV:1.2.4-r4\nA:x86_64\nL:MIT\no:musl\n\n"
                        + "P:busybox\nV:1.36.1-r15\nA:x86_64\nL:GPL-2.0-only\no:busybox\n\n");
    }

    private static TestLayer app(String version) {
        return TestLayer.create().file("app/package-lock.json", "{\"name\":\"app\",\"lockfileVersion\":3,"
                + "\"packages\":{\"\":{\"name\":\"app\"},\"node_modules/lodash\":{\"version\":\"" + version + "\"}}}");
    }

    private static Path layerDir() {
        return Settings.cacheDir(Settings.environment()).resolve("layers");
    }

    private static final String DROPPED = "damaged entry dropped (checksum mismatch); ";

    private static List<Path> cachedLayers() throws IOException {
        return cached(false);
    }

    /** The entries that keep what the catalogers made of an image's stack of layers. */
    private static List<Path> cachedImages() throws IOException {
        return cached(true);
    }

    private static List<Path> cached(boolean stacks) throws IOException {
        if (!Files.isDirectory(layerDir())) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(layerDir())) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> f.getParent().getFileName().toString().equals("stacks") == stacks).toList();
        }
    }

    @Test
    void aRescanFetchesNoLayerItKnowsAndANewImageOverTheBaseFetchesOnlyItsOwn() throws Exception {
        TestImage v1 = TestImage.create().layer(alpineBase(), Compressor.GZIP, "ADD rootfs /")
                .layer(app("4.17.20"), Compressor.GZIP, "COPY . /app");
        TestImage v2 = TestImage.create().layer(alpineBase(), Compressor.GZIP, "ADD rootfs /")
                .layer(app("4.17.21"), Compressor.GZIP, "COPY . /app");
        try (LocalRegistry registry = LocalRegistry.start(tmp)) {
            registry.push("team/app", v1, "1");
            registry.push("team/app", v2, "2");
            String ref1 = "registry:" + registry.host() + "/team/app:1";
            String ref2 = "registry:" + registry.host() + "/team/app:2";

            // without the blob cache every layer read is a GET: the config plus two layers
            CliTest.Run cold = CliTest.run("sbom", "--format", "json", "--no-blob-cache", ref1);
            assertThat(cold.code()).as(cold.err()).isZero();
            assertThat(cold.out()).contains("\"musl\"", "\"lodash\"", "4.17.20");
            long gets = registry.blobGets();
            assertThat(gets).isEqualTo(3);
            assertThat(cachedLayers()).hasSize(2);
            assertThat(cachedImages()).hasSize(1);

            CliTest.Run warm = CliTest.run("sbom", "--format", "json", "--no-blob-cache", ref1);
            assertThat(warm.code()).as(warm.err()).isZero();
            assertThat(warm.out()).isEqualTo(cold.out());
            assertThat(warm.err()).isEmpty();
            assertThat(registry.blobGets()).isEqualTo(gets + 1); // the config only

            CliTest.Run other = CliTest.run("sbom", "--format", "json", "--no-blob-cache", ref2);
            assertThat(other.code()).as(other.err()).isZero();
            assertThat(other.out()).contains("\"musl\"", "4.17.21").doesNotContain("4.17.20");
            assertThat(registry.blobGets()).isEqualTo(gets + 3); // its config and its own layer
            assertThat(cachedLayers()).hasSize(3);
            assertThat(cachedImages()).hasSize(2);

            CliTest.Run uncached = CliTest.run("sbom", "--format", "json", "--no-blob-cache", "--no-cache", ref1);
            assertThat(uncached.out()).isEqualTo(cold.out());
            assertThat(registry.blobGets()).isEqualTo(gets + 6);

            CliTest.Run status = CliTest.run("cache", "status");
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(status.out()).contains(layerDir().toString(), "in 3 layers and 2 catalogs");
            CliTest.Run prune = CliTest.run("cache", "prune", "--all");
            assertThat(prune.code()).as(prune.err()).isZero();
            assertThat(prune.out()).contains("removed 3 layers and 2 catalogs",
                    "0 layers and 0 catalogs");
            assertThat(cachedLayers()).isEmpty();
            assertThat(cachedImages()).isEmpty();
        }
    }

    @Test
    void aDamagedEntryIsOneWarningAndTheScanStillRightAndRootFilesystemsAreNotCached() throws Exception {
        Path archive = TestImage.create().layer(alpineBase(), Compressor.GZIP, "ADD rootfs /")
                .layer(app("4.17.20"), Compressor.ZSTD, "COPY . /app")
                .writeOciArchive(tmp.resolve("app.tar"), "1");
        CliTest.Run cold = CliTest.run("sbom", "--format", "json", archive.toString());
        assertThat(cold.code()).as(cold.err()).isZero();
        assertThat(cachedLayers()).hasSize(2);
        assertThat(cachedImages()).hasSize(1);
        List<Path> entries = new java.util.ArrayList<>(cachedLayers());
        entries.addAll(cachedImages());
        for (Path entry : entries) {
            byte[] b = Files.readAllBytes(entry);
            b[b.length - 1] ^= 0x55;
            Files.write(entry, b);
        }
        CliTest.Run damaged = CliTest.run("sbom", "--format", "json", archive.toString());
        assertThat(damaged.code()).as(damaged.err()).isZero();
        assertThat(damaged.out()).isEqualTo(cold.out());
        // the image's catalog first (the sbom would have needed nothing else), then each layer it had to replay
        assertThat(damaged.err().lines().toList()).hasSize(3)
                .allMatch(l -> l.startsWith("plimsoll: warning: layer cache: " + layerDir()))
                .satisfiesExactly(l -> assertThat(l).endsWith(DROPPED + "cataloging the layers again"),
                        l -> assertThat(l).endsWith(DROPPED + "reading the layer again"),
                        l -> assertThat(l).endsWith(DROPPED + "reading the layer again"));
        CliTest.Run rebuilt = CliTest.run("sbom", "--format", "json", archive.toString());
        assertThat(rebuilt.err()).isEmpty();
        assertThat(rebuilt.out()).isEqualTo(cold.out());

        CliTest.run("cache", "prune", "--all");
        Path root = Files.createDirectories(tmp.resolve("root/etc"));
        Files.writeString(root.resolve("os-release"), "ID=alpine\nVERSION_ID=3.19.1\n");
        CliTest.Run dir = CliTest.run("sbom", "dir:" + tmp.resolve("root"));
        assertThat(dir.code()).as(dir.err()).isZero();
        assertThat(cachedLayers()).isEmpty();
    }
    @Test
    void aPolicyScanWithSecretScansIsReplayedFromWhatTheScanLearntNotFromTheFiles() throws Exception {
        String key = "AKIAIOSFODNN7EXAMPLE";
        String notes = "nothing to see in these notes\n";
        TestImage image = TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=debian\nVERSION_ID=12\n")
                        .file("var/lib/dpkg/status", "Package: zlib1g\nStatus: install ok installed\n"
                                + "Version: 1:1.2.13.dfsg-1\nArchitecture: amd64\n\n"), Compressor.GZIP, "ADD rootfs /")
                .layer(TestLayer.create().file("app/.env", "APP_ENV=prod\nAWS_ACCESS_KEY_ID=" + key + "\n")
                        .file("app/notes.txt", notes), Compressor.GZIP, "COPY . /app");
        Path policy = Files.writeString(tmp.resolve("secrets.yaml"), "id: secrets-only\nname: secrets only\n"
                + "policies:\n  - id: p\n    name: p\n    rules:\n"
                + "      - {id: secrets, gate: secret_scans, trigger: content_regex_checks, action: STOP}\n"
                + "mappings:\n  - {name: all, policies: [p]}\n");
        Path db = tmp.resolve("vuln.db");
        try (StoreBuilder b = StoreBuilder.create(db)) {
            b.succeeded("debian", "https://security-tracker.debian.org/", Map.of(), "");
            b.commit();
        }
        try (LocalRegistry registry = LocalRegistry.start(tmp)) {
            registry.push("team/app", image, "1");
            String[] scan = {"scan", "--offline", "--db", db.toString(), "--allow-missing-data", "all", "--policy",
                policy.toString(), "--format", "json", "--no-blob-cache",
                "registry:" + registry.host() + "/team/app:1"};
            CliTest.Run cold = CliTest.run(scan);
            assertThat(cold.code()).as(cold.err()).isEqualTo(1);
            assertThat(cold.out()).contains("AWS_ACCESS_KEY found in /app/.env line 2", "\"packages\" : 1");
            long gets = registry.blobGets();
            assertThat(gets).isEqualTo(3);
            assertThat(cachedLayers()).hasSize(2);
            // the secret scan kept what it found in each file, masked, and not the files; the catalog holds packages
            assertThat(cachedImages()).hasSize(1);
            List<Path> entries = new java.util.ArrayList<>(cachedLayers());
            entries.addAll(cachedImages());
            for (Path entry : entries) {
                assertThat(Files.readString(entry, StandardCharsets.ISO_8859_1)).doesNotContain(key, notes);
            }

            CliTest.Run warm = CliTest.run(scan);
            assertThat(warm.code()).as(warm.err()).isEqualTo(1);
            assertThat(warm.out()).isEqualTo(cold.out());
            assertThat(registry.blobGets()).isEqualTo(gets + 1); // the config only
        }
    }
}
