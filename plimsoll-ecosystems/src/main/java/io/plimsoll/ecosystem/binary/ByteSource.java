package io.plimsoll.ecosystem.binary;

import java.io.Closeable;
import java.io.IOException;

/**
 * Random access to one file that arrived as a stream. Executable formats point back and forth (section headers at
 * the end name data in the middle), so a parser needs to jump; a layer stream cannot.
 */
public interface ByteSource extends Closeable {

    long size();

    /**
     * Copies up to {@code len} bytes starting at {@code offset} into {@code dst}.
     *
     * @return the bytes copied: fewer than {@code len} only at the end of the file, 0 at or beyond it
     */
    int read(long offset, byte[] dst, int dstOffset, int len) throws IOException;

    /** Wraps bytes already in memory. */
    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public int read(long offset, byte[] dst, int dstOffset, int len) {
                if (offset < 0 || offset >= bytes.length || len <= 0) {
                    return 0;
                }
                int n = (int) Math.min(len, bytes.length - offset);
                System.arraycopy(bytes, (int) offset, dst, dstOffset, n);
                return n;
            }

            @Override
            public void close() {
            }
        };
    }
}
