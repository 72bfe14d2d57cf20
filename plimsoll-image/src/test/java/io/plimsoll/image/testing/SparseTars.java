package io.plimsoll.image.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Sparse tar files written by hand, since commons-compress cannot write them: one sparse file whose stored data is
 * {@code data} at offset {@code dataOffset} of a file that claims {@code realSize} bytes, then a regular file
 * {@code after} holding "x". A real size needs no bytes in the archive, so a few KB can claim terabytes.
 */
public final class SparseTars {

    private static final int RECORD = 512;

    private SparseTars() {
    }

    /**
     * GNU tar's old sparse format: a type 'S' header with the sparse map and the real size in the header itself. The
     * real size is written as 12 octal digits with no terminator (up to 64 GiB) or, from 64 GiB, in base-256.
     */
    public static byte[] gnu(String name, long realSize, long dataOffset, byte[] data) {
        byte[] h = header(name, 'S', data.length);
        octal(h, 386, 12, dataOffset);
        octal(h, 398, 12, data.length);
        if (realSize < 64L << 30) {
            ascii(h, 483, String.format("%012o", realSize));
        } else {
            base256(h, 483, 12, realSize);
        }
        return archive(checksum(h), data);
    }

    /** PAX format 1.0 (GNU tar's --format=posix): the sparse map is a text block at the start of the entry's data. */
    public static byte[] pax10(String name, long realSize, long dataOffset, byte[] data) {
        String records = record("GNU.sparse.major", "1") + record("GNU.sparse.minor", "0")
                + record("GNU.sparse.name", name) + record("GNU.sparse.realsize", Long.toString(realSize));
        byte[] pax = records.getBytes(StandardCharsets.UTF_8);
        byte[] map = padded(("1\n" + dataOffset + "\n" + data.length + "\n").getBytes(StandardCharsets.US_ASCII));
        byte[] stored = new byte[map.length + data.length];
        System.arraycopy(map, 0, stored, 0, map.length);
        System.arraycopy(data, 0, stored, map.length, data.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(checksum(header("PaxHeaders/" + name, 'x', pax.length, true)));
        out.writeBytes(padded(pax));
        out.writeBytes(checksum(header("GNUSparseFile.0/" + name, '0', stored.length, true)));
        out.writeBytes(padded(stored));
        return archive(out.toByteArray());
    }

    private static byte[] archive(byte[] sparseHeader, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sparseHeader);
        out.writeBytes(padded(data));
        return archive(out.toByteArray());
    }

    private static byte[] archive(byte[] sparseEntry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sparseEntry);
        out.writeBytes(checksum(header("after", '0', 1)));
        out.writeBytes(padded(new byte[] {'x'}));
        out.writeBytes(new byte[2 * RECORD]);
        return out.toByteArray();
    }

    private static String record(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int length = body.length() + 1;
        while (length != (Integer.toString(length) + body).length()) {
            length = (Integer.toString(length) + body).length();
        }
        return length + body;
    }

    private static byte[] header(String name, char type, long size) {
        return header(name, type, size, false);
    }

    private static byte[] header(String name, char type, long size, boolean posix) {
        byte[] h = new byte[RECORD];
        ascii(h, 0, name);
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 1_704_067_200L);
        h[156] = (byte) type;
        // GNU tar writes its own magic in GNU format and POSIX's in PAX format
        ascii(h, 257, posix ? "ustar\u000000" : "ustar  ");
        return h;
    }

    private static byte[] checksum(byte[] h) {
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        ascii(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void octal(byte[] h, int at, int width, long value) {
        ascii(h, at, String.format("%0" + (width - 1) + "o", value));
    }

    private static void base256(byte[] h, int at, int width, long value) {
        for (int i = width - 1; i > 0; i--, value >>>= 8) {
            h[at + i] = (byte) value;
        }
        h[at] = (byte) 0x80;
    }

    private static void ascii(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    private static byte[] padded(byte[] data) {
        return Arrays.copyOf(data, (data.length + RECORD - 1) / RECORD * RECORD);
    }
}
