package io.plimsoll.image.registry;

import io.plimsoll.image.cache.DigestFiles;
import io.plimsoll.image.layer.DigestingStream;
import io.plimsoll.model.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Registry blobs kept by digest ({@code DIR/sha256/HEX}) so a second scan of an image reads its layers from disk.
 * A blob is written while it streams to the layer walker (no extra pass, no temporary extraction) into a
 * {@code HEX.*.partial} file that becomes {@code HEX} by an atomic rename only once all of it arrived and its
 * digest matched: a reader of the cache never sees half a blob, whatever happened to the pull. Recency is the
 * file's modification time, touched on every hit; {@link #prune} drops the least recently used blobs first.
 */
public final class BlobCache {

    /** Default cap: a few typical images' layers. */
    public static final long DEFAULT_MAX_BYTES = 4L << 30;
    private final Path dir;
    private final long maxBytes;
    private final DigestFiles files;

    public BlobCache(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.files = new DigestFiles(dir, 2);
    }

    public Path dir() {
        return dir;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** How much the cache holds. */
    public record Usage(long bytes, int blobs) {
    }

    Path file(Digest d) {
        return dir.resolve(d.algorithm()).resolve(d.hex());
    }

    /**
     * The cached blob, if there is one of the expected size (negative: unknown); a file of another size is not
     * what the manifest names and is dropped. The full digest is still checked by the layer reader as it reads.
     */
    public Optional<InputStream> open(Digest d, long expectedSize) {
        Path f = file(d);
        try {
            long size = Files.size(f);
            if (expectedSize >= 0 && size != expectedSize) {
                Files.deleteIfExists(f);
                return Optional.empty();
            }
            InputStream in = Files.newInputStream(f);
            DigestFiles.touch(f);
            return Optional.of(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // an unreadable cache entry is a miss, the registry still has the blob
        }
    }

    /** The size of the cached blob, if there is one. */
    public Optional<Long> size(Digest d) {
        try {
            return Optional.of(Files.size(file(d)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code source} as it is, copying what is read into the cache; the copy is kept only when the stream was read
     * to its end (or to {@code expectedSize} bytes, negative when unknown: readers of small JSON blobs stop there)
     * and the digest matched. A cache that cannot be written (full disk, no permission) only means no copy: the
     * scan does not fail for it.
     */
    public InputStream store(Digest d, long expectedSize, InputStream source) {
        Path target = file(d);
        try {
            Path partial = DigestFiles.newPartial(target, d);
            return new Tee(source, d, expectedSize, partial, target);
        } catch (IOException | UnsupportedOperationException e) {
            return source;
        }
    }

    /** Blobs and their total size (partial files not counted). */
    public Usage usage() throws IOException {
        return usage(files.usage());
    }

    /** Drops least recently used blobs until the cache is within its cap. */
    public Usage prune() throws IOException {
        return prune(maxBytes);
    }

    /**
     * Drops least recently used blobs until at most {@code limit} bytes remain (0 empties it), and partial files
     * left by pulls that died.
     */
    public Usage prune(long limit) throws IOException {
        return usage(files.prune(limit));
    }

    private static Usage usage(DigestFiles.Usage u) {
        return new Usage(u.bytes(), u.files());
    }

    /**
     * Copies what passes through into the partial file, hashing it; commits at the end, deletes otherwise. Every byte
     * delivered is hashed, the ones after a commit too, so a layer reader verifying the blob takes this hash
     * ({@link DigestingStream}) instead of hashing the blob a second time.
     */
    private static final class Tee extends FilterInputStream implements DigestingStream {
        private final Digest digest;
        private final long expectedSize;
        private long count;
        private final Path partial;
        private final Path target;
        private final MessageDigest hasher;
        private OutputStream out;
        private boolean done;
        private Digest delivered;

        Tee(InputStream in, Digest digest, long expectedSize, Path partial, Path target) throws IOException {
            super(in);
            this.digest = digest;
            this.expectedSize = expectedSize;
            this.partial = partial;
            this.target = target;
            this.hasher = digest.newHasher();
            this.out = Files.newOutputStream(partial);
        }

        @Override
        public boolean digests(String algorithm) {
            return digest.algorithm().equals(algorithm);
        }

        @Override
        public Optional<Digest> digest() {
            return Optional.ofNullable(delivered);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                abandon();
                throw e;
            }
            if (n < 0) {
                if (delivered == null) {
                    delivered = new Digest(digest.algorithm(), HexFormat.of().formatHex(hasher.digest()));
                }
                commit(delivered);
            } else if (n > 0 && delivered == null) {
                hasher.update(b, off, n);
                if (out != null) {
                    try {
                        out.write(b, off, n);
                    } catch (IOException e) {
                        abandon(); // the cache could not take it; the scan goes on without a copy
                    }
                }
                count += n;
                if (count == expectedSize && out != null) {
                    commit(hashSoFar());
                }
            }
            return n;
        }

        /** The digest of the bytes so far, the hash going on (a JSON reader stops at the stated size, before -1). */
        private Digest hashSoFar() {
            try {
                MessageDigest copy = (MessageDigest) hasher.clone();
                return new Digest(digest.algorithm(), HexFormat.of().formatHex(copy.digest()));
            } catch (CloneNotSupportedException e) {
                return null; // not kept early; kept at the end, if the reader gets there
            }
        }

        @Override
        public long skip(long n) throws IOException {
            // skipped bytes would be missing from the copy: read them instead
            byte[] buf = new byte[(int) Math.min(n, 8192)];
            long left = n;
            while (left > 0) {
                int r = read(buf, 0, (int) Math.min(left, buf.length));
                if (r < 0) {
                    break;
                }
                left -= r;
            }
            return n - left;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void commit(Digest actual) {
            if (done || out == null || actual == null) {
                return;
            }
            done = true;
            try {
                out.close();
                out = null;
                if (!actual.equals(digest)) {
                    // not the blob the manifest names; the layer reader reports the mismatch itself
                    Files.deleteIfExists(partial);
                    return;
                }
                DigestFiles.commit(partial, target);
            } catch (IOException e) {
                abandon();
            }
        }

        private void abandon() {
            done = true;
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException ignored) {
                // deleting it below is all that matters
            }
            out = null;
            DigestFiles.deleteQuietly(partial);
        }

        @Override
        public void close() throws IOException {
            if (!done) {
                abandon(); // closed before the end: an incomplete blob is never kept
            }
            super.close();
        }
    }
}
