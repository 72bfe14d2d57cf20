package io.plimsoll.ecosystem;

/**
 * Bounds on what reading one package database, lockfile, manifest or archive may cost, so that a crafted file ends
 * in a warning naming it instead of a stack overflow or an out-of-memory, and the scan goes on. Every limit of the
 * catalogers lives here ({@code ImageLimits} holds the image stage's); a parser that reaches one keeps what it read
 * so far (or nothing, when the rest cannot be trusted) and says so.
 *
 * <p>The defaults hold two promises at once: the largest real files stay far below them, and a crafted file that
 * reaches them still fits in a 256 MiB heap (measured in {@code CatalogBoundedMemoryTest}).
 *
 * @param maxLineBytes        the longest line of a line-based database (dpkg status, apk installed); a longer
 *                            line is skipped. Real lines are under 10 KB (a long Description)
 * @param maxStringChars      the longest JSON or YAML string (Jackson's StreamReadConstraints); a longer one makes
 *                            the file unreadable. Real ones are a few KB (an npm readme, an integrity hash list)
 * @param maxNestingDepth     how deep JSON, YAML and Ruby literals may nest; real lockfiles stay under 50 levels,
 *                            generated gemspecs under 3
 * @param maxPackagesPerFile  packages read from one file; the rest are dropped with a warning. Real files hold up to
 *                            a few thousand (a large dpkg status ~5,000, a monorepo lockfile ~20,000)
 * @param maxDocumentBytes    the largest JSON document read as a tree (package-lock.json, composer.lock, …); a tree
 *                            costs about ten times its text, so at -Xmx256m a 34 MB composer.lock ran out of memory
 *                            and 17 MB did not. Real lockfiles are under 10 MB; a larger one is refused
 * @param maxArchiveBufferBytes bytes of nested archives held in memory at once, over all nesting levels; past it,
 *                            nested archives are read as streams
 * @param maxOwnedFiles       files an OS package database's packages own, over all its packages (dpkg's info lists,
 *                            apk's R: lines); the rest are not listed. Each costs ~60 bytes of heap whatever its line's
 *                            length, so 5,000,000 short lines (47 MB) ran -Xmx256m out of memory; a whole distribution
 *                            installed owns a few hundred thousand
 */
public record CatalogLimits(int maxLineBytes, int maxStringChars, int maxNestingDepth, int maxPackagesPerFile,
                            long maxDocumentBytes, long maxArchiveBufferBytes, int maxOwnedFiles) {

    public static final CatalogLimits DEFAULT = new CatalogLimits(1 << 20, 8 << 20, 256, 100_000, 24L << 20, 64L << 20,
            1_000_000);

    /** What this process catalogs with; a front end sets it once from its options before anything is read. */
    private static volatile CatalogLimits current = DEFAULT;

    public CatalogLimits {
        if (maxLineBytes <= 0 || maxStringChars <= 0 || maxNestingDepth <= 0 || maxPackagesPerFile <= 0
                || maxDocumentBytes <= 0 || maxArchiveBufferBytes < 0 || maxOwnedFiles <= 0) {
            throw new IllegalArgumentException("catalog limits must be positive");
        }
    }

    /**
     * The limits every cataloger reads with: {@link #DEFAULT} unless {@link #use} chose others. One process, one
     * set: the CLI's options or the server's {@code catalog.*} settings, never per scan.
     */
    public static CatalogLimits current() {
        return current;
    }

    /** Makes {@code limits} the ones every cataloger reads with from now on (the Jackson parsers included). */
    public static void use(CatalogLimits limits) {
        current = java.util.Objects.requireNonNull(limits);
        Documents.limitsChanged(limits);
        StructuredText.limitsChanged(limits);
    }

    /** Jackson's read limits for the catalogers' JSON, YAML and TOML: set here rather than left to its defaults. */
    public com.fasterxml.jackson.core.StreamReadConstraints jacksonConstraints() {
        return com.fasterxml.jackson.core.StreamReadConstraints.builder().maxStringLength(maxStringChars)
                .maxNestingDepth(maxNestingDepth).maxDocumentLength(maxDocumentBytes).build();
    }

    /**
     * As {@link #jacksonConstraints} for a file read as a stream of small parts, never as one tree: no document
     * length, since memory then grows with the largest part (bounded by the string and nesting limits) and the
     * packages kept (bounded by {@link #maxPackagesPerFile}), not with the file.
     */
    public com.fasterxml.jackson.core.StreamReadConstraints streamingConstraints() {
        return com.fasterxml.jackson.core.StreamReadConstraints.builder().maxStringLength(maxStringChars)
                .maxNestingDepth(maxNestingDepth).build();
    }

    public CatalogLimits withMaxDocumentBytes(long bytes) {
        return new CatalogLimits(maxLineBytes, maxStringChars, maxNestingDepth, maxPackagesPerFile, bytes,
                maxArchiveBufferBytes, maxOwnedFiles);
    }

    public CatalogLimits withMaxStringChars(int chars) {
        return new CatalogLimits(maxLineBytes, chars, maxNestingDepth, maxPackagesPerFile, maxDocumentBytes,
                maxArchiveBufferBytes, maxOwnedFiles);
    }

    public CatalogLimits withMaxLineBytes(int bytes) {
        return new CatalogLimits(bytes, maxStringChars, maxNestingDepth, maxPackagesPerFile, maxDocumentBytes,
                maxArchiveBufferBytes, maxOwnedFiles);
    }

    public CatalogLimits withMaxPackagesPerFile(int packages) {
        return new CatalogLimits(maxLineBytes, maxStringChars, maxNestingDepth, packages, maxDocumentBytes,
                maxArchiveBufferBytes, maxOwnedFiles);
    }

    public CatalogLimits withMaxArchiveBufferBytes(long bytes) {
        return new CatalogLimits(maxLineBytes, maxStringChars, maxNestingDepth, maxPackagesPerFile,
                maxDocumentBytes, bytes, maxOwnedFiles);
    }

    public CatalogLimits withMaxOwnedFiles(int files) {
        return new CatalogLimits(maxLineBytes, maxStringChars, maxNestingDepth, maxPackagesPerFile, maxDocumentBytes,
                maxArchiveBufferBytes, files);
    }

    /** The warning of a file read up to {@link #maxPackagesPerFile()} and no further, as every parser words it. */
    public String packagesCutShort() {
        return "more than " + maxPackagesPerFile + " packages in one file: the rest are not read";
    }

    // written out: a record's generated toString bootstraps method handles on first use, on a cold run's critical
    // path (docs/performance.md, "Records on the cold path"); the same text, every component
    // (WrittenOutRecordMethodsTest)
    @Override
    public String toString() {
        return "CatalogLimits[maxLineBytes=" + maxLineBytes + ", maxStringChars=" + maxStringChars
                + ", maxNestingDepth=" + maxNestingDepth + ", maxPackagesPerFile=" + maxPackagesPerFile
                + ", maxDocumentBytes=" + maxDocumentBytes + ", maxArchiveBufferBytes=" + maxArchiveBufferBytes
                + ", maxOwnedFiles=" + maxOwnedFiles + "]";
    }
}
