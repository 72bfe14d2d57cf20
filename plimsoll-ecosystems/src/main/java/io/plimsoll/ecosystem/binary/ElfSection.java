package io.plimsoll.ecosystem.binary;

/** One section header, with its name resolved; offsets and sizes that do not fit in a signed long are -1. */
public record ElfSection(String name, int type, long flags, long addr, long offset, long size) {

    /** Occupies no bytes in the file ({@code .bss}). */
    public static final int SHT_NOBITS = 8;

    public boolean hasFileData() {
        return type != SHT_NOBITS && size > 0 && offset >= 0;
    }
}
