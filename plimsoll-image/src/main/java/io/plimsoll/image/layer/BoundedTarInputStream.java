package io.plimsoll.image.layer;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * commons-compress's tar reader with bounds on what it buffers before it hands out an entry.
 *
 * <p>A GNU long name or link ({@code ././@LongLink}) and a PAX extended header are read whole into memory, with no
 * limit but the size their header claims: 64 MiB of one repeated byte is a 64 KB gzip layer. Both are read through
 * {@link #read(byte[], int, int)} while the header entry is current, so the first read checks the size the header
 * states, before anything is buffered. Each such header also makes the library call {@link #getNextEntry()} again
 * from inside itself, so a chain of them would recurse until the stack overflows; the chain is bounded too.
 *
 * <p>A sparse file's content is never read: the library would hand out its holes as zeros, up to the real size the
 * header claims (64 GiB from a few KB of GNU format), and it reads them even to skip the entry. Its stored bytes
 * are skipped here instead, as many as the header's size field says (that is how tar skips an entry it does not
 * extract), so the time taken follows the bytes in the archive.
 */
final class BoundedTarInputStream extends TarArchiveInputStream {

    /** A real entry has at most a PAX header, a long name and a long link before it. */
    private static final int MAX_CHAINED_HEADERS = 8;

    private final String layer;
    private final ImageLimits limits;
    private final CountingInputStream raw;
    private static final int SKIP_BUFFER = 64 * 1024;

    private int nesting;
    private byte[] skipBuffer;
    /** Where the data of the last header read starts: a PAX 1.0 sparse map, then the stored parts of the file. */
    private long dataStart;

    BoundedTarInputStream(InputStream in, String layer, ImageLimits limits) {
        this(new CountingInputStream(in), layer, limits);
    }

    private BoundedTarInputStream(CountingInputStream raw, String layer, ImageLimits limits) {
        super(raw, TarConstants.DEFAULT_BLKSIZE, TarConstants.DEFAULT_RCDSIZE, StandardCharsets.UTF_8.name(), true);
        this.raw = raw;
        this.layer = layer;
        this.limits = limits;
    }

    @Override
    public TarArchiveEntry getNextEntry() throws IOException {
        if (++nesting > MAX_CHAINED_HEADERS) {
            throw new ImageException(layer, "more than " + MAX_CHAINED_HEADERS
                    + " extended headers (PAX, GNU long name or link) in a row before one entry: corrupt tar data");
        }
        try {
            skipSparseData();
            skipRestOfEntry();
            return super.getNextEntry();
        } finally {
            nesting--;
        }
    }

    @Override
    public int read(byte[] buf, int offset, int length) throws IOException {
        TarArchiveEntry current = getCurrentEntry();
        if (current != null) {
            if (isSparseFile(current)) {
                return -1;
            }
            checkHeaderSize(current);
        }
        return super.read(buf, offset, length);
    }

    @Override
    public long skip(long n) throws IOException {
        TarArchiveEntry current = getCurrentEntry();
        return current != null && isSparseFile(current) ? 0 : super.skip(n);
    }

    /** A directory has no data for the library, sparse headers or not. */
    private static boolean isSparseFile(TarArchiveEntry entry) {
        return entry.isSparse() && !entry.isDirectory();
    }

    @Override
    protected byte[] readRecord() throws IOException {
        byte[] record = super.readRecord();
        // the last record read before an entry is handed out is its header (or an old GNU sparse map's extension)
        dataStart = raw.count();
        return record;
    }

    /**
     * Skips what is left of a sparse entry's stored bytes, so that the library, whose reads this class ends at once
     * for a sparse entry, finds the next header after them (it then skips the padding to the record itself).
     */
    private void skipSparseData() throws IOException {
        TarArchiveEntry current = getCurrentEntry();
        if (current == null || !isSparseFile(current)) {
            return;
        }
        long left = current.getSize() - (raw.count() - dataStart);
        if (left < 0) {
            throw new ImageException(layer, "sparse entry '" + current.getName() + "' has a sparse map larger than its "
                    + Bytes.human(current.getSize()) + " of stored data: corrupt tar data");
        }
        long skipped = 0;
        while (skipped < left) {
            long n = raw.skip(left - skipped);
            if (n <= 0) {
                throw new EOFException("sparse entry '" + current.getName() + "' ends after "
                        + skipped + " of its " + left + " stored bytes");
            }
            skipped += n;
        }
        count(skipped);
        dataStart = raw.count();
    }

    /**
     * Reads past what the consumer left of the current entry in 64 KiB steps: the library would skip it through
     * commons-io in 2 KiB reads, each one a call down the whole stream stack to the inflater, and skipping unwanted
     * files is most of every layer.
     */
    private void skipRestOfEntry() throws IOException {
        TarArchiveEntry current = getCurrentEntry();
        if (current == null || isSparseFile(current) || current.isPaxHeader() || current.isGlobalPaxHeader()
                || current.isGNULongNameEntry() || current.isGNULongLinkEntry()) {
            return; // the library reads (and bounds) extended headers itself
        }
        if (skipBuffer == null) {
            skipBuffer = new byte[SKIP_BUFFER];
        }
        while (read(skipBuffer, 0, skipBuffer.length) >= 0) {
            // the bytes are only skipped; the blob's digest still sees them
        }
    }

    private void checkHeaderSize(TarArchiveEntry header) throws ImageException {
        long size = header.getSize();
        if ((header.isGNULongNameEntry() || header.isGNULongLinkEntry())
                && size > limits.maxPathBytes() + 1L) { // + 1: GNU tar ends the name with a NUL
            throw new ImageException(layer, "a GNU long " + (header.isGNULongNameEntry() ? "name" : "link target")
                    + " of " + Bytes.human(size) + " is over the " + limits.maxPathBytes()
                    + "-byte limit for names and link targets: refusing the layer");
        }
        if ((header.isPaxHeader() || header.isGlobalPaxHeader()) && size > limits.maxHeaderBytes()) {
            throw new ImageException(layer, "a PAX extended header of " + Bytes.human(size) + " is over the "
                    + Bytes.human(limits.maxHeaderBytes()) + " limit: refusing the layer");
        }
    }
}
