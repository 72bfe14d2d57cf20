package io.plimsoll.image.walk;

import io.plimsoll.image.cache.DigestFiles;
import io.plimsoll.model.Digest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What the walker learnt from each layer, kept on disk ({@code DIR/ANALYZERS/sha256/HEX}, see
 * {@link LayerCacheCodec}) so that scanning an image again, or another image over the same base, reads none of
 * the layers it has seen: the CLI's counterpart of the server's layer index.
 *
 * <p>{@code ANALYZERS} names the set of catalogers and scanners (and their build) that asked for files: another set
 * may want other files, so it starts from an empty directory. Within a set the walker still checks that a
 * recording holds every file the walk wants, and reads the layer when it does not.
 *
 * <p>Two processes may use one cache at once: an entry is written to a {@code .partial} file of its own and renamed
 * into place atomically, so a reader sees a whole entry or none, and two writers of the same layer each rename a
 * whole one. A damaged entry (a crash of the disk, not of a writer) is dropped with a warning and rebuilt by the
 * read that follows. Recency is the file's modification time, touched on every hit; {@link #prune} drops the least
 * recently used entries first. Pruning needs no lock: a reader holds its file open, and on POSIX systems a file
 * deleted meanwhile stays readable to it.
 *
 * <p>A layer is known by the digest its manifest names, as container runtimes know it: a runtime refuses a blob
 * whose bytes do not match, so the cache does not read the blob again to check it.
 */
public final class LayerCache {

    /** The folder of an analyzer set's stack entries ({@link LayerMemo#recallStack}). */
    static final String STACKS = "stacks";

    /** Default cap: the recordings of a few dozen images' layers. */
    public static final long DEFAULT_MAX_BYTES = 2L << 30;
    private final Path dir;
    private final long maxBytes;
    /** Entries at {@code ANALYZERS/ALGORITHM/HEX}. */
    private final DigestFiles files;

    public LayerCache(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.files = new DigestFiles(dir, 3, java.util.Set.of(STACKS));
    }

    public Path dir() {
        return dir;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * How much the cache holds.
     *
     * @param entries layers kept
     * @param images  catalogs kept of an image's stack of layers (one per image and kind of caller, see
     *                {@link LayerMemo#recallStack})
     */
    public record Usage(long bytes, int entries, int images) {
    }

    /**
     * The cache as a walker's memo for one analyzer set.
     *
     * @param analyzers what identifies the set of file interests (a hash of catalogers, scanners and their build)
     * @param warnings  where a dropped damaged entry is reported, one line each
     */
    public Memo memo(String analyzers, Consumer<String> warnings) {
        if (!analyzers.matches("[0-9A-Za-z._-]{1,128}")) {
            throw new IllegalArgumentException("an analyzer set is named by a file name: " + analyzers);
        }
        return new Memo(dir.resolve(analyzers), analyzers, warnings);
    }

    /** The file-backed {@link LayerMemo}; counts what it recalled and remembered. */
    public final class Memo implements LayerMemo {
        private final Path root;
        private final String analyzers;
        private final Consumer<String> warnings;
        private final AtomicInteger recalled = new AtomicInteger();
        private final AtomicInteger remembered = new AtomicInteger();

        private Memo(Path root, String analyzers, Consumer<String> warnings) {
            this.root = root;
            this.analyzers = analyzers;
            this.warnings = warnings;
        }

        Path file(Digest layer) {
            return root.resolve(layer.algorithm()).resolve(layer.hex());
        }

        @Override
        public Optional<Recorded> recall(Digest layer) {
            Path f = file(layer);
            Recorded r;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                r = LayerCacheCodec.read(layer, analyzers, in);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (LayerCacheCodec.CorruptEntryException e) {
                warnings.accept("layer cache: " + f + ": damaged entry dropped (" + e.getMessage()
                        + "); reading the layer again");
                DigestFiles.deleteQuietly(f);
                return Optional.empty();
            } catch (IOException e) {
                return Optional.empty(); // unreadable (permissions, a dying disk): the layer is simply read
            }
            DigestFiles.touch(f);
            recalled.incrementAndGet();
            return Optional.of(r);
        }

        @Override
        public boolean knows(Digest layer) {
            return Files.isRegularFile(file(layer));
        }

        @Override
        public void remember(Digest layer, Recorded recorded) {
            Path target = file(layer);
            Path partial = null;
            try {
                partial = DigestFiles.newPartial(target, layer);
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                    LayerCacheCodec.write(layer, analyzers, recorded, out);
                }
                DigestFiles.commit(partial, target);
                remembered.incrementAndGet();
            } catch (IOException | UnsupportedOperationException e) {
                // a cache that cannot be written (full disk, read-only) costs the next scan a read, not this one
                if (partial != null) {
                    DigestFiles.deleteQuietly(partial);
                }
            }
        }

        /** A stack's entry: {@code ANALYZERS/stacks/HEX}, beside the layers' and pruned with them. */
        Path stackFile(Digest key) {
            return root.resolve(STACKS).resolve(key.hex());
        }

        /**
         * The entry is the magic, the key, the length of what was made, those bytes and a CRC-32 of them: a damaged
         * or misfiled entry is dropped with a warning and made again, as a damaged layer entry is.
         */
        @Override
        public Optional<byte[]> recallStack(Digest key) {
            Path f = stackFile(key);
            byte[] made;
            try {
                made = StackEntry.read(key, Files.readAllBytes(f));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (LayerCacheCodec.CorruptEntryException e) {
                warnings.accept("layer cache: " + f + ": damaged entry dropped (" + e.getMessage()
                        + "); cataloging the layers again");
                DigestFiles.deleteQuietly(f);
                return Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
            DigestFiles.touch(f);
            return Optional.of(made);
        }

        @Override
        public void used(Digest layer) {
            Path f = file(layer);
            if (Files.isRegularFile(f)) {
                DigestFiles.touch(f);
            }
        }

        @Override
        public void rememberStack(Digest key, byte[] made) {
            Path target = stackFile(key);
            Path partial = null;
            try {
                partial = DigestFiles.newPartial(target, key);
                Files.write(partial, StackEntry.write(key, made));
                DigestFiles.commit(partial, target);
            } catch (IOException | UnsupportedOperationException e) {
                if (partial != null) {
                    DigestFiles.deleteQuietly(partial);
                }
            }
        }

        /**
         * Recordings are held in memory while a layer is read; several layers are read at once, so each may use at
         * most an eighth of the heap (and no more than the walker's default).
         */
        @Override
        public long maxRecordedBytes() {
            return Math.min(LayerMemo.super.maxRecordedBytes(), Runtime.getRuntime().maxMemory() / 8);
        }

        /** The cache this memo files into. */
        public LayerCache cache() {
            return LayerCache.this;
        }

        /** Layers replayed from the cache by walks with this memo. */
        public int recalled() {
            return recalled.get();
        }

        /** Layers read and written to the cache by walks with this memo. */
        public int remembered() {
            return remembered.get();
        }
    }

    /** The framing of a stack entry: what it was made for, and a checksum of what was made. */
    static final class StackEntry {
        private static final byte[] MAGIC = "PLSTACK1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        private StackEntry() {
        }

        static byte[] write(Digest key, byte[] made) {
            byte[] k = key.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(made);
            return java.nio.ByteBuffer.allocate(MAGIC.length + 4 + k.length + 4 + made.length + 8).put(MAGIC)
                    .putInt(k.length).put(k).putInt(made.length).put(made).putLong(crc.getValue()).array();
        }

        static byte[] read(Digest key, byte[] entry) throws LayerCacheCodec.CorruptEntryException {
            try {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(entry);
                byte[] magic = new byte[MAGIC.length];
                b.get(magic);
                if (!java.util.Arrays.equals(magic, MAGIC)) {
                    throw new LayerCacheCodec.CorruptEntryException("not a stack entry");
                }
                byte[] k = new byte[length(b)];
                b.get(k);
                if (!key.toString().equals(new String(k, java.nio.charset.StandardCharsets.UTF_8))) {
                    throw new LayerCacheCodec.CorruptEntryException("filed under another key");
                }
                byte[] made = new byte[length(b)];
                b.get(made);
                long stored = b.getLong();
                if (b.hasRemaining()) {
                    throw new LayerCacheCodec.CorruptEntryException("bytes after the checksum");
                }
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(made);
                if (crc.getValue() != stored) {
                    throw new LayerCacheCodec.CorruptEntryException("checksum mismatch");
                }
                return made;
            } catch (java.nio.BufferUnderflowException e) {
                throw new LayerCacheCodec.CorruptEntryException("truncated");
            }
        }

        /** A length the entry's own size bounds, so a damaged one cannot ask for gigabytes. */
        private static int length(java.nio.ByteBuffer b) throws LayerCacheCodec.CorruptEntryException {
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) {
                throw new LayerCacheCodec.CorruptEntryException("a length of " + n + " with " + b.remaining()
                        + " bytes left");
            }
            return n;
        }
    }

    /** Entries and their total size (partial files not counted). */
    public Usage usage() throws IOException {
        return usage(files.usage());
    }

    /** Drops least recently used entries until the cache is within its cap. */
    public Usage prune() throws IOException {
        return prune(maxBytes);
    }

    /**
     * Drops least recently used entries until at most {@code limit} bytes remain (0 empties it), and partial files
     * left by runs that died.
     */
    public Usage prune(long limit) throws IOException {
        return usage(files.prune(limit));
    }

    private static Usage usage(DigestFiles.Usage u) {
        return new Usage(u.bytes(), u.files() - u.inHexFolders(), u.inHexFolders());
    }
}
