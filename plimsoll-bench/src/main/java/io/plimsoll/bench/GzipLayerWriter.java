package io.plimsoll.bench;

import io.plimsoll.model.Digest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * One gzip layer blob written into an OCI layout's {@code blobs/sha256/} as a tar is written to it: the blob's
 * digest and the diff id (the tar's) are hashed on the way, and the blob is renamed to its digest when done. The
 * benchmarks' generated and real images both write their layers through it.
 */
final class GzipLayerWriter implements AutoCloseable {

    /** A finished layer: its blob in the layout, the blob's digest, the tar's digest and size. */
    record Written(Path blob, Digest digest, Digest diffId, long expanded) {
    }

    private final Path layout;
    private final Path partial;
    private final MessageDigest blobHash = Digest.newSha256();
    private final MessageDigest diffHash = Digest.newSha256();
    private final GZIPOutputStream gzip;
    private final LayerWalkBench.CountingOutputStream counting;
    private final TarArchiveOutputStream tar;

    /** @param name the partial file's name under {@code blobs/sha256/} until the blob is done */
    GzipLayerWriter(Path layout, String name) throws IOException {
        this.layout = layout;
        this.partial = layout.resolve("blobs/sha256/" + name);
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
        gzip = new GZIPOutputStream(new DigestOutputStream(file, blobHash), 1 << 16);
        counting = new LayerWalkBench.CountingOutputStream(new DigestOutputStream(gzip, diffHash));
        tar = new TarArchiveOutputStream(counting);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    TarArchiveOutputStream tar() {
        return tar;
    }

    /** The tar's bytes written so far. */
    long expanded() {
        return counting.count;
    }

    /** Ends the tar and the gzip member, and moves the blob to its digest's name. */
    Written finish() throws IOException {
        tar.finish();
        gzip.finish();
        tar.close();
        Digest digest = new Digest("sha256", HexFormat.of().formatHex(blobHash.digest()));
        Path blob = layout.resolve("blobs/sha256/" + digest.hex());
        Files.move(partial, blob, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new Written(blob, digest, new Digest("sha256", HexFormat.of().formatHex(diffHash.digest())),
                counting.count);
    }

    /** Closes the streams; a layer not finished leaves no partial file. */
    @Override
    public void close() throws IOException {
        try {
            tar.close();
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
