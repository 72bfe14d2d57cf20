package io.plimsoll.ecosystem.binary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of an ELF file (32 or 64-bit, either byte order) that locate embedded metadata: program headers (to turn
 * virtual addresses into file offsets) and section headers with their names.
 *
 * <p>Nothing in the headers is trusted. A header table that lies beyond the end of the file, as in a truncated copy,
 * is left out and described in {@link #problems()} rather than failing the whole file: a stripped or cut binary may
 * still hold what a reader needs in its segments. Reads of data check their range first and fail with a
 * {@link BinaryFormatException}, never with an exception from an array or an allocation the file asked for.
 */
public final class ElfFile {

    /** Bytes that identify an ELF file. */
    public static final int MAGIC_LENGTH = 4;

    private static final int IDENT = 16;
    private static final int PN_XNUM = 0xffff;
    private static final int SHN_XINDEX = 0xffff;
    /** More sections than any linked executable has; extended numbering could otherwise claim millions. */
    private static final int MAX_SECTIONS = 1 << 16;
    private static final int MAX_SECTION_NAMES = 1 << 20;
    private static final int MAX_NAME = 256;

    private final ByteSource source;
    private final boolean is64;
    private final ByteOrder order;
    private final int machine;
    private final List<ElfSegment> segments;
    private final List<ElfSection> sections;
    private final List<String> problems;

    private ElfFile(ByteSource source, boolean is64, ByteOrder order, int machine, List<ElfSegment> segments,
                    List<ElfSection> sections, List<String> problems) {
        this.source = source;
        this.is64 = is64;
        this.order = order;
        this.machine = machine;
        this.segments = List.copyOf(segments);
        this.sections = List.copyOf(sections);
        this.problems = List.copyOf(problems);
    }

    /** Whether these first bytes of a file are ELF's magic number. */
    public static boolean hasMagic(byte[] head) {
        return head.length >= MAGIC_LENGTH && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    }

    /**
     * Reads the headers of an ELF file.
     *
     * @throws BinaryFormatException when it is not ELF, or too short or too strange to have usable headers at all
     */
    public static ElfFile read(ByteSource source) throws IOException, BinaryFormatException {
        byte[] ident = readExact(source, 0, IDENT, "ELF identification");
        if (!hasMagic(ident)) {
            throw new BinaryFormatException("not an ELF file");
        }
        boolean is64;
        switch (ident[4]) {
            case 1 -> is64 = false;
            case 2 -> is64 = true;
            default -> throw new BinaryFormatException("unknown ELF class " + ident[4]);
        }
        ByteOrder order;
        switch (ident[5]) {
            case 1 -> order = ByteOrder.LITTLE_ENDIAN;
            case 2 -> order = ByteOrder.BIG_ENDIAN;
            default -> throw new BinaryFormatException("unknown ELF byte order " + ident[5]);
        }
        ByteBuffer h = ByteBuffer.wrap(readExact(source, 0, is64 ? 64 : 52, "ELF header")).order(order);
        Header header = is64
                ? new Header(h.getLong(32), u16(h, 54), u16(h, 56), h.getLong(40), u16(h, 58), u16(h, 60), u16(h, 62))
                : new Header(u32(h, 28), u16(h, 42), u16(h, 44), u32(h, 32), u16(h, 46), u16(h, 48), u16(h, 50));
        Reader reader = new Reader(source, is64, order);
        return reader.read(header, u16(h, 18));
    }

    /** The header fields that locate the two tables. */
    private record Header(long phoff, int phentsize, int phnum, long shoff, int shentsize, int shnum, int shstrndx) {
    }

    /** Reads the tables of one file; keeps what it had to leave out in {@code problems}. */
    private static final class Reader {
        private final ByteSource source;
        private final boolean is64;
        private final ByteOrder order;
        private final List<String> problems = new ArrayList<>();

        Reader(ByteSource source, boolean is64, ByteOrder order) {
            this.source = source;
            this.is64 = is64;
            this.order = order;
        }

        ElfFile read(Header hd, int machine) throws IOException {
            long size = source.size();
            int shentMin = is64 ? 64 : 40;
            // section 0 carries the real counts when they overflow the header's 16-bit fields
            ByteBuffer zero = null;
            if (hd.shoff != 0 && fits(hd.shoff, 1, hd.shentsize, shentMin, size)) {
                zero = entry(hd.shoff, shentMin);
            }
            long shnum = hd.shnum;
            int shstrndx = hd.shstrndx;
            int phnum = hd.phnum;
            if (zero != null) {
                if (shnum == 0) {
                    shnum = is64 ? zero.getLong(32) : u32(zero, 20);
                }
                if (shstrndx == SHN_XINDEX) {
                    shstrndx = (int) Math.min(u32(zero, is64 ? 40 : 24), Integer.MAX_VALUE);
                }
                if (phnum == PN_XNUM) {
                    phnum = (int) Math.min(u32(zero, is64 ? 44 : 28), Integer.MAX_VALUE);
                }
            }
            List<ElfSegment> segments = segments(hd.phoff, hd.phentsize, phnum, size);
            List<ElfSection> sections = hd.shoff == 0 ? List.of() : sections(hd.shoff, hd.shentsize, shnum, shstrndx,
                    size);
            long outside = segments.stream().filter(p -> p.isLoad() && !inFile(p.offset(), p.fileSize(), size)).count()
                    + sections.stream().filter(s -> s.type() != ElfSection.SHT_NOBITS && !inFile(s.offset(), s.size(), size))
                    .count();
            if (outside > 0) {
                problems.add(outside + " segments or sections extend past the end of the file (" + size
                        + " bytes; truncated?)");
            }
            return new ElfFile(source, is64, order, machine, segments, sections, problems);
        }

        private List<ElfSegment> segments(long phoff, int entsize, int count, long size) throws IOException {
            int min = is64 ? 56 : 32;
            if (count == 0 || phoff == 0) {
                return List.of();
            }
            if (!fits(phoff, count, entsize, min, size)) {
                problems.add(count + " program headers at offset " + phoff + " do not fit in the file (" + size
                        + " bytes; truncated?)");
                return List.of();
            }
            List<ElfSegment> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ByteBuffer b = entry(phoff + (long) i * entsize, min);
                out.add(is64
                        ? new ElfSegment(b.getInt(0), b.getInt(4), nonNegative(b.getLong(8)), b.getLong(16),
                                nonNegative(b.getLong(32)), nonNegative(b.getLong(40)))
                        : new ElfSegment(b.getInt(0), b.getInt(24), u32(b, 4), u32(b, 8), u32(b, 16), u32(b, 20)));
            }
            return out;
        }

        private List<ElfSection> sections(long shoff, int entsize, long count, int shstrndx, long size)
                throws IOException {
            int min = is64 ? 64 : 40;
            if (count <= 0) {
                return List.of();
            }
            if (!fits(shoff, count, entsize, min, size)) {
                problems.add(count + " section headers at offset " + shoff + " do not fit in the file (" + size
                        + " bytes; truncated or stripped?)");
                return List.of();
            }
            if (count > MAX_SECTIONS) {
                problems.add(count + " sections; only the first " + MAX_SECTIONS + " were read");
                count = MAX_SECTIONS;
            }
            int n = (int) count;
            List<ByteBuffer> raw = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                raw.add(entry(shoff + (long) i * entsize, min));
            }
            byte[] names = shstrndx > 0 && shstrndx < n ? names(raw.get(shstrndx)) : new byte[0];
            if (names.length == 0) {
                problems.add("section names are missing");
            }
            List<ElfSection> out = new ArrayList<>(n);
            for (ByteBuffer b : raw) {
                String name = name(names, u32(b, 0));
                out.add(is64
                        ? new ElfSection(name, b.getInt(4), b.getLong(8), b.getLong(16), nonNegative(b.getLong(24)),
                                nonNegative(b.getLong(32)))
                        : new ElfSection(name, b.getInt(4), u32(b, 8), u32(b, 12), u32(b, 16), u32(b, 20)));
            }
            return out;
        }

        /** The section-name string table, capped: names are short, a huge table is a broken file. */
        private byte[] names(ByteBuffer strtab) throws IOException {
            long off = nonNegative(is64 ? strtab.getLong(24) : u32(strtab, 16));
            long len = nonNegative(is64 ? strtab.getLong(32) : u32(strtab, 20));
            if (off < 0 || len <= 0 || off >= source.size()) {
                return new byte[0];
            }
            int n = (int) Math.min(Math.min(len, MAX_SECTION_NAMES), source.size() - off);
            byte[] b = new byte[n];
            int got = source.read(off, b, 0, n);
            return got == n ? b : java.util.Arrays.copyOf(b, got);
        }

        private ByteBuffer entry(long offset, int len) throws IOException {
            byte[] b = new byte[len];
            if (source.read(offset, b, 0, len) != len) {
                throw new IOException("short read at " + offset); // cannot happen: fits() checked the range
            }
            return ByteBuffer.wrap(b).order(order);
        }
    }

    /** Whether {@code count} entries of {@code entsize} bytes at {@code off} lie inside a file of {@code size}. */
    private static boolean fits(long off, long count, int entsize, int minEntsize, long size) {
        return off > 0 && off < size && entsize >= minEntsize && count >= 0 && count <= (size - off) / entsize;
    }

    private static boolean inFile(long offset, long len, long size) {
        return offset >= 0 && len >= 0 && offset <= size && len <= size - offset;
    }

    private static String name(byte[] names, long at) {
        if (at < 0 || at >= names.length) {
            return "";
        }
        int start = (int) at;
        int end = start;
        while (end < names.length && names[end] != 0 && end - start < MAX_NAME) {
            end++;
        }
        return new String(names, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private static int u16(ByteBuffer b, int at) {
        return Short.toUnsignedInt(b.getShort(at));
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }

    /** Offsets and sizes beyond 2^63 cannot be in any file; -1 marks them as unusable. */
    private static long nonNegative(long v) {
        return v < 0 ? -1 : v;
    }

    private static byte[] readExact(ByteSource source, long offset, int len, String what)
            throws IOException, BinaryFormatException {
        byte[] b = new byte[len];
        if (source.read(offset, b, 0, len) != len) {
            throw new BinaryFormatException("file too short for the " + what + " (" + source.size() + " bytes)");
        }
        return b;
    }

    public boolean is64() {
        return is64;
    }

    public ByteOrder order() {
        return order;
    }

    /** {@code e_machine}: 62 is x86-64, 183 AArch64, 3 i386, 40 ARM. */
    public int machine() {
        return machine;
    }

    public long size() {
        return source.size();
    }

    public List<ElfSegment> segments() {
        return segments;
    }

    public List<ElfSection> sections() {
        return sections;
    }

    /** Header tables that had to be left out, and why; empty for a sound file. */
    public List<String> problems() {
        return problems;
    }

    /** The first section of that name. */
    public Optional<ElfSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The first loadable segment that is writable but not executable, where data lives. */
    public Optional<ElfSegment> firstWritableData() {
        return segments.stream().filter(ElfSegment::isWritableData).findFirst();
    }

    /** Exactly {@code len} bytes at a file offset. */
    public byte[] read(long offset, int len) throws IOException, BinaryFormatException {
        if (offset < 0 || len < 0 || offset > size() || len > size() - offset) {
            throw new BinaryFormatException(len + " bytes at offset " + offset + " lie beyond the end of the file ("
                    + size() + " bytes)");
        }
        byte[] b = new byte[len];
        if (source.read(offset, b, 0, len) != len) {
            throw new BinaryFormatException("short read of " + len + " bytes at offset " + offset);
        }
        return b;
    }

    /** Up to {@code max} bytes at a file offset, fewer when the file ends first. */
    public byte[] readAtMost(long offset, int max) throws IOException, BinaryFormatException {
        if (offset < 0 || offset > size()) {
            throw new BinaryFormatException("offset " + offset + " lies beyond the end of the file (" + size()
                    + " bytes)");
        }
        return read(offset, (int) Math.min(max, size() - offset));
    }

    /**
     * A section's bytes.
     *
     * @param max the most the caller is willing to hold: a bigger section is refused, not truncated
     */
    public byte[] sectionData(ElfSection s, int max) throws IOException, BinaryFormatException {
        if (!s.hasFileData()) {
            throw new BinaryFormatException("section " + s.name() + " has no data in the file");
        }
        if (s.size() > max) {
            throw new BinaryFormatException("section " + s.name() + " is " + s.size() + " bytes, more than the limit of "
                    + max);
        }
        return read(s.offset(), (int) s.size());
    }

    /**
     * The {@code len} bytes the loader would place at virtual address {@code addr}: found through the loadable
     * segments, or, in a file without program headers, through the sections' addresses.
     */
    public byte[] readVirtual(long addr, int len) throws IOException, BinaryFormatException {
        for (ElfSegment p : segments) {
            if (p.isLoad() && p.offset() >= 0 && p.mapsAddress(addr)) {
                long into = addr - p.vaddr();
                if (len > p.fileSize() - into) {
                    throw new BinaryFormatException(len + " bytes at address 0x" + Long.toHexString(addr)
                            + " run past the end of their segment");
                }
                return read(p.offset() + into, len);
            }
        }
        for (ElfSection s : sections) {
            if (s.hasFileData() && s.addr() != 0 && Long.compareUnsigned(addr, s.addr()) >= 0
                    && Long.compareUnsigned(addr - s.addr(), s.size()) < 0) {
                long into = addr - s.addr();
                if (len > s.size() - into) {
                    throw new BinaryFormatException(len + " bytes at address 0x" + Long.toHexString(addr)
                            + " run past the end of section " + s.name());
                }
                return read(s.offset() + into, len);
            }
        }
        throw new BinaryFormatException("address 0x" + Long.toHexString(addr) + " is not in the file");
    }
}
