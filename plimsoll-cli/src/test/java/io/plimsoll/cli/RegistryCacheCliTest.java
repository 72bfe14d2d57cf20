package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.CuttingProxy;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The registry blob cache through the CLI, against a real docker-registry. */
@ExtendWith(IsolatedSettings.class)
class RegistryCacheCliTest {

    @TempDir
    Path tmp;

    private static Path blobDir() {
        return Settings.cacheDir(Settings.environment()).resolve("blobs");
    }

    private static List<Path> cached() throws IOException {
        if (!Files.isDirectory(blobDir())) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(blobDir())) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** Every file in the cache is a complete blob whose content has the digest it is named by. */
    private static void assertOnlyVerifiedBlobs() throws IOException {
        for (Path f : cached()) {
            assertThat(f.getFileName().toString()).doesNotEndWith(".partial");
            assertThat(Digest.sha256Of(f).hex()).isEqualTo(f.getFileName().toString());
        }
    }

    @Test
    void aSecondScanWithAWarmCacheFetchesNoBlobAndPruneEmptiesIt() throws Exception {
        TestImage img = TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                        .file("lib/apk/db/installed", "P:musl\nV:1.2.4-r4\nA:x86_64\nL:MIT\no:musl\n\n"),
                        Compressor.GZIP, "ADD rootfs /")
                .layer(TestLayer.create().file("app/run.sh", "#!/bin/sh\n"), Compressor.GZIP, "COPY run.sh /app/");
        try (LocalRegistry registry = LocalRegistry.start(tmp)) {
            registry.push("team/cached", img, "1");
            String ref = "registry:" + registry.host() + "/team/cached:1";

            CliTest.Run cold = CliTest.run("sbom", "--format", "json", ref);
            assertThat(cold.code()).as(cold.err()).isZero();
            long fetched = registry.blobGets();
            assertThat(fetched).isEqualTo(3);
            assertThat(cached()).hasSize(3);
            assertOnlyVerifiedBlobs();

            CliTest.Run warm = CliTest.run("sbom", "--format", "json", ref);
            assertThat(warm.code()).as(warm.err()).isZero();
            assertThat(warm.out()).isEqualTo(cold.out());
            assertThat(registry.blobGets()).isEqualTo(fetched);

            // the cache can be turned off for one run
            assertThat(CliTest.run("inspect", "--no-blob-cache", ref).code()).isZero();
            assertThat(registry.blobGets()).isEqualTo(fetched + 3);

            CliTest.Run status = CliTest.run("cache", "status");
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(status.out()).contains(blobDir().toString(), "in 3 blobs");

            CliTest.Run prune = CliTest.run("cache", "prune", "--all");
            assertThat(prune.code()).as(prune.err()).isZero();
            assertThat(prune.out()).contains("removed 3 blobs", "0 blobs");
            assertThat(cached()).isEmpty();

            assertThat(CliTest.run("cache", "prune", "--max-size", "lots").err()).contains("--max-size", "lots");
        }
    }

    @Test
    void theRegistryDyingMidPullIsAClearErrorAndLeavesNoPartialBlob() throws Exception {
        byte[] big = new byte[64 << 20];
        new Random(7).nextBytes(big);
        TestImage img = TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n"), Compressor.GZIP, "ADD /")
                .layer(TestLayer.create().file("data/big.bin", big, 0644), Compressor.NONE, "COPY big.bin /data/");
        Digest bigLayer = img.manifest().blobs().entrySet().stream().max(Map.Entry.comparingByValue(
                (a, b) -> Integer.compare(a.length, b.length))).orElseThrow().getKey();
        try (LocalRegistry registry = LocalRegistry.start(tmp)) {
            registry.push("team/big", img, "1");
            // the registry "dies" 8 MiB into the 64 MiB layer: a proxy cuts the connection there, every time
            int port = Integer.parseInt(registry.host().substring(registry.host().lastIndexOf(':') + 1));
            try (CuttingProxy dying = CuttingProxy.start(port, 8 << 20)) {
                String ref = "registry:" + dying.host() + "/team/big:1";
                CliTest.Run run = CliTest.run("inspect", "--parallel", "1", ref);

                assertThat(dying.didCut()).as("the big layer's download was cut").isTrue();
                assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
                assertThat(run.err()).startsWith("plimsoll: ").contains(ref);
                // one layer at a time, so the error is the broken transfer rather than a refused second connection
                assertThat(run.err()).contains("layer 1", "stopped sending the blob", "is the registry still running");
                assertOnlyVerifiedBlobs();
                assertThat(cached()).noneMatch(p -> p.getFileName().toString().startsWith(bigLayer.hex()));
            }
        }
    }
}
