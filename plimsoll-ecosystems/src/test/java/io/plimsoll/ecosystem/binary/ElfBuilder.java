package io.plimsoll.ecosystem.binary;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small ELF files for tests: a header, program headers, the sections' data one after the other, the section
 * name table and, last (as linkers put them), the section headers. Each PT_LOAD segment covers one named section.
 */
public final class ElfBuilder {

    private record Section(String name, int type, long flags, long addr, byte[] data) {
    }

    private record Segment(String section, int flags) {
    }

    private final boolean is64;
    private final ByteOrder order;
    private final List<Section> sections = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    private final Map<String, Long> offsets = new HashMap<>();
    private boolean sectionHeaders = true;

    private ElfBuilder(boolean is64, ByteOrder order) {
        this.is64 = is64;
        this.order = order;
    }

    public static ElfBuilder elf64(ByteOrder order) {
        return new ElfBuilder(true, order);
    }

    public static ElfBuilder elf32(ByteOrder order) {
        return new ElfBuilder(false, order);
    }

    /** A PROGBITS section loaded at {@code addr} (0 for none). */
    public ElfBuilder section(String name, long addr, byte[] data) {
        sections.add(new Section(name, 1, addr == 0 ? 0 : 2, addr, data));
        return this;
    }

    /** A PT_LOAD segment covering the named section, with flags PF_X=1, PF_W=2, PF_R=4. */
    public ElfBuilder load(String section, int flags) {
        segments.add(new Segment(section, flags));
        return this;
    }

    /** Leaves out the section headers (e_shoff 0), as {@code strip} tools that drop them do. */
    public ElfBuilder withoutSectionHeaders() {
        sectionHeaders = false;
        return this;
    }

    /** Where the named section's data starts in the last built file. */
    public long offset(String section) {
        return offsets.get(section);
    }

    public byte[] build() {
        int ehsize = is64 ? 64 : 52;
        int phentsize = is64 ? 56 : 32;
        int shentsize = is64 ? 64 : 40;
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        names.write(0);
        List<Integer> nameAt = new ArrayList<>();
        List<Section> all = new ArrayList<>(sections);
        all.add(new Section(".shstrtab", 3, 0, 0, new byte[0]));
        for (Section s : all) {
            nameAt.add(names.size());
            names.writeBytes(s.name.getBytes(StandardCharsets.ISO_8859_1));
            names.write(0);
        }
        byte[] strtab = names.toByteArray();

        long pos = align(ehsize + (long) phentsize * segments.size());
        offsets.clear();
        for (Section s : sections) {
            offsets.put(s.name, pos);
            pos = align(pos + s.data.length);
        }
        long strtabAt = pos;
        pos = align(pos + strtab.length);
        long shoff = sectionHeaders ? pos : 0;
        long total = sectionHeaders ? pos + (long) shentsize * (all.size() + 1) : strtabAt + strtab.length;

        ByteBuffer b = ByteBuffer.allocate((int) total).order(order);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2),
            1});
        b.position(16);
        b.putShort((short) 2).putShort((short) 62).putInt(1);
        if (is64) {
            b.putLong(0).putLong(ehsize).putLong(shoff);
        } else {
            b.putInt(0).putInt(ehsize).putInt((int) shoff);
        }
        b.putInt(0).putShort((short) ehsize).putShort((short) phentsize).putShort((short) segments.size())
                .putShort((short) shentsize).putShort((short) (sectionHeaders ? all.size() + 1 : 0))
                .putShort((short) (sectionHeaders ? all.size() : 0));

        int ph = ehsize;
        for (Segment seg : segments) {
            Section s = sections.stream().filter(x -> x.name.equals(seg.section)).findFirst().orElseThrow();
            long off = offsets.get(s.name);
            b.position(ph);
            if (is64) {
                b.putInt(1).putInt(seg.flags).putLong(off).putLong(s.addr).putLong(s.addr)
                        .putLong(s.data.length).putLong(s.data.length).putLong(0x1000);
            } else {
                b.putInt(1).putInt((int) off).putInt((int) s.addr).putInt((int) s.addr).putInt(s.data.length)
                        .putInt(s.data.length).putInt(seg.flags).putInt(0x1000);
            }
            ph += phentsize;
        }
        for (Section s : sections) {
            b.position(offsets.get(s.name).intValue());
            b.put(s.data);
        }
        b.position((int) strtabAt);
        b.put(strtab);
        if (sectionHeaders) {
            int sh = (int) shoff + shentsize; // entry 0 stays zero
            for (int i = 0; i < all.size(); i++) {
                Section s = all.get(i);
                long off = i < sections.size() ? offsets.get(s.name) : strtabAt;
                long size = i < sections.size() ? s.data.length : strtab.length;
                b.position(sh);
                if (is64) {
                    b.putInt(nameAt.get(i)).putInt(s.type).putLong(s.flags).putLong(s.addr).putLong(off).putLong(size)
                            .putInt(0).putInt(0).putLong(16).putLong(0);
                } else {
                    b.putInt(nameAt.get(i)).putInt(s.type).putInt((int) s.flags).putInt((int) s.addr).putInt((int) off)
                            .putInt((int) size).putInt(0).putInt(0).putInt(16).putInt(0);
                }
                sh += shentsize;
            }
        }
        return b.array();
    }

    private static long align(long v) {
        return (v + 15) & ~15L;
    }
}
