package io.plimsoll.ecosystem.golang;

import io.plimsoll.ecosystem.binary.BinaryFormatException;
import io.plimsoll.ecosystem.binary.ElfFile;
import io.plimsoll.ecosystem.binary.ElfSection;
import io.plimsoll.ecosystem.binary.ElfSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds and decodes the build info blob the Go linker leaves in every executable: a 32-byte header starting with
 * {@code "\xff Go buildinf:"}, 16-byte aligned, then either (Go 1.18 and later, flag bit 2) the toolchain version and
 * the module info as varint-length-prefixed strings right after the header, or (older) two pointers to Go string
 * headers elsewhere in the file, read through the program headers' address mapping.
 *
 * <p>The blob sits in section {@code .go.buildinfo}; when section headers are stripped, it is at the start of the
 * writable data segment, where the linker puts it. As Go's own reader does, only the first 64 KiB there are searched,
 * so the magic string that programs importing {@code debug/buildinfo} carry elsewhere is not mistaken for it.
 */
final class GoBuildInfoBlob {

    /** The toolchain version and the module info (sentinels removed; empty for binaries built without modules). */
    record Raw(String version, String modinfo, boolean inline) {
    }

    static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    static final int HEADER = 32;
    private static final int ALIGN = 16;
    private static final int SEARCH = 64 << 10;
    private static final int FLAG_INLINE = 2;
    /** Longer than any toolchain string ({@code devel go1.22-abcdef Tue Jan 2 ... X:...} is under 100 bytes). */
    private static final int MAX_VERSION = 4096;
    /** Module info is framed by 16-byte sentinels, the last preceded by a newline. */
    private static final int SENTINEL = 16;

    private GoBuildInfoBlob() {
    }

    /**
     * @return empty when the file holds no build info (not a Go executable)
     * @throws BinaryFormatException when the blob is there but leads to data the file does not hold
     */
    static Optional<Raw> find(ElfFile elf, int maxModInfo) throws IOException, BinaryFormatException {
        long at = locate(elf);
        if (at < 0) {
            return Optional.empty();
        }
        byte[] header = elf.read(at, HEADER);
        int ptrSize = header[14];
        int flags = header[15];
        if ((flags & FLAG_INLINE) != 0) {
            Cursor c = new Cursor(elf, at + HEADER);
            String version = c.string(MAX_VERSION, "toolchain version");
            byte[] mod = c.bytes(maxModInfo, "module info");
            return Optional.of(new Raw(requireVersion(version), modinfo(mod), true));
        }
        if (ptrSize != 4 && ptrSize != 8) {
            throw new BinaryFormatException("Go build info with pointer size " + ptrSize);
        }
        ByteOrder order = flags == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        long versionAt = pointer(ByteBuffer.wrap(header).order(order), 16, ptrSize);
        long modAt = pointer(ByteBuffer.wrap(header).order(order), 16 + ptrSize, ptrSize);
        String version = new String(goString(elf, versionAt, ptrSize, order, MAX_VERSION, "toolchain version"),
                StandardCharsets.UTF_8);
        byte[] mod = goString(elf, modAt, ptrSize, order, maxModInfo, "module info");
        return Optional.of(new Raw(requireVersion(version), modinfo(mod), false));
    }

    /** The file offset of the blob's header, or -1. */
    private static long locate(ElfFile elf) throws IOException, BinaryFormatException {
        Optional<ElfSection> section = elf.section(".go.buildinfo").filter(ElfSection::hasFileData);
        long start;
        long available;
        if (section.isPresent()) {
            start = section.get().offset();
            available = elf.size() - start;
        } else {
            Optional<ElfSegment> data = elf.firstWritableData().filter(s -> s.offset() >= 0 && s.fileSize() > 0);
            if (data.isEmpty()) {
                return -1;
            }
            start = data.get().offset();
            available = Math.min(data.get().fileSize(), elf.size() - start);
        }
        if (start < 0 || start >= elf.size() || available < HEADER) {
            return -1; // a cut file: the data the headers promise is not there
        }
        byte[] window = elf.read(start, (int) Math.min(SEARCH, available));
        for (int i = 0; i + HEADER <= window.length; i += ALIGN) {
            if (Arrays.equals(window, i, i + MAGIC.length, MAGIC, 0, MAGIC.length)) {
                return start + i;
            }
        }
        return -1;
    }

    private static String requireVersion(String version) throws BinaryFormatException {
        if (version.isEmpty()) {
            throw new BinaryFormatException("Go build info without a toolchain version");
        }
        return version;
    }

    /** Drops the sentinels; text without them is not module info (Go's reader ignores it too). */
    private static String modinfo(byte[] mod) {
        int n = mod.length;
        if (n < 2 * SENTINEL + 1 || mod[n - SENTINEL - 1] != '\n') {
            return "";
        }
        return new String(mod, SENTINEL, n - 2 * SENTINEL, StandardCharsets.UTF_8);
    }

    private static long pointer(ByteBuffer b, int at, int size) {
        return size == 8 ? b.getLong(at) : Integer.toUnsignedLong(b.getInt(at));
    }

    /** A Go string (data pointer, length) at a virtual address, and the bytes it points to. */
    private static byte[] goString(ElfFile elf, long addr, int ptrSize, ByteOrder order, int max, String what)
            throws IOException, BinaryFormatException {
        ByteBuffer hdr = ByteBuffer.wrap(elf.readVirtual(addr, 2 * ptrSize)).order(order);
        long data = pointer(hdr, 0, ptrSize);
        long len = pointer(hdr, ptrSize, ptrSize);
        if (len == 0) {
            return new byte[0]; // binaries built before Go 1.12, or without modules, have no module info
        }
        if (len < 0 || len > max) {
            throw new BinaryFormatException("Go " + what + " claims " + Long.toUnsignedString(len)
                    + " bytes, more than the limit of " + max);
        }
        return elf.readVirtual(data, (int) len);
    }

    /** Reads the varint-prefixed strings of the inline format from the file, one after the other. */
    private static final class Cursor {
        private final ElfFile elf;
        private long at;

        Cursor(ElfFile elf, long at) {
            this.elf = elf;
            this.at = at;
        }

        String string(int max, String what) throws IOException, BinaryFormatException {
            return new String(bytes(max, what), StandardCharsets.UTF_8);
        }

        byte[] bytes(int max, String what) throws IOException, BinaryFormatException {
            byte[] prefix = elf.readAtMost(at, 10);
            long len = 0;
            int shift = 0;
            int i = 0;
            while (true) {
                if (i >= prefix.length || shift > 63) {
                    throw new BinaryFormatException("Go build info: bad length of the " + what);
                }
                int b = prefix[i++] & 0xff;
                len |= (long) (b & 0x7f) << shift;
                if (b < 0x80) {
                    break;
                }
                shift += 7;
            }
            if (len < 0 || len > max) {
                throw new BinaryFormatException("Go " + what + " claims " + Long.toUnsignedString(len)
                        + " bytes, more than the limit of " + max);
            }
            byte[] out = elf.read(at + i, (int) len);
            at += i + len;
            return out;
        }
    }
}
