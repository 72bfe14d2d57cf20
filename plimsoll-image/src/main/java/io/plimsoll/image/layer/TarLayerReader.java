package io.plimsoll.image.layer;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.model.Digest;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a layer blob (plain, gzip or zstd tar) in one streamed pass: verifies its digest while reading,
 * bounds what it expands to, and turns each tar entry into a clean {@link LayerEntry}.
 */
public final class TarLayerReader implements LayerReader {

    private static final int BUFFER = 64 * 1024;
    private static final InputStream EMPTY = InputStream.nullInputStream();
    /** Warnings kept per layer; a crafted layer could otherwise fill the heap with them. */
    private static final int MAX_WARNINGS = 5;

    private final String name;
    private final BlobOpener opener;
    private final Optional<Digest> expected;
    private final boolean expectedIsDiffId;

    /**
     * @param name             how messages name the layer, e.g. {@code app.tar: layer 3 (sha256:ab12…)}
     * @param expected         the digest to verify, if the source states one
     * @param expectedIsDiffId the digest is of the uncompressed tar (a legacy docker-archive layer, whose only
     *                         stated digest is the config's diff id), not of the stored blob
     */
    public TarLayerReader(String name, BlobOpener opener, Optional<Digest> expected, boolean expectedIsDiffId) {
        this.name = name;
        this.opener = opener;
        this.expected = expected;
        this.expectedIsDiffId = expectedIsDiffId;
    }

    /**
     * The layer's stored blob, as the source holds it (compressed or not, not verified): for handing the layer on
     * unchanged, e.g. uploading it to a server that verifies it against the layer's digest itself.
     */
    public BlobOpener blob() {
        return opener;
    }

    @Override
    public LayerSummary read(LayerEntryVisitor visitor, ExpansionBudget budget) throws ImageException {
        try (InputStream blob = opener.open()) {
            // a stream that hashes the blob anyway (a pull filling the blob cache) is not hashed twice
            DigestingStream digesting = expected.isPresent() && !expectedIsDiffId && blob instanceof DigestingStream d
                    && d.digests(expected.get().algorithm()) ? d : null;
            MessageDigest hasher = digesting == null ? expected.map(Digest::newHasher).orElse(null) : null;
            InputStream hashed = hasher == null || expectedIsDiffId ? blob : new DigestInputStream(blob, hasher);
            CountingInputStream compressed = new CountingInputStream(hashed);
            BufferedInputStream buffered = new BufferedInputStream(compressed, BUFFER);
            Compression compression = sniff(buffered);
            InputStream decompressed = compression.decompress(buffered);
            if (hasher != null && expectedIsDiffId) {
                decompressed = new DigestInputStream(decompressed, hasher);
            }
            ExpansionGuard expanded = new ExpansionGuard(decompressed, name, budget, compressed);
            List<String> warnings = new ArrayList<>();
            long entries = readEntries(expanded, visitor, budget, warnings);
            expanded.drain();
            buffered.transferTo(OutputStreamSink.INSTANCE);
            if (expected.isPresent()) {
                Digest actual = digesting != null
                        ? digesting.digest().orElseThrow(() -> new IOException("the blob's stream ended unhashed"))
                        : new Digest(expected.get().algorithm(), java.util.HexFormat.of().formatHex(hasher.digest()));
                if (!actual.equals(expected.get())) {
                    throw new ImageException(name, "digest mismatch: the " + (expectedIsDiffId ? "config's diff id"
                            : "manifest") + " says " + expected.get()
                            + " but the content is " + actual + " (corrupt or tampered blob)");
                }
            }
            return new LayerSummary(compressed.count(), expanded.expanded(), entries, compression, warnings);
        } catch (ImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageException(name, describe(e), e);
        }
    }

    private static Compression sniff(BufferedInputStream in) throws IOException {
        byte[] head = new byte[4];
        in.mark(head.length);
        int n = in.readNBytes(head, 0, head.length);
        in.reset();
        return Compression.sniff(head, n);
    }

    private long readEntries(InputStream expanded, LayerEntryVisitor visitor, ExpansionBudget budget,
                             List<String> warnings) throws IOException {
        TarArchiveInputStream tar = new BoundedTarInputStream(expanded, name, budget.limits());
        InputStream shielded = new NonClosingInputStream(tar);
        long count = 0;
        long oversizedSparse = 0;
        TarArchiveEntry te;
        while ((te = tar.getNextEntry()) != null) {
            if (te.getLinkFlag() == 'V' || te.getLinkFlag() == 'M' || te.isGlobalPaxHeader()) {
                continue;
            }
            LayerEntry entry = toEntry(te, budget);
            budget.chargeEntry(name, entry.path().length() + entry.linkTarget().length());
            count++;
            // a warning, not a refusal: the holes cost nothing as they are never read, and real images hold such
            // files (lastlog and faillog grow to terabytes when a user has a uid near 2^32)
            if (entry.sparse() && entry.size() > budget.limits().maxEntryBytes()
                    && ++oversizedSparse <= MAX_WARNINGS) {
                warnings.add(name + ": sparse file '" + entry.path() + "' claims " + Bytes.human(entry.size())
                        + ", over the " + Bytes.human(budget.limits().maxEntryBytes()) + " limit per file; kept "
                        + "without content (" + Bytes.human(te.getSize()) + " stored)");
            }
            visitor.visit(entry, entry.isRegular() && !entry.sparse() ? shielded : EMPTY);
        }
        if (oversizedSparse > MAX_WARNINGS) {
            warnings.add(name + ": " + (oversizedSparse - MAX_WARNINGS) + " more sparse files over the limit per file");
        }
        return count;
    }

    private LayerEntry toEntry(TarArchiveEntry te, ExpansionBudget budget) throws ImageException {
        String raw = te.getName();
        checkName(raw, "name", budget.limits());
        checkName(te.getLinkName(), "link target", budget.limits());
        String path = LayerPaths.fromArchiveName(raw).orElseThrow(() -> new ImageException(name,
                "entry '" + raw + "' points outside the image root (absolute path or '..'): refusing the layer"));
        FileType type = typeOf(te);
        String link = "";
        if (type == FileType.SYMLINK) {
            link = te.getLinkName();
        } else if (type == FileType.HARDLINK) {
            String target = te.getLinkName();
            link = LayerPaths.fromArchiveName(target).orElseThrow(() -> new ImageException(name,
                    "hard link '" + raw + "' points outside the image root ('" + target + "')"));
        }
        boolean sparse = te.isSparse() || te.isPaxGNU1XSparse();
        long size = type == FileType.REGULAR ? (sparse ? te.getRealSize() : te.getSize()) : 0;
        // a sparse file's holes are never expanded here, so only its stored bytes count against the limit
        if (te.getSize() > budget.limits().maxEntryBytes()) {
            throw new ImageException(name, "entry '" + raw + "' is " + Bytes.human(te.getSize()) + ", over the "
                    + Bytes.human(budget.limits().maxEntryBytes()) + " limit per file (raise --max-file-size)");
        }
        return new LayerEntry(path, type, te.getMode() & 07777, te.getLongUserId(), te.getLongGroupId(), size,
                link, te.getLastModifiedTime() == null ? 0 : te.getLastModifiedTime().toMillis() / 1000, sparse);
    }

    /**
     * A name longer than Linux's PATH_MAX, or deeper than any real tree, is no file a real tool wrote; refusing it
     * here bounds what the tree keeps per entry (every parent directory is a node keyed by its whole path).
     */
    private void checkName(String value, String what, ImageLimits limits) throws ImageException {
        if (value.length() > limits.maxPathBytes() / 3
                && value.getBytes(StandardCharsets.UTF_8).length > limits.maxPathBytes()) {
            throw new ImageException(name, "an entry's " + what + " is " + value.getBytes(StandardCharsets.UTF_8).length
                    + " bytes, over the " + limits.maxPathBytes() + "-byte limit ('" + abbreviate(value)
                    + "'): refusing the layer");
        }
        int depth = LayerPaths.depth(value);
        if (depth > limits.maxPathDepth()) {
            throw new ImageException(name, "an entry's " + what + " is " + depth + " directories deep, over the "
                    + limits.maxPathDepth() + " limit ('" + abbreviate(value) + "'): refusing the layer");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    private static FileType typeOf(TarArchiveEntry te) {
        if (te.isSymbolicLink()) {
            return FileType.SYMLINK;
        }
        if (te.isLink()) {
            return FileType.HARDLINK;
        }
        if (te.isDirectory()) {
            return FileType.DIRECTORY;
        }
        if (te.isCharacterDevice()) {
            return FileType.CHAR_DEVICE;
        }
        if (te.isBlockDevice()) {
            return FileType.BLOCK_DEVICE;
        }
        if (te.isFIFO()) {
            return FileType.FIFO;
        }
        return FileType.REGULAR;
    }

    /** A reason a user can act on, from what the libraries threw. */
    static String describe(Throwable e) {
        String msg = String.valueOf(e.getMessage());
        String lower = msg.toLowerCase(java.util.Locale.ROOT);
        if (e instanceof EOFException || lower.contains("truncated") || lower.contains("unexpected end")
                || lower.contains("premature end")) {
            return "truncated: the data ends before the archive does (" + msg + ")";
        }
        if (e instanceof ZipException || lower.contains("gzip") || lower.contains("deflate")) {
            return "corrupt gzip data (" + msg + ")";
        }
        if (e.getClass().getName().startsWith("com.github.luben.zstd") || lower.contains("zstd")) {
            return "corrupt zstd data (" + msg + ")";
        }
        if (lower.contains("header") || lower.contains("tar") || e instanceof IllegalArgumentException) {
            return "corrupt tar data (" + msg + ")";
        }
        return "cannot read the layer (" + e.getClass().getSimpleName() + ": " + msg + ")";
    }
}
