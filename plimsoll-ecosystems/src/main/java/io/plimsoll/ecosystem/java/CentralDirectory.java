package io.plimsoll.ecosystem.java;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The entries of a zip archive held in memory, read from its central directory: name, method, sizes and where each
 * entry's data starts, nothing else. A jar cataloger needs two or three entries of thousands; commons-compress's
 * {@code ZipFile} also turns every entry's DOS time into a date through a {@code Calendar} and reads every entry's
 * local header when it opens, which was a fifth of a jar layer's time, and the JDK's needs a file on disk.
 *
 * <p>Anything it does not understand (a damaged directory, offsets outside the archive, encryption, a method other
 * than stored or deflated) is an {@link IOException}: the caller then reads the archive as a stream instead.
 * Offsets are taken relative to where the directory actually is, so a jar with a launcher script prepended (Spring
 * Boot's executable jars) reads as the JDK reads it.
 */
final class CentralDirectory {

    private static final int EOCD = 0x06054b50;
    private static final int EOCD_SIZE = 22;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int ZIP64_EOCD_SIZE = 56;
    private static final int CEN = 0x02014b50;
    private static final int CEN_SIZE = 46;
    private static final int LOC = 0x04034b50;
    private static final int LOC_SIZE = 30;
    private static final long U32 = 0xffffffffL;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;

    private CentralDirectory() {
    }

    /** One entry: what the directory says, with its local header's offset already shifted to the array's. */
    record Entry(String name, int method, int flags, long compressedSize, long size, long localHeader) {
        boolean isDirectory() {
            return name.endsWith("/");
        }
    }

    /** Tells from an entry's name, as the directory stores it, that the caller has no use for the entry. */
    @FunctionalInterface
    interface Unwanted {
        boolean test(byte[] zip, int nameStart, int nameLength);
    }

    /**
     * The archive's entries in the order their data is stored, without the ones {@code unwanted} names: a jar of
     * tens of thousands of classes is read for three or four entries, and making a name and an entry of each, then
     * sorting them all, was ~9% of a cold scan's Java samples (docs/performance.md). Every entry is still checked.
     */
    static List<Entry> entries(byte[] zip, Unwanted unwanted) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = findEndRecord(b);
        long count = u16(b, eocd + 10);
        long cdSize = u32(b, eocd + 12);
        long cdOffset = u32(b, eocd + 16);
        long cdEnd = eocd;
        if (count == 0xffff || cdSize == U32 || cdOffset == U32) {
            int locator = eocd - 20;
            if (locator < 0 || b.getInt(locator) != ZIP64_LOCATOR) {
                throw new IOException("zip64 end record without its locator");
            }
            // the zip64 end record sits just before its locator unless it carries extensible data; the offset the
            // locator stores is shifted when bytes were prepended to the archive
            int z64 = locator - ZIP64_EOCD_SIZE;
            if (z64 < 0 || b.getInt(z64) != ZIP64_EOCD) {
                long stored = b.getLong(locator + 8);
                if (stored < 0 || stored > locator - ZIP64_EOCD_SIZE || b.getInt((int) stored) != ZIP64_EOCD) {
                    throw new IOException("zip64 end record not where its locator says");
                }
                z64 = (int) stored;
            }
            cdEnd = z64;
            count = b.getLong(z64 + 32);
            cdSize = b.getLong(z64 + 40);
            cdOffset = b.getLong(z64 + 48);
        }
        if (cdSize < 0 || cdSize > cdEnd || count < 0 || count > cdSize / CEN_SIZE) {
            throw new IOException("central directory of " + cdSize + " bytes and " + count + " entries");
        }
        long cdStart = cdEnd - cdSize;
        long shift = cdStart - cdOffset; // bytes prepended to the archive (a launcher script)
        if (cdOffset < 0 || shift < 0) {
            throw new IOException("central directory offset " + cdOffset + " beyond where it is");
        }
        List<Entry> out = new ArrayList<>();
        int at = (int) cdStart;
        for (long i = 0; i < count; i++) {
            if (at + CEN_SIZE > cdEnd || b.getInt(at) != CEN) {
                throw new IOException("central directory entry " + i + " is damaged");
            }
            int flags = u16(b, at + 8);
            int method = u16(b, at + 10);
            long compressed = u32(b, at + 20);
            long size = u32(b, at + 24);
            int nameLength = u16(b, at + 28);
            int extraLength = u16(b, at + 30);
            int commentLength = u16(b, at + 32);
            long local = u32(b, at + 42);
            int next = at + CEN_SIZE + nameLength + extraLength + commentLength;
            if (next > cdEnd) {
                throw new IOException("central directory entry " + i + " runs past the directory");
            }
            boolean skip = unwanted.test(zip, at + CEN_SIZE, nameLength);
            String name = skip ? null : new String(zip, at + CEN_SIZE, nameLength, StandardCharsets.UTF_8);
            if (compressed == U32 || size == U32 || local == U32) {
                long[] z = zip64Sizes(b, at + CEN_SIZE + nameLength, extraLength, size == U32, compressed == U32,
                        local == U32);
                size = z[0] >= 0 ? z[0] : size;
                compressed = z[1] >= 0 ? z[1] : compressed;
                local = z[2] >= 0 ? z[2] : local;
            }
            if (local < 0 || compressed < 0 || size < 0 || local + shift >= cdStart) {
                throw new IOException(new String(zip, at + CEN_SIZE, nameLength, StandardCharsets.UTF_8)
                        + ": local header outside the archive");
            }
            if (!skip) {
                out.add(new Entry(name, method, flags, compressed, size, local + shift));
            }
            at = next;
        }
        out.sort(Comparator.comparingLong(Entry::localHeader));
        return out;
    }

    /**
     * The entry's content, inflated as it is read: the caller bounds how much it reads. The inflater's native memory
     * is released when the stream is closed.
     */
    static InputStream open(byte[] zip, Entry e) throws IOException {
        if ((e.flags() & 1) != 0) {
            throw new IOException(e.name() + ": encrypted");
        }
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        long loc = e.localHeader();
        if (loc + LOC_SIZE > zip.length || b.getInt((int) loc) != LOC) {
            throw new IOException(e.name() + ": no local header where the directory says");
        }
        long data = loc + LOC_SIZE + u16(b, (int) loc + 26) + u16(b, (int) loc + 28);
        if (data + e.compressedSize() > zip.length) {
            throw new IOException(e.name() + ": data runs past the archive");
        }
        InputStream raw = new ByteArrayInputStream(zip, (int) data, (int) e.compressedSize());
        return switch (e.method()) {
            case STORED -> raw;
            // raw deflate may want one byte past the data to finish, as the JDK's ZipFile gives it
            case DEFLATED -> new InflaterInputStream(new SequenceInputStream(raw, new ByteArrayInputStream(new byte[1])),
                    new Inflater(true), 8192) {
                @Override
                public void close() throws IOException {
                    inf.end();
                    super.close();
                }
            };
            default -> throw new IOException(e.name() + ": compression method " + e.method());
        };
    }

    private static int findEndRecord(ByteBuffer b) throws IOException {
        int last = b.capacity() - EOCD_SIZE;
        int first = Math.max(0, last - 0xffff); // the comment is at most 64 KiB
        for (int i = last; i >= first; i--) {
            if (b.getInt(i) == EOCD && i + EOCD_SIZE + u16(b, i + 20) == b.capacity()) {
                return i;
            }
        }
        // a comment that does not reach the end is tolerated only by the stream reader
        throw new IOException("no end of central directory record");
    }

    /** The zip64 extra field's values, in the order the spec gives them, -1 for those not present. */
    private static long[] zip64Sizes(ByteBuffer b, int extra, int length, boolean size, boolean compressed,
                                     boolean local) throws IOException {
        long[] out = {-1, -1, -1};
        int end = extra + length;
        for (int at = extra; at + 4 <= end; ) {
            int id = u16(b, at);
            int n = u16(b, at + 2);
            if (at + 4 + n > end) {
                break;
            }
            if (id == 1) {
                int p = at + 4;
                boolean[] present = {size, compressed, local};
                for (int k = 0; k < 3; k++) {
                    if (present[k]) {
                        if (p + 8 > at + 4 + n) {
                            throw new IOException("zip64 extra field too short");
                        }
                        out[k] = b.getLong(p);
                        p += 8;
                    }
                }
                return out;
            }
            at += 4 + n;
        }
        throw new IOException("zip64 sizes without a zip64 extra field");
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xffff;
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & U32;
    }
}
