package io.plimsoll.ecosystem.golang;

import io.plimsoll.ecosystem.binary.ElfBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Small ELF files carrying Go build info in either format, for tests. */
final class GoBuildInfoFixtures {

    /** The 16-byte markers Go puts around module info (as they appear in the real binaries of the corpus). */
    static final byte[] INFO_START = bytes(0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6,
            0xd6, 0x18, 0xe6);
    static final byte[] INFO_END = bytes(0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41,
            0x16, 0xd8, 0xf2);

    static final long BUILDINFO_ADDR = 0x606000;
    static final long DATA_ADDR = 0x700000;

    private GoBuildInfoFixtures() {
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    static byte[] framed(String modinfo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(INFO_START);
        out.writeBytes(modinfo.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(INFO_END);
        return out.toByteArray();
    }

    private static byte[] header(int ptrSize, int flags) {
        byte[] h = new byte[32];
        System.arraycopy(GoBuildInfoBlob.MAGIC, 0, h, 0, GoBuildInfoBlob.MAGIC.length);
        h[14] = (byte) ptrSize;
        h[15] = (byte) flags;
        return h;
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while (v >= 0x80) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** The Go 1.18+ blob: header with flag 2, then the strings inline. {@code pad} bytes of zeros come first. */
    static byte[] inlineBlob(int pad, String version, byte[] mod) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[pad]);
        out.writeBytes(header(8, 2));
        byte[] v = version.getBytes(StandardCharsets.UTF_8);
        varint(out, v.length);
        out.writeBytes(v);
        varint(out, mod.length);
        out.writeBytes(mod);
        return out.toByteArray();
    }

    /** A 64-bit little-endian executable with the inline blob in .go.buildinfo, loaded as the first RW segment. */
    static ElfBuilder inline(String version, String modinfo) {
        return ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).section(".text", 0x401000, new byte[64]).load(".text", 5)
                .section(".go.buildinfo", BUILDINFO_ADDR, inlineBlob(0, version, framed(modinfo)))
                .load(".go.buildinfo", 6);
    }

    /**
     * The pre-1.18 blob: the header holds the addresses of two Go string headers (pointer, length) in .data, which
     * point at the strings, also in .data.
     */
    static ElfBuilder pointers(boolean is64, ByteOrder order, String version, byte[] mod) {
        int ps = is64 ? 8 : 4;
        byte[] v = version.getBytes(StandardCharsets.UTF_8);
        ByteBuffer data = ByteBuffer.allocate(4 * ps + v.length + mod.length).order(order);
        long versionBytes = DATA_ADDR + 4L * ps;
        long modBytes = versionBytes + v.length;
        put(data, ps, versionBytes);
        put(data, ps, v.length);
        put(data, ps, modBytes);
        put(data, ps, mod.length);
        data.put(v).put(mod);
        ByteBuffer h = ByteBuffer.wrap(header(ps, order == ByteOrder.BIG_ENDIAN ? 1 : 0)).order(order);
        h.position(16);
        put(h, ps, DATA_ADDR);
        put(h, ps, DATA_ADDR + 2L * ps);
        ElfBuilder b = is64 ? ElfBuilder.elf64(order) : ElfBuilder.elf32(order);
        return b.section(".go.buildinfo", BUILDINFO_ADDR, h.array()).load(".go.buildinfo", 6)
                .section(".data", DATA_ADDR, data.array()).load(".data", 6);
    }

    private static void put(ByteBuffer b, int ps, long v) {
        if (ps == 8) {
            b.putLong(v);
        } else {
            b.putInt((int) v);
        }
    }
}
