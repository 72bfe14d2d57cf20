package io.plimsoll.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.testing.Walks;
import io.plimsoll.model.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many broken images, generated: each must end in one {@link ImageException} that names the file, never
 * another exception, a hang or an OutOfMemoryError. (The timeout only guards against hangs.)
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MalformedInputTest {

    @TempDir
    Path tmp;

    private final Random random = new Random(42);
    private final List<String> failures = new ArrayList<>();
    private int cases;

    private static TestImage image(Compressor c) {
        TestLayer big = TestLayer.create().dir("etc").file("etc/os-release", "ID=test\n");
        for (int i = 0; i < 40; i++) {
            big.file("usr/lib/f" + i, ("line " + i + "\n").repeat(50));
        }
        return TestImage.create().layer(big, c).layer(TestLayer.create().file("a", "a").symlink("loop", "loop"), c);
    }

    /** Walks the image; only an ImageException naming {@code mustName} (or nothing, if {@code mayPass}) is fine. */
    private void expectCleanError(String reference, String mustName, boolean mayPass) {
        cases++;
        try {
            Walks.walk(reference, ImageLimits.DEFAULT.withMaxExpandedBytes(64L << 20));
            if (!mayPass) {
                failures.add(reference + ": read without error");
            }
        } catch (ImageException e) {
            String m = e.getMessage();
            if (!m.contains(mustName)) {
                failures.add(reference + ": message does not name " + mustName + ": " + m);
            }
            if (m.matches(".*(NullPointer|IndexOutOfBounds|ClassCast|IllegalState)Exception.*")) {
                failures.add(reference + ": message shows a bug: " + m);
            }
        } catch (Throwable t) {
            failures.add(reference + ": " + t);
        }
    }

    private void assertNoFailures() {
        assertThat(cases).isPositive();
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases + " broken inputs were not handled cleanly:\n" + String.join("\n",
                    failures.subList(0, Math.min(20, failures.size()))));
        }
    }

    @Test
    void truncatedDockerArchives() throws Exception {
        Path good = image(Compressor.NONE).writeDockerArchive(tmp.resolve("good.tar"), "t:1");
        byte[] bytes = Files.readAllBytes(good);
        long dataEnd = 0;
        try (var tf = new org.apache.commons.compress.archivers.tar.TarFile(good)) {
            for (TarArchiveEntry e : tf.getEntries()) {
                dataEnd = Math.max(dataEnd, e.getDataOffset() + e.getSize());
            }
        }
        for (int cut = 0; cut < bytes.length; cut += Math.max(1, bytes.length / 60)) {
            Path broken = tmp.resolve("cut-" + cut + ".tar");
            Files.write(broken, Arrays.copyOf(bytes, cut));
            // cut only in the end-of-archive padding: every file is whole, so reading it is right
            expectCleanError("docker-archive:" + broken, broken.toString(), cut >= dataEnd);
        }
        assertNoFailures();
    }

    @Test
    void truncatedAndCorruptedLayerBlobs() throws Exception {
        for (Compressor c : Compressor.values()) {
            TestImage img = image(c);
            Path dir = img.writeOciLayout(tmp.resolve("oci-" + c), null);
            Digest layer = img.manifest().blobs().keySet().stream().skip(1).findFirst().orElseThrow();
            Path blob = dir.resolve("blobs/sha256/" + layer.hex());
            byte[] original = Files.readAllBytes(blob);
            for (int cut = 1; cut < original.length; cut += Math.max(1, original.length / 25)) {
                Files.write(blob, Arrays.copyOf(original, cut));
                expectCleanError("oci:" + dir, layer.hex().substring(0, 12), false);
            }
            for (int i = 0; i < 25; i++) {
                byte[] flipped = original.clone();
                int at = random.nextInt(flipped.length);
                flipped[at] ^= (byte) (1 + random.nextInt(255));
                Files.write(blob, flipped);
                expectCleanError("oci:" + dir, layer.hex().substring(0, 12), false);
            }
            Files.write(blob, original);
        }
        assertNoFailures();
    }

    @Test
    void garbageAndWrongShapesInMetadata() throws Exception {
        TestImage img = image(Compressor.GZIP);
        List<String> docs = List.of("", "{", "null", "[]", "42", "\"x\"", "{\"manifests\":5}",
                "{\"manifests\":[{\"digest\":\"sha256:zz\",\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}]}",
                "{\"manifests\":[{\"digest\":\"md5:00\"}]}", "{\"manifests\":[]}", "\u0000\u0001binary");
        int n = 0;
        for (String doc : docs) {
            Path dir = img.writeOciLayout(tmp.resolve("meta-" + n++), null);
            Files.writeString(dir.resolve("index.json"), doc);
            expectCleanError("oci:" + dir, "index.json", false);
        }
        Digest manifest = img.manifest().digest();
        for (String doc : List.of("{}", "{\"config\":{}}", "{\"config\":{\"digest\":\"sha256:" + "0".repeat(64) + "\"}}",
                "{\"schemaVersion\":1,\"fsLayers\":[]}", "{\"config\":{\"digest\":5},\"layers\":{}}")) {
            Path dir = img.writeOciLayout(tmp.resolve("meta-" + n++), null);
            // rewrite the manifest and the index's digest of it, so the shape (not the digest) is what is wrong
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            Digest d = Digest.sha256Of(bytes);
            Files.write(dir.resolve("blobs/sha256/" + d.hex()), bytes);
            String index = Files.readString(dir.resolve("index.json")).replace(manifest.toString(), d.toString());
            Files.writeString(dir.resolve("index.json"), index);
            expectCleanError("oci:" + dir, dir + "/blobs/sha256/", false);
        }
        for (String doc : List.of("", "{", "[1,2]", "{\"rootfs\":{\"diff_ids\":[\"nope\"]}}")) {
            Path tar = img.writeDockerArchive(tmp.resolve("cfg-" + n++ + ".tar"));
            byte[] manifestJson = doc.getBytes(StandardCharsets.UTF_8);
            TestImage.writeTar(tar, Map.of("manifest.json", manifestJson));
            expectCleanError(tar.toString(), tar.toString(), false);
        }
        assertNoFailures();
    }

    @Test
    void missingBlobsAndDigestMismatches() throws Exception {
        TestImage img = image(Compressor.GZIP);
        for (Digest d : img.manifest().blobs().keySet()) {
            Path dir = img.writeOciLayout(tmp.resolve("missing-" + d.hex().substring(0, 8)), null);
            Files.delete(dir.resolve("blobs/sha256/" + d.hex()));
            expectCleanError("oci:" + dir, d.hex(), false);
            Path dir2 = img.writeOciLayout(tmp.resolve("changed-" + d.hex().substring(0, 8)), null);
            Path blob = dir2.resolve("blobs/sha256/" + d.hex());
            byte[] b = Files.readAllBytes(blob);
            Files.write(blob, Arrays.copyOf(b, b.length + 1)); // still parses, different bytes
            expectCleanError("oci:" + dir2, d.hex().substring(0, 12), false);
        }
        assertNoFailures();
    }

    @Test
    void thingsThatAreNotImages() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello, not an image\n".repeat(100));
        Path empty = Files.createFile(tmp.resolve("empty.tar"));
        Path gz = Files.write(tmp.resolve("image.tar.gz"), Compressor.GZIP.apply(new byte[1024]));
        Path plainTar = tmp.resolve("rootfs.tar");
        TestImage.writeTar(plainTar, Map.of("etc/passwd", "root".getBytes(StandardCharsets.UTF_8)));
        Path random = Files.write(tmp.resolve("random.bin"), randomBytes(100_000));
        for (Path p : List.of(text, empty, gz, plainTar, random)) {
            expectCleanError(p.toString(), p.toString(), false);
            expectCleanError("docker-archive:" + p, p.toString(), false);
            expectCleanError("oci-archive:" + p, p.toString(), false);
        }
        expectCleanError("oci:" + text, text.toString(), false);
        expectCleanError("dir:" + text, text.toString(), false);
        expectCleanError("docker-archive:" + tmp, tmp.toString(), false);
        expectCleanError(tmp.resolve("does-not-exist.tar").toString(), "does-not-exist.tar", false);
        // registry references that cannot be valid (a well-formed one would go to the network)
        expectCleanError("docker://Alpine:3.19", "docker://Alpine:3.19", false);
        expectCleanError("registry:alpine@sha256:zz", "registry:alpine@sha256:zz", false);
        assertNoFailures();
    }

    @Test
    void hostileLayers() throws Exception {
        List<TestLayer> layers = List.of(
                TestLayer.create().raw(new TarArchiveEntry("../../etc/cron.d/evil"), new byte[0]),
                TestLayer.create().raw(new TarArchiveEntry("/etc/passwd", true), new byte[0]),
                TestLayer.create().file("zeros", new byte[100 << 20], 0644));
        int n = 0;
        for (TestLayer l : layers) {
            Path dir = TestImage.create().layer(l, Compressor.GZIP).writeOciLayout(tmp.resolve("hostile-" + n++), null);
            expectCleanError("oci:" + dir, dir.toString(), false);
        }
        assertNoFailures();
    }

    @Test
    void randomGarbageInsideValidArchives() throws Exception {
        for (int i = 0; i < 30; i++) {
            byte[] junk = randomBytes(random.nextInt(20_000) + 1);
            if (i % 3 == 0) {
                System.arraycopy(Compressor.GZIP.apply(new byte[0]), 0, junk, 0, Math.min(10, junk.length));
            } else if (i % 3 == 1 && junk.length > 4) {
                junk[0] = 0x28;
                junk[1] = (byte) 0xb5;
                junk[2] = 0x2f;
                junk[3] = (byte) 0xfd;
            }
            Path dir = TestImage.create().layer(junk, Compressor.NONE, "junk").writeOciLayout(tmp.resolve("junk-" + i), null);
            expectCleanError("oci:" + dir, dir.toString(), true);
        }
        assertNoFailures();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
