package io.plimsoll.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.CraftedLayers;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.testing.Walks;
import io.plimsoll.image.walk.FileInterest;
import io.plimsoll.image.walk.LayerFile;
import io.plimsoll.image.walk.WalkResult;
import io.plimsoll.model.Digest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's crafted images, each a few KB to a few MB: every one ends in one {@link ImageException} naming the file
 * (or reads normally), never a stack overflow, an out-of-memory reported as bad input, or the content of a file.
 */
class HostileImageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path layout(String name, byte[] gzipLayer) {
        return CraftedLayers.ociLayout(tmp.resolve(name), List.of(gzipLayer));
    }

    @Test
    void aFileTenThousandDirectoriesDeepIsRefusedNamingTheLayer() {
        byte[] layer = Compressor.GZIP.apply(TestLayer.create().file("a/".repeat(10_000) + "f", "x").tar());
        Path dir = layout("deep", layer);
        assertThatThrownBy(() -> Walks.walk("oci:" + dir))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining(Digest.sha256Of(layer).hex().substring(0, 12))
                .hasMessageContaining("name is 20001 bytes, over the 4096-byte limit");
    }

    @Test
    void deepPathsThatImplyHugeDirectoryNamesAreRefusedBeforeTheyFillTheHeap() {
        // each name fits the limits (2 KB, 1,001 deep) but implies 1,000 directories of ~1 KB names no entry lists
        TestLayer deep = TestLayer.create();
        for (int i = 0; i < 200; i++) {
            deep.file("b" + i + "/" + "a/".repeat(1000) + "f", "");
        }
        byte[] layer = Compressor.GZIP.apply(deep.tar());
        Path dir = layout("implied", layer);
        assertThatThrownBy(() -> Walks.walk("oci:" + dir))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("layer 0")
                .hasMessageContaining("MiB of directory names that no layer lists");
    }

    @Test
    void aGnuLongNameOf64MiBIsRefusedBeforeItIsBuffered() {
        byte[] layer = CraftedLayers.gzipTar(t -> t.gnuLongName(64L << 20).emptyFile("x"));
        assertThat(layer.length).isLessThan(256 * 1024);
        Path dir = layout("longname", layer);
        assertThatThrownBy(() -> Walks.walk("oci:" + dir))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining(Digest.sha256Of(layer).hex().substring(0, 12))
                .hasMessageContaining("a GNU long name of 64.0 MiB is over the 4096-byte limit");
    }

    @Test
    void aGnuLongLinkTargetOverTheLimitIsRefusedAndOneAtTheLimitIsRead() throws Exception {
        TarArchiveEntry longLink = new TarArchiveEntry(TarConstants.GNU_LONGLINK, TarConstants.LF_GNUTYPE_LONGLINK);
        longLink.setSize(5000);
        byte[] over = CraftedLayers.gzipTar(t -> t.header(longLink).data(5000, (byte) 'b').emptyFile("x"));
        assertThatThrownBy(() -> Walks.walk("oci:" + layout("longlink", over)))
                .hasMessageContaining("a GNU long link target of 4.9 KiB is over the 4096-byte limit");
        String atLimit = "dir/".repeat(1023) + "f".repeat(3); // 4,095 bytes and a NUL, 1,024 deep
        byte[] ok = Compressor.GZIP.apply(TestLayer.create().format(TestLayer.Format.GNU).file(atLimit, "x").tar());
        WalkResult r = Walks.walk("oci:" + layout("atlimit", ok));
        assertThat(r.tree().get("/" + atLimit)).isPresent();
    }

    @Test
    void aChainOfExtendedHeadersEndsInAnErrorNotAStackOverflow() {
        byte[] layer = CraftedLayers.gzipTar(t -> {
            for (int i = 0; i < 20_000; i++) {
                t.gnuLongName(10);
            }
            t.emptyFile("x");
        });
        assertThatThrownBy(() -> Walks.walk("oci:" + layout("chain", layer)))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("more than 8 extended headers (PAX, GNU long name or link) in a row");
    }

    @Test
    void aPaxHeaderOverTheLimitIsRefused() {
        TarArchiveEntry pax = new TarArchiveEntry("PaxHeaders/x", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
        pax.setSize(2L << 20);
        byte[] layer = CraftedLayers.gzipTar(t -> t.header(pax).data(2L << 20, (byte) '9').emptyFile("x"));
        assertThatThrownBy(() -> Walks.walk("oci:" + layout("pax", layer)))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("a PAX extended header of 2.0 MiB is over the 1.0 MiB limit");
    }

    @Test
    void indexesListingEachOtherManyTimesAreReadOnce() throws Exception {
        TestImage img = TestImage.create().layer(TestLayer.create().file("etc/os-release", "ID=test\n"), Compressor.GZIP);
        Digest manifest = img.manifest().digest();
        Path dir = CraftedLayers.indexGraph(img.writeOciLayout(tmp.resolve("graph"), null), img, 60);
        WalkResult r = Walks.walk("oci:" + dir);
        assertThat(r.image().manifestDigest()).contains(manifest);
        assertThat(r.tree().get("/etc/os-release")).isPresent();
    }

    @Test
    void anIndexGraphWithTooManyDescriptorsIsRefused() throws Exception {
        TestImage img = TestImage.create().layer(TestLayer.create().file("a", "a"), Compressor.GZIP);
        Path dir = img.writeOciLayout(tmp.resolve("wide"), null);
        ArrayNode many = JSON.createArrayNode();
        for (int i = 0; i < 10_001; i++) {
            many.add(descriptor("application/vnd.oci.image.manifest.v1+json", img.manifest().digest(),
                    img.manifest().size()));
        }
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.set("manifests", many);
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        assertThatThrownBy(() -> Walks.walk("oci:" + dir))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining(dir.resolve("index.json").toString())
                .hasMessageContaining("the image's indexes list more than 10000 descriptors");
    }

    @Test
    void aDockerManifestListingOneLayer5000TimesIsRefusedAndAFewRepeatsAreReadOnce() throws Exception {
        TestImage img = TestImage.create().layer(TestLayer.create().file("a", "a"), Compressor.NONE);
        Path tar = img.writeDockerArchive(tmp.resolve("repeat.tar"), "repeat:1");
        assertThatThrownBy(() -> Walks.walk(CraftedLayers.repeatLayers(tar, 5000, tmp.resolve("r5000.tar")).toString()))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("manifest.json: lists 5000 layers, over the limit of 1024");
        WalkResult three = Walks.walk(CraftedLayers.repeatLayers(tar, 3, tmp.resolve("r3.tar")).toString());
        assertThat(three.layers()).hasSize(3);
        assertThat(three.layers().get(2).reusedFrom()).isZero();
    }

    @Test
    void anOutOfMemoryErrorWhileReadingALayerIsNotBadInput() throws Exception {
        TestImage img = TestImage.create().layer(TestLayer.create().file("a", "a"), Compressor.GZIP)
                .layer(TestLayer.create().file("b", "b"), Compressor.GZIP);
        Path dir = img.writeOciLayout(tmp.resolve("oom"), null);
        FileInterest exhausting = new FileInterest() {
            @Override
            public boolean wants(String path) {
                return true;
            }

            @Override
            public void accept(LayerFile file, InputStream content) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
        };
        assertThatThrownBy(() -> Walks.walk("oci:" + dir, ImageOptions.DEFAULT, 2, exhausting))
                .isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void aLayoutFileThatIsASymlinkIsRefusedAndNeverQuoted() throws Exception {
        Path secret = Files.writeString(tmp.resolve("shadow"), "root:$6$s3cr3tHash:19000:0:99999:7:::\n");
        Path dir = TestImage.create().layer(TestLayer.create().file("a", "a"), Compressor.GZIP)
                .writeOciLayout(tmp.resolve("linked"), null);
        Files.delete(dir.resolve("index.json"));
        Files.createSymbolicLink(dir.resolve("index.json"), secret);
        assertThatThrownBy(() -> Walks.walk("oci:" + dir))
                .isInstanceOf(ImageException.class)
                .hasMessage(dir.resolve("index.json") + ": is a symbolic link; the files of an image layout must be "
                        + "regular files");
        assertThatThrownBy(() -> Walks.walk(dir.toString())).hasMessageContaining("is a symbolic link");

        // a linked folder: the blobs are real files, but elsewhere on this machine
        Path folder = TestImage.create().layer(TestLayer.create().file("a", "a"), Compressor.GZIP)
                .writeOciLayout(tmp.resolve("linked-folder"), null);
        Files.move(folder.resolve("blobs"), tmp.resolve("elsewhere"));
        Files.createSymbolicLink(folder.resolve("blobs"), tmp.resolve("elsewhere"));
        assertThatThrownBy(() -> Walks.walk("oci:" + folder))
                .isInstanceOf(ImageException.class)
                .hasMessageEndingWith(": blobs is a symbolic link; the folders of an image layout must be real "
                        + "folders");
    }

    @Test
    void invalidJsonIsReportedByPlaceNotByContent() throws Exception {
        Path dir = TestImage.create().layer(TestLayer.create().file("a", "a"), Compressor.GZIP)
                .writeOciLayout(tmp.resolve("notjson"), null);
        Files.writeString(dir.resolve("index.json"), "root:$6$s3cr3tHash:19000:0:99999:7:::\n");
        assertThatThrownBy(() -> Walks.walk("oci:" + dir))
                .isInstanceOf(ImageException.class)
                .hasMessage(dir.resolve("index.json") + ": is not valid JSON (at line 1, column 1)");
    }

    private static ObjectNode descriptor(String mediaType, Digest digest, long size) {
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest.toString()).put("size", size);
    }
}
