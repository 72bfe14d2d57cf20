package io.plimsoll.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.layer.DigestingStream;
import io.plimsoll.image.source.RegistrySource;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.image.walk.WalkResult;
import io.plimsoll.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobCacheTest {

    @TempDir
    Path tmp;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aBlobReadToItsEndWithTheRightDigestIsKeptAndServedFromDisk() throws Exception {
        BlobCache cache = new BlobCache(tmp.resolve("blobs"), 1 << 20);
        byte[] blob = bytes("layer bytes");
        Digest d = Digest.sha256Of(blob);
        try (InputStream in = cache.store(d, -1, new ByteArrayInputStream(blob))) {
            assertThat(in.readNBytes(5)).isEqualTo(bytes("layer"));
            // nothing is visible under the digest before the end
            assertThat(cache.open(d, blob.length)).isEmpty();
            assertThat(files(tmp.resolve("blobs"))).singleElement().asString().endsWith(".partial");
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(files(tmp.resolve("blobs"))).containsExactly("sha256/" + d.hex());
        try (InputStream hit = cache.open(d, blob.length).orElseThrow()) {
            assertThat(hit.readAllBytes()).isEqualTo(blob);
        }
        // a different size than the manifest states is not this blob: dropped, a miss
        assertThat(cache.open(d, blob.length + 1)).isEmpty();
        assertThat(files(tmp.resolve("blobs"))).isEmpty();

        // a JSON blob is read to its stated size, not to EOF: that is complete too
        try (InputStream in = cache.store(d, blob.length, new ByteArrayInputStream(blob))) {
            assertThat(in.readNBytes(blob.length)).isEqualTo(blob);
        }
        assertThat(files(tmp.resolve("blobs"))).containsExactly("sha256/" + d.hex());
    }

    @Test
    void aWrongDigestABrokenStreamOrAnEarlyCloseKeepNothing() throws Exception {
        BlobCache cache = new BlobCache(tmp.resolve("blobs"), 1 << 20);
        byte[] blob = bytes("layer bytes");
        Digest other = Digest.sha256Of(bytes("something else"));
        try (InputStream in = cache.store(other, -1, new ByteArrayInputStream(blob))) {
            in.readAllBytes();
        }
        try (InputStream in = cache.store(Digest.sha256Of(blob), blob.length, new ByteArrayInputStream(blob))) {
            in.readNBytes(3);
        }
        InputStream failing = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ < 4) {
                    return 'x';
                }
                throw new IOException("connection reset");
            }
        };
        try (InputStream in = cache.store(Digest.sha256Of(blob), -1, failing)) {
            assertThatThrownBy(in::readAllBytes).hasMessageContaining("reset");
        }
        assertThat(files(tmp.resolve("blobs"))).isEmpty();
    }

    @Test
    void theCopyHashesEveryByteItDeliversSoTheLayerReaderNeedNot() throws Exception {
        BlobCache cache = new BlobCache(tmp.resolve("blobs"), 1 << 20);
        byte[] blob = bytes("layer bytes");
        Digest d = Digest.sha256Of(blob);
        try (InputStream in = cache.store(d, -1, new ByteArrayInputStream(blob))) {
            DigestingStream digesting = (DigestingStream) in;
            assertThat(digesting.digests("sha256")).isTrue();
            assertThat(digesting.digests("sha512")).isFalse();
            in.readNBytes(5);
            assertThat(digesting.digest()).isEmpty(); // not yet at the end
            in.transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(digesting.digest()).contains(d);
        }
        // bytes past the size the manifest states: the copy is kept at that size, the digest covers all delivered
        byte[] longer = bytes("layer bytes and more");
        try (InputStream in = cache.store(d, blob.length, new ByteArrayInputStream(longer))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(((DigestingStream) in).digest()).contains(Digest.sha256Of(longer));
        }
        try (InputStream hit = cache.open(d, blob.length).orElseThrow()) {
            assertThat(hit.readAllBytes()).isEqualTo(blob);
        }
    }

    @Test
    void aBlobAlteredInTheRegistryIsRefusedAndNotCachedWhenPulledAheadIntoTheCache() throws Exception {
        TestImage img = TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n"), Compressor.GZIP, "ADD /")
                .layer(TestLayer.create().file("app/run.sh", "#!/bin/sh\n"), Compressor.GZIP, "COPY run.sh /app/");
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(tmp.resolve("registry")))) {
            registry.push("team/tampered", img, "1.0");
            List<Digest> layers = img.manifest().blobs().keySet().stream().skip(1).limit(2).toList();
            Path storage = tmp.resolve("registry/storage/docker/registry/v2/blobs/sha256");
            Files.copy(storage.resolve(layers.get(1).hex().substring(0, 2)).resolve(layers.get(1).hex()).resolve("data"),
                    storage.resolve(layers.get(0).hex().substring(0, 2)).resolve(layers.get(0).hex()).resolve("data"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            BlobCache cache = new BlobCache(tmp.resolve("cache/blobs"), 1 << 30);
            RegistrySettings settings = RegistrySettings.defaults(DockerConfig.load(tmp.resolve("none.json")))
                    .withBlobCache(Optional.of(cache));
            RegistryReference ref = RegistryReference.parse(registry.host() + "/team/tampered:1.0");

            assertThatThrownBy(() -> walk(ref, new RegistryClient(settings)))
                    .isInstanceOf(io.plimsoll.image.ImageException.class)
                    .hasMessageContaining("digest mismatch")
                    .hasMessageContaining("the manifest says " + layers.get(0));
            assertThat(cache.size(layers.get(0))).isEmpty();
        }
    }

    @Test
    void pruneDropsTheLeastRecentlyUsedFirst() throws Exception {
        BlobCache cache = new BlobCache(tmp.resolve("blobs"), 25);
        Digest[] ds = new Digest[3];
        for (int i = 0; i < 3; i++) {
            byte[] blob = bytes("blob number " + i);  // 13 bytes each
            ds[i] = Digest.sha256Of(blob);
            try (InputStream in = cache.store(ds[i], blob.length, new ByteArrayInputStream(blob))) {
                in.readAllBytes();
            }
            Files.setLastModifiedTime(cache.file(ds[i]), FileTime.from(Instant.now().minusSeconds(100 - i)));
        }
        cache.open(ds[0], 13).orElseThrow().close(); // used just now: the most recent
        Path stale = Files.writeString(cache.file(ds[1]).resolveSibling(ds[1].hex() + ".123.partial"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(7200)));

        assertThat(cache.usage()).isEqualTo(new BlobCache.Usage(39, 3));
        assertThat(cache.prune()).isEqualTo(new BlobCache.Usage(13, 1));
        assertThat(files(tmp.resolve("blobs"))).containsExactly("sha256/" + ds[0].hex());
        assertThat(cache.prune(0)).isEqualTo(new BlobCache.Usage(0, 0));
    }

    @Test
    void aSecondPullOfTheSameImageFetchesNoBlob() throws Exception {
        TestImage img = TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n"), Compressor.GZIP, "ADD /")
                .layer(TestLayer.create().file("app/run.sh", "#!/bin/sh\n"), Compressor.ZSTD, "COPY run.sh /app/");
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(tmp.resolve("registry")))) {
            registry.push("team/app", img, "1.0");
            BlobCache cache = new BlobCache(tmp.resolve("cache/blobs"), 1 << 30);
            RegistrySettings settings = RegistrySettings.defaults(DockerConfig.load(tmp.resolve("none.json")))
                    .withBlobCache(Optional.of(cache));
            RegistryReference ref = RegistryReference.parse(registry.host() + "/team/app:1.0");

            RegistryClient cold = new RegistryClient(settings);
            WalkResult first = walk(ref, cold);
            assertThat(cold.blobRequests()).isEqualTo(3); // config and two layers
            long served = registry.blobGets();
            assertThat(served).isEqualTo(3);
            assertThat(files(tmp.resolve("cache/blobs"))).hasSize(3).noneMatch(f -> f.endsWith(".partial"));

            RegistryClient warm = new RegistryClient(settings);
            WalkResult second = walk(ref, warm);
            assertThat(warm.blobRequests()).isZero();
            assertThat(registry.blobGets()).isEqualTo(served);
            assertThat(second.tree().get("/app/run.sh")).isPresent();
            assertThat(second.image().layers()).isEqualTo(first.image().layers());
        }
    }

    private static WalkResult walk(RegistryReference ref, RegistryClient client) throws Exception {
        try (RegistrySource s = RegistrySource.open(ref, ref.toString(), client, ImageOptions.DEFAULT)) {
            return new LayerWalker(2, ImageLimits.DEFAULT).walk(s, List.of());
        }
    }
}
