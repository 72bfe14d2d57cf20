package io.plimsoll.vuln.feed;

import io.plimsoll.vuln.FeedException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A feed file's (inflated) bytes, counted as they are read: past the cap the read fails with a
 * {@link FeedException} naming the file, whatever size the container declared, so a decompression bomb is an error
 * rather than an out-of-memory or a full disk.
 */
public final class CappedFeedInput extends FilterInputStream {

    private final long cap;
    private final String source;
    private final String name;
    private final String whatItIsNot;
    private long count;

    /**
     * {@code whatItIsNot} ends the error, e.g. "not an OSV record (or a zip bomb)", after "inflates to more than
     * {@code cap} bytes: ".
     */
    public CappedFeedInput(InputStream in, long cap, String source, String name, String whatItIsNot) {
        super(in);
        this.cap = cap;
        this.source = source;
        this.name = name;
        this.whatItIsNot = whatItIsNot;
    }

    /** The bytes read so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    private void add(long n) throws FeedException {
        count += n;
        if (count > cap) {
            throw new FeedException(source, name, "inflates to more than " + cap + " bytes: " + whatItIsNot);
        }
    }
}
