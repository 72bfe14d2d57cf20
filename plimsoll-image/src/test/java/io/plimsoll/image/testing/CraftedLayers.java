package io.plimsoll.image.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.model.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Hostile layers as an attacker builds them: tar headers written by hand and streamed through gzip, so a layer that
 * expands to hundreds of MiB is made without ever holding it, and an OCI layout around such gzip blobs.
 */
public final class CraftedLayers {

    private static final int RECORD = 512;

    private CraftedLayers() {
    }

    /** Writes tar records into a gzip stream. */
    public interface TarWriter {
        void write(Tar tar) throws IOException;
    }

    /** The raw side of a tar stream: headers and zero-padded data. */
    public static final class Tar {
        private final OutputStream out;

        Tar(OutputStream out) {
            this.out = out;
        }

        /** A header for {@code entry}, whose size says how many data bytes follow. */
        public Tar header(TarArchiveEntry entry) throws IOException {
            byte[] h = new byte[RECORD];
            entry.writeEntryHeader(h);
            out.write(h);
            return this;
        }

        /** {@code size} copies of {@code b} followed by padding to the record: the data of the last header. */
        public Tar data(long size, byte b) throws IOException {
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, b);
            for (long left = size; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            long pad = (RECORD - size % RECORD) % RECORD;
            out.write(new byte[(int) pad]);
            return this;
        }

        /** A regular file holding {@code content}. */
        public Tar file(String name, byte[] content) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setMode(0100644);
            e.setSize(content.length);
            header(e);
            out.write(content);
            out.write(new byte[(RECORD - content.length % RECORD) % RECORD]);
            return this;
        }

        public Tar emptyFile(String name) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setMode(0100644);
            return header(e);
        }

        /** A GNU {@code ././@LongLink} header announcing a name of {@code size} bytes, and the name itself. */
        public Tar gnuLongName(long size) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(TarConstants.GNU_LONGLINK, TarConstants.LF_GNUTYPE_LONGNAME);
            e.setSize(size);
            return header(e).data(size, (byte) 'a');
        }
    }

    /** A gzip layer blob from hand-written tar records, with the end-of-archive marker added. */
    public static byte[] gzipTar(TarWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 64 * 1024)) {
            writer.write(new Tar(gz));
            gz.write(new byte[2 * RECORD]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An OCI layout of one linux/amd64 image whose layers are these gzip blobs (the config lists no diff ids). */
    public static Path ociLayout(Path dir, List<byte[]> gzipLayers) {
        return ociLayout(dir, gzipLayers, null);
    }

    /** As {@link #ociLayout(Path, List)}, the config also holding {@code "junk": JUNK} (raw JSON) when not null. */
    public static Path ociLayout(Path dir, List<byte[]> gzipLayers, String junk) {
        ObjectNode config = TestImage.JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        byte[] configBytes = TestImage.bytes(config);
        if (junk != null) {
            String text = new String(configBytes, StandardCharsets.UTF_8);
            configBytes = (text.substring(0, text.lastIndexOf('}')) + ",\"junk\":" + junk + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode manifest = TestImage.JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.set("config", TestImage.descriptor("application/vnd.oci.image.config.v1+json",
                Digest.sha256Of(configBytes), configBytes.length));
        ArrayNode layers = manifest.putArray("layers");
        try {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            writeBlob(dir, configBytes);
            for (byte[] l : gzipLayers) {
                layers.add(TestImage.descriptor("application/vnd.oci.image.layer.v1.tar+gzip", writeBlob(dir, l), l.length));
            }
            byte[] manifestBytes = TestImage.bytes(manifest);
            ObjectNode index = TestImage.JSON.createObjectNode().put("schemaVersion", 2);
            index.putArray("manifests").add(TestImage.descriptor("application/vnd.oci.image.manifest.v1+json",
                    writeBlob(dir, manifestBytes), manifestBytes.length));
            Files.write(dir.resolve("index.json"), TestImage.bytes(index));
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Stores a blob under its digest in the layout at {@code dir}. */
    public static Digest writeBlob(Path dir, byte[] blob) throws IOException {
        Digest d = Digest.sha256Of(blob);
        Files.write(dir.resolve("blobs/sha256/" + d.hex()), blob);
        return d;
    }

    /**
     * Five indexes (index.json and four blobs), each listing the next {@code times} times, over the one manifest of
     * {@code image}'s layout at {@code dir}: {@code times^5} paths to it.
     */
    public static Path indexGraph(Path dir, TestImage image, int times) throws IOException {
        ObjectNode next = TestImage.descriptor("application/vnd.oci.image.manifest.v1+json", image.manifest().digest(),
                image.manifest().size());
        for (int level = 0; level < 4; level++) {
            byte[] index = index(next, times);
            next = TestImage.descriptor("application/vnd.oci.image.index.v1+json", writeBlob(dir, index), index.length);
        }
        Files.write(dir.resolve("index.json"), index(next, times));
        return dir;
    }

    private static byte[] index(ObjectNode descriptor, int times) {
        ObjectNode index = TestImage.JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode ms = index.putArray("manifests");
        for (int i = 0; i < times; i++) {
            ms.add(descriptor.deepCopy());
        }
        return TestImage.bytes(index);
    }

    /** A copy at {@code out} of the docker archive {@code tar}, its manifest listing its first layer {@code times} times. */
    public static Path repeatLayers(Path tar, int times, Path out) throws IOException {
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        try (var tf = new org.apache.commons.compress.archivers.tar.TarFile(tar)) {
            for (TarArchiveEntry e : tf.getEntries()) {
                try (var in = tf.getInputStream(e)) {
                    files.put(e.getName(), in.readAllBytes());
                }
            }
        }
        ArrayNode manifest = (ArrayNode) TestImage.JSON.readTree(files.get("manifest.json"));
        ArrayNode layers = (ArrayNode) manifest.get(0).get("Layers");
        String layer = layers.get(0).asText();
        layers.removeAll();
        for (int i = 0; i < times; i++) {
            layers.add(layer);
        }
        files.put("manifest.json", TestImage.bytes(manifest));
        TestImage.writeTar(out, files);
        return out;
    }
}
