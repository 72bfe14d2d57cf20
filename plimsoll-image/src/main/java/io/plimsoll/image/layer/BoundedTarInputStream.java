package io.plimsoll.image.layer;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
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
 */
final class BoundedTarInputStream extends TarArchiveInputStream {

    /** A real entry has at most a PAX header, a long name and a long link before it. */
    private static final int MAX_CHAINED_HEADERS = 8;

    private final String layer;
    private final ImageLimits limits;
    private int nesting;

    BoundedTarInputStream(InputStream in, String layer, ImageLimits limits) {
        super(in, TarConstants.DEFAULT_BLKSIZE, TarConstants.DEFAULT_RCDSIZE, StandardCharsets.UTF_8.name(), true);
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
            return super.getNextEntry();
        } finally {
            nesting--;
        }
    }

    @Override
    public int read(byte[] buf, int offset, int length) throws IOException {
        TarArchiveEntry current = getCurrentEntry();
        if (current != null) {
            checkHeaderSize(current);
        }
        return super.read(buf, offset, length);
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
