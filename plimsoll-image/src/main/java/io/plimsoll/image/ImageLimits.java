package io.plimsoll.image;

/**
 * Bounds on what reading an image may cost, so that a decompression bomb or a runaway archive ends with a
 * clear error instead of filling the disk, the heap or the afternoon.
 *
 * <p>The defaults are generous: the largest real images (CUDA, ML toolkits) stay well below them.
 *
 * @param maxExpandedBytes total bytes of layer tar streams after decompression, over the whole image
 * @param maxEntryBytes    the largest single file a layer may hold
 * @param maxEntries       tar entries over the whole image (each costs a little heap in the file tree)
 * @param maxRatio         decompressed/compressed ratio a layer may reach once past {@link #RATIO_GRACE_BYTES};
 *                         real layers compress 2-10x, bombs 1000x and more
 * @param maxMetadataBytes the largest manifest, index or config JSON read into memory
 */
public record ImageLimits(long maxExpandedBytes, long maxEntryBytes, long maxEntries, long maxRatio,
                          long maxMetadataBytes) {

    /** Ratios are not checked below this many expanded bytes: small layers of zeros are fine. */
    public static final long RATIO_GRACE_BYTES = 256L << 20;

    public static final ImageLimits DEFAULT =
            new ImageLimits(256L << 30, 64L << 30, 10_000_000L, 1000, 64L << 20);

    public ImageLimits {
        if (maxExpandedBytes <= 0 || maxEntryBytes <= 0 || maxEntries <= 0 || maxRatio <= 0 || maxMetadataBytes <= 0) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }

    public ImageLimits withMaxExpandedBytes(long bytes) {
        return new ImageLimits(bytes, maxEntryBytes, maxEntries, maxRatio, maxMetadataBytes);
    }

    public ImageLimits withMaxEntryBytes(long bytes) {
        return new ImageLimits(maxExpandedBytes, bytes, maxEntries, maxRatio, maxMetadataBytes);
    }

    public ImageLimits withMaxEntries(long entries) {
        return new ImageLimits(maxExpandedBytes, maxEntryBytes, entries, maxRatio, maxMetadataBytes);
    }

    public ImageLimits withMaxRatio(long ratio) {
        return new ImageLimits(maxExpandedBytes, maxEntryBytes, maxEntries, ratio, maxMetadataBytes);
    }
}
