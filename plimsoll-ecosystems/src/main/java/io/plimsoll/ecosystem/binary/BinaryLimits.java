package io.plimsoll.ecosystem.binary;

/**
 * How much of an executable Plimsoll is willing to hold, and where.
 *
 * @param maxFileSize     executables bigger than this are skipped with a warning, unread
 * @param inMemorySize    executables up to this size are held in memory while they are parsed; bigger ones are
 *                        spooled to a temporary file, so several layers read in parallel never hold several large
 *                        binaries on the heap at once
 * @param maxMetadataSize the most bytes any one piece of embedded metadata may take once read or inflated (Go's module
 *                        info, cargo-auditable's JSON): real ones are kilobytes, a crafted one could claim gigabytes
 */
public record BinaryLimits(long maxFileSize, long inMemorySize, int maxMetadataSize) {

    /** 512 MiB binaries, 16 MiB of them on the heap, 8 MiB of metadata. */
    public static final BinaryLimits DEFAULT = new BinaryLimits(512L << 20, 16L << 20, 8 << 20);

    public BinaryLimits {
        if (maxFileSize < 0 || inMemorySize < 0 || maxMetadataSize < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        // a byte[] cannot hold more, so larger in-memory limits would only fail later
        inMemorySize = Math.min(inMemorySize, Integer.MAX_VALUE - 8);
    }

    // written out: a record's generated toString bootstraps method handles on first use, on a cold run's critical
    // path (docs/performance.md, "Records on the cold path"); the same text, every component
    // (WrittenOutRecordMethodsTest)
    @Override
    public String toString() {
        return "BinaryLimits[maxFileSize=" + maxFileSize + ", inMemorySize=" + inMemorySize + ", maxMetadataSize="
                + maxMetadataSize + "]";
    }
}
