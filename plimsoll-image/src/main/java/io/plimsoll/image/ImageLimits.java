package io.plimsoll.image;

/**
 * Bounds on what reading an image may cost, so that a decompression bomb, a runaway archive or a crafted graph of
 * manifests ends with a clear error naming the file instead of filling the disk, the heap, the stack or the
 * afternoon. Every limit of the image stage lives here; the CLI exposes the ones a genuine image might reach.
 *
 * <p>The defaults hold two promises at once: the largest real images (CUDA, ML toolkits, monorepo node_modules)
 * stay below them, and a crafted image that reaches them still fits in a 256 MiB heap.
 *
 * @param maxExpandedBytes total bytes of layer tar streams after decompression, over the whole image
 * @param maxEntryBytes    the largest single file a layer may hold
 * @param maxEntries       tar entries over the whole image, and separately the directories the file tree creates for
 *                         entries whose parents no layer lists (each costs heap until the walk ends)
 * @param maxRatio         decompressed/compressed ratio a layer may reach once past {@link #RATIO_GRACE_BYTES};
 *                         real layers compress 2-10x, bombs 1000x and more
 * @param maxMetadataBytes the largest manifest, index or config JSON read into memory (registries take manifests of
 *                         at most 4 MiB; real configs with long histories and build labels are under 2 MiB)
 * @param maxPathBytes     the longest entry name or link target, in bytes (Linux's PATH_MAX); checked before a GNU
 *                         long name is buffered
 * @param maxPathDepth     the most elements a path may have
 * @param maxHeaderBytes   the largest extended header (PAX) of one tar entry; real ones hold a path and a few
 *                         attributes
 * @param maxPathBytesTotal bytes of all entry names and link targets kept over the whole image, and separately of
 *                         the directories the file tree creates (names are what the walk's heap mostly holds)
 * @param maxLayers        layers one image manifest may list (Docker runs at most 127)
 * @param maxDescriptors   descriptors read from an image's indexes, over the whole index graph
 * @param maxIndexDepth    how deep image indexes may nest (an index of indexes of …)
 * @param maxMetadataTokens JSON tokens in one manifest, index or config. Its tree costs up to ~100 bytes of heap per
 *                         token whatever the text's size ({@code [{},{},…]}: 58 MB of it ran -Xmx256m out of memory);
 *                         real documents hold a few thousand, an index at the descriptor limit ~150,000
 * @param maxCollectedBytes bytes of wanted files (package databases, lockfiles, manifests) one walk keeps for the
 *                         catalogers, over all layers' versions; a file past it is not read, with a warning naming
 *                         it, and older versions of a file give way to newer ones first
 */
public record ImageLimits(long maxExpandedBytes, long maxEntryBytes, long maxEntries, long maxRatio,
                          long maxMetadataBytes, int maxPathBytes, int maxPathDepth, int maxHeaderBytes,
                          long maxPathBytesTotal, int maxLayers, int maxDescriptors, int maxIndexDepth,
                          int maxMetadataTokens, long maxCollectedBytes) {

    /** Ratios are not checked below this many expanded bytes: small layers of zeros are fine. */
    public static final long RATIO_GRACE_BYTES = 256L << 20;

    /**
     * Measured at {@code -Xmx256m} with 25-character names: a walk holds about 280 bytes of heap per entry (entry, tree
     * node, map entry, name), so 800,000 empty files were read and 1,000,000 ran out of memory. The default allows
     * one entry per {@value #HEAP_PER_ENTRY} bytes of this JVM's maximum heap (room for the catalogers), at least
     * 400,000 and at most 10,000,000: real images hold 5,000 to 150,000, a whole host's root filesystem
     * ({@code dir:/}) 500,000 and more, and a crafted image reaching the limit still fits the heap it runs in.
     */
    public static final long DEFAULT_MAX_ENTRIES = defaultMaxEntries(Runtime.getRuntime().maxMemory());

    /** Heap bytes a default budget allows per entry: the 280 measured, with room for what the catalogers keep. */
    static final long HEAP_PER_ENTRY = 640;

    /** Bytes of entry names the default allows per entry (400,000 entries: 32 MiB). */
    static final long NAME_BYTES_PER_ENTRY = 84;

    public static final ImageLimits DEFAULT = new ImageLimits(256L << 30, 64L << 30, DEFAULT_MAX_ENTRIES, 1000,
            16L << 20, 4096, 1024, 1 << 20, DEFAULT_MAX_ENTRIES * NAME_BYTES_PER_ENTRY, 1024, 10_000, 4, 250_000,
            defaultMaxCollectedBytes(Runtime.getRuntime().maxMemory()));

    /**
     * A quarter of the heap (64 MiB at -Xmx256m), at least 16 MiB: what the walk's tree and the parsers need besides
     * it is measured in {@code BoundedMemoryTest}. Real images keep a few MiB to a few tens of MiB (a dpkg status
     * with its file lists, an rpmdb, a node_modules tree's package.json files).
     */
    static long defaultMaxCollectedBytes(long maxHeap) {
        return Math.max(16L << 20, maxHeap / 4);
    }

    /** The entry budget for a JVM whose heap may grow to {@code maxHeap} bytes. */
    static long defaultMaxEntries(long maxHeap) {
        return Math.max(400_000L, Math.min(10_000_000L, maxHeap / HEAP_PER_ENTRY));
    }

    public ImageLimits {
        if (maxExpandedBytes <= 0 || maxEntryBytes <= 0 || maxEntries <= 0 || maxRatio <= 0 || maxMetadataBytes <= 0
                || maxPathBytes <= 0 || maxPathDepth <= 0 || maxHeaderBytes <= 0 || maxPathBytesTotal <= 0
                || maxLayers <= 0 || maxDescriptors <= 0 || maxIndexDepth <= 0 || maxMetadataTokens <= 0
                || maxCollectedBytes <= 0) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }

    public ImageLimits withMaxExpandedBytes(long bytes) {
        return new ImageLimits(bytes, maxEntryBytes, maxEntries, maxRatio, maxMetadataBytes, maxPathBytes,
                maxPathDepth, maxHeaderBytes, maxPathBytesTotal, maxLayers, maxDescriptors, maxIndexDepth,
                maxMetadataTokens, maxCollectedBytes);
    }

    public ImageLimits withMaxEntryBytes(long bytes) {
        return new ImageLimits(maxExpandedBytes, bytes, maxEntries, maxRatio, maxMetadataBytes, maxPathBytes,
                maxPathDepth, maxHeaderBytes, maxPathBytesTotal, maxLayers, maxDescriptors, maxIndexDepth,
                maxMetadataTokens, maxCollectedBytes);
    }

    /** Also scales the names' budget, so that raising the entry limit for a genuine image is one setting. */
    public ImageLimits withMaxEntries(long entries) {
        long names = Math.max(maxPathBytesTotal, entries * NAME_BYTES_PER_ENTRY);
        return new ImageLimits(maxExpandedBytes, maxEntryBytes, entries, maxRatio, maxMetadataBytes, maxPathBytes,
                maxPathDepth, maxHeaderBytes, names, maxLayers, maxDescriptors, maxIndexDepth,
                maxMetadataTokens, maxCollectedBytes);
    }

    public ImageLimits withMaxRatio(long ratio) {
        return new ImageLimits(maxExpandedBytes, maxEntryBytes, maxEntries, ratio, maxMetadataBytes, maxPathBytes,
                maxPathDepth, maxHeaderBytes, maxPathBytesTotal, maxLayers, maxDescriptors, maxIndexDepth,
                maxMetadataTokens, maxCollectedBytes);
    }

    public ImageLimits withMaxPathBytesTotal(long bytes) {
        return new ImageLimits(maxExpandedBytes, maxEntryBytes, maxEntries, maxRatio, maxMetadataBytes, maxPathBytes,
                maxPathDepth, maxHeaderBytes, bytes, maxLayers, maxDescriptors, maxIndexDepth,
                maxMetadataTokens, maxCollectedBytes);
    }

    public ImageLimits withMaxLayers(int layers) {
        return new ImageLimits(maxExpandedBytes, maxEntryBytes, maxEntries, maxRatio, maxMetadataBytes, maxPathBytes,
                maxPathDepth, maxHeaderBytes, maxPathBytesTotal, layers, maxDescriptors, maxIndexDepth, maxMetadataTokens,
                maxCollectedBytes);
    }

    public ImageLimits withMaxCollectedBytes(long bytes) {
        return new ImageLimits(maxExpandedBytes, maxEntryBytes, maxEntries, maxRatio, maxMetadataBytes, maxPathBytes,
                maxPathDepth, maxHeaderBytes, maxPathBytesTotal, maxLayers, maxDescriptors, maxIndexDepth,
                maxMetadataTokens, bytes);
    }

    // written out: a record's generated toString bootstraps method handles on first use, on a cold run's critical
    // path (docs/performance.md, "Records on the cold path"); the same text, every component
    // (WrittenOutRecordMethodsTest)
    @Override
    public String toString() {
        return "ImageLimits[maxExpandedBytes=" + maxExpandedBytes + ", maxEntryBytes=" + maxEntryBytes
                + ", maxEntries=" + maxEntries + ", maxRatio=" + maxRatio + ", maxMetadataBytes=" + maxMetadataBytes
                + ", maxPathBytes=" + maxPathBytes + ", maxPathDepth=" + maxPathDepth + ", maxHeaderBytes="
                + maxHeaderBytes + ", maxPathBytesTotal=" + maxPathBytesTotal + ", maxLayers=" + maxLayers
                + ", maxDescriptors=" + maxDescriptors + ", maxIndexDepth=" + maxIndexDepth + ", maxMetadataTokens="
                + maxMetadataTokens + ", maxCollectedBytes=" + maxCollectedBytes + "]";
    }
}
