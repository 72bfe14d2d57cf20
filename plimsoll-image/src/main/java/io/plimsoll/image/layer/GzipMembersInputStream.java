package io.plimsoll.image.layer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Inflates a gzip stream of one or more members (RFC 1952; pigz and some builders write several) straight on
 * {@link Inflater}, checking each member's CRC-32 and length.
 *
 * <p>Why not a library's reader: commons-compress feeds the inflater 8 KiB at a time, which cost a 1 GiB walk about
 * 10% more CPU than 64 KiB (docs/performance.md), and the JDK's {@code GZIPInputStream} decides whether another
 * member follows from {@code available()}, which a network stream may answer with 0 and so end a layer early.
 * Here the next member is looked for by reading: end of input after a trailer is the end, anything else must be a
 * member.
 */
final class GzipMembersInputStream extends InputStream {

    private static final int INPUT = 64 * 1024;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final byte[] input = new byte[INPUT];
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] one = new byte[1];
    private int pos;
    private int limit;
    /** Bytes inflated in the current member, for the trailer's ISIZE (the length mod 2^32). */
    private long memberBytes;
    private boolean eof;
    private boolean closed;

    GzipMembersInputStream(InputStream in) throws IOException {
        this.in = in;
        readHeader();
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (!eof) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("corrupt deflate data: " + e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberBytes += n;
                return n;
            }
            if (inflater.finished()) {
                pos = limit - inflater.getRemaining();
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("corrupt deflate data: a preset dictionary, which gzip never uses");
            } else if (inflater.needsInput()) {
                if (!fill()) {
                    throw new EOFException("unexpected end of gzip data");
                }
                inflater.setInput(input, pos, limit - pos);
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            inflater.end();
            in.close();
        }
    }

    /** Checks the trailer, then either ends the stream (no more input) or starts the next member. */
    private void endMember() throws IOException {
        long storedCrc = readIntLe();
        long storedSize = readIntLe();
        if (storedCrc != crc.getValue()) {
            throw new ZipException("corrupt gzip data: CRC-32 " + Long.toHexString(crc.getValue())
                    + " where the trailer says " + Long.toHexString(storedCrc));
        }
        if (storedSize != (memberBytes & 0xffffffffL)) {
            throw new ZipException("corrupt gzip data: " + memberBytes + " bytes where the trailer says "
                    + storedSize + " (mod 2^32)");
        }
        if (pos == limit && !fill()) {
            eof = true;
            return;
        }
        readHeader();
    }

    private void readHeader() throws IOException {
        if (readByte() != 0x1f || readByte() != 0x8b) {
            throw new ZipException("not in gzip format (garbage after a gzip member, or no gzip header)");
        }
        if (readByte() != 8) {
            throw new ZipException("unsupported gzip compression method (only deflate exists)");
        }
        int flags = readByte();
        if ((flags & 0xe0) != 0) {
            throw new ZipException("reserved gzip header flags set");
        }
        for (int i = 0; i < 6; i++) {
            readByte(); // MTIME, XFL, OS
        }
        if ((flags & FEXTRA) != 0) {
            int length = readByte() | readByte() << 8;
            for (int i = 0; i < length; i++) {
                readByte();
            }
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            readByte();
            readByte();
        }
        inflater.reset();
        crc.reset();
        memberBytes = 0;
        inflater.setInput(input, pos, limit - pos);
    }

    private void skipZeroTerminated() throws IOException {
        while (readByte() != 0) {
            // a file name or comment: nothing here reads it
        }
    }

    private long readIntLe() throws IOException {
        return (readByte() | readByte() << 8 | readByte() << 16 | (long) readByte() << 24) & 0xffffffffL;
    }

    private int readByte() throws IOException {
        if (pos == limit && !fill()) {
            throw new EOFException("unexpected end of gzip data");
        }
        return input[pos++] & 0xff;
    }

    /** Refills the input buffer once it is used up; false at the end of the input. */
    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(input, 0, input.length);
        } while (n == 0);
        if (n < 0) {
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
