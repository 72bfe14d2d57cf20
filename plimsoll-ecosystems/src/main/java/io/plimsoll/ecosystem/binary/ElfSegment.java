package io.plimsoll.ecosystem.binary;

/**
 * One program header: a range of the file the loader maps at a virtual address. Sizes are as the header states them
 * (checked against the file only when read); an offset or size that does not fit in a signed long is stored as -1.
 */
public record ElfSegment(int type, int flags, long offset, long vaddr, long fileSize, long memSize) {

    public static final int PT_LOAD = 1;
    public static final int PF_X = 1;
    public static final int PF_W = 2;

    public boolean isLoad() {
        return type == PT_LOAD;
    }

    /** Writable and not executable: where Go's linker puts its data, build info first. */
    public boolean isWritableData() {
        return isLoad() && (flags & (PF_X | PF_W)) == PF_W;
    }

    /** Whether {@code addr} falls inside the part of this segment that the file holds. */
    public boolean mapsAddress(long addr) {
        return fileSize > 0 && Long.compareUnsigned(addr - vaddr, fileSize) < 0 && Long.compareUnsigned(addr, vaddr) >= 0;
    }
}
