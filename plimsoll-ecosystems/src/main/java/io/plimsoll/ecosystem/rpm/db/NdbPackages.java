package io.plimsoll.ecosystem.rpm.db;

import io.plimsoll.ecosystem.rpm.RpmDatabaseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.Adler32;

/**
 * Reads rpm's NDB package database ({@code Packages.db}, used by SUSE: SLE 15 BCI images, openSUSE).
 *
 * <p>Layout (all little-endian): a 32-byte file header ({@code "RpmP"}, version 0, generation, number of slot
 * pages, next package index); then slot pages of 4096 bytes holding 16-byte slots ({@code "Slot"}, package index,
 * block offset, block count; block offset 0 marks a free slot); then blobs addressed in 16-byte blocks, each framed
 * as {@code "BlbS"}, package index, timestamp, length, the header blob, zero padding, and a tail of adler32, length,
 * {@code "BlbE"}.
 */
public final class NdbPackages {
  private static final int FILE_MAGIC = 'R' | 'p' << 8 | 'm' << 16 | 'P' << 24;
  private static final int SLOT_MAGIC = 'S' | 'l' << 8 | 'o' << 16 | 't' << 24;
  private static final int BLOB_HEAD_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'S' << 24;
  private static final int BLOB_TAIL_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'E' << 24;
  private static final int SUPPORTED_VERSION = 0;
  private static final int FILE_HEADER_SIZE = 32;
  private static final int PAGE_SIZE = 4096;
  private static final int SLOT_SIZE = 16;
  private static final int BLOCK_SIZE = 16;
  private static final int BLOB_HEAD_SIZE = 16;
  private static final int BLOB_TAIL_SIZE = 12;

  private NdbPackages() {}

  private record Slot(int slotNumber, long packageIndex, long blockOffset, long blockCount) {}

  /**
   * Returns the header blob of every intact slot, in file order (the order {@code rpm -qa} uses). Blobs are slices of
   * {@code db}, not copies.
   */
  public static List<HeaderBlob> read(String fileName, byte[] db, Consumer<String> warnings)
      throws RpmDatabaseException {
    if (db.length < FILE_HEADER_SIZE) {
      throw new RpmDatabaseException(fileName, "NDB file of " + db.length + " bytes is shorter than its header");
    }
    if (le32(db, 0) != FILE_MAGIC) {
      throw new RpmDatabaseException(fileName, "not an NDB package database (no \"RpmP\" magic)");
    }
    long version = u32(db, 4);
    if (version != SUPPORTED_VERSION) {
      throw new RpmDatabaseException(fileName, "unsupported NDB version " + version);
    }
    long slotPages = u32(db, 12);
    if (slotPages == 0 || slotPages * PAGE_SIZE > db.length) {
      throw new RpmDatabaseException(
          fileName,
          "NDB header announces " + slotPages + " slot pages but the file has " + db.length + " bytes (truncated?)");
    }
    if (db.length % BLOCK_SIZE != 0) {
      warnings.accept("NDB file length " + db.length + " is not a multiple of " + BLOCK_SIZE + " (truncated?)");
    }
    List<Slot> slots = readSlots(db, (int) slotPages, warnings);
    List<HeaderBlob> blobs = new ArrayList<>(slots.size());
    for (Slot slot : slots) {
      HeaderBlob blob = readBlob(db, slot, warnings);
      if (blob != null) {
        blobs.add(blob);
      }
    }
    return blobs;
  }

  private static List<Slot> readSlots(byte[] db, int slotPages, Consumer<String> warnings) {
    long fileBlocks = db.length / BLOCK_SIZE;
    long firstDataBlock = (long) slotPages * (PAGE_SIZE / BLOCK_SIZE);
    int end = slotPages * PAGE_SIZE;
    int badMagic = 0;
    List<Slot> slots = new ArrayList<>();
    for (int pos = FILE_HEADER_SIZE; pos < end; pos += SLOT_SIZE) {
      int slotNumber = pos / SLOT_SIZE;
      if (le32(db, pos) != SLOT_MAGIC) {
        badMagic++;
        continue;
      }
      long blockOffset = u32(db, pos + 8);
      if (blockOffset == 0) {
        continue; // free slot
      }
      Slot slot = new Slot(slotNumber, u32(db, pos + 4), blockOffset, u32(db, pos + 12));
      if (slot.packageIndex == 0 || slot.blockCount == 0 || slot.blockOffset < firstDataBlock) {
        warnings.accept(describe(slot) + " is invalid (package index, block offset or block count out of range)");
      } else if (slot.blockOffset + slot.blockCount > fileBlocks) {
        warnings.accept(describe(slot) + " points past the end of the file (truncated?)");
      } else {
        slots.add(slot);
      }
    }
    if (badMagic > 0) {
      warnings.accept(badMagic + " NDB slot(s) without \"Slot\" magic were skipped");
    }
    return withoutOverlaps(slots, warnings);
  }

  /**
   * Sorts by position and drops slots that are duplicates or overlap an earlier blob. Intact databases have
   * neither; a crafted one could otherwise point thousands of slots at one large blob and multiply the work.
   */
  private static List<Slot> withoutOverlaps(List<Slot> slots, Consumer<String> warnings) {
    slots.sort(Comparator.comparingLong(Slot::blockOffset));
    List<Slot> kept = new ArrayList<>(slots.size());
    Set<Long> packageIndexes = new HashSet<>();
    long nextFree = 0;
    for (Slot slot : slots) {
      if (slot.blockOffset < nextFree) {
        warnings.accept(describe(slot) + " overlaps the previous blob and was skipped");
      } else if (!packageIndexes.add(slot.packageIndex)) {
        warnings.accept(describe(slot) + " repeats a package index and was skipped");
      } else {
        kept.add(slot);
        nextFree = slot.blockOffset + slot.blockCount;
      }
    }
    return kept;
  }

  private static HeaderBlob readBlob(byte[] db, Slot slot, Consumer<String> warnings) {
    // The slot checks guarantee that the whole block range lies inside db and fits an int.
    int start = (int) (slot.blockOffset * BLOCK_SIZE);
    int size = (int) (slot.blockCount * BLOCK_SIZE);
    if (size < BLOB_HEAD_SIZE + BLOB_TAIL_SIZE) {
      warnings.accept(describe(slot) + " is too small for a blob");
      return null;
    }
    if (le32(db, start) != BLOB_HEAD_MAGIC || u32(db, start + 4) != slot.packageIndex) {
      warnings.accept(describe(slot) + " does not point at the start of its blob");
      return null;
    }
    long length = u32(db, start + 12);
    long expectedBlocks = (BLOB_HEAD_SIZE + length + BLOB_TAIL_SIZE + BLOCK_SIZE - 1) / BLOCK_SIZE;
    if (expectedBlocks != slot.blockCount) {
      warnings.accept(describe(slot) + " blob length " + length + " does not match its " + slot.blockCount + " blocks");
      return null;
    }
    int tail = start + size - BLOB_TAIL_SIZE;
    if (le32(db, tail + 8) != BLOB_TAIL_MAGIC || u32(db, tail + 4) != length) {
      warnings.accept(describe(slot) + " blob has a damaged tail");
      return null;
    }
    // rpm itself does not check the checksum when reading, so a mismatch only earns a warning: the header may
    // still decode, and rpm would list the package too.
    Adler32 adler = new Adler32();
    adler.update(db, start, size - BLOB_TAIL_SIZE);
    if (adler.getValue() != u32(db, tail)) {
      warnings.accept(describe(slot) + " blob fails its adler32 checksum");
    }
    return new HeaderBlob(slot.packageIndex, db, start + BLOB_HEAD_SIZE, (int) length);
  }

  private static String describe(Slot slot) {
    return "NDB slot " + slot.slotNumber + " (package index " + slot.packageIndex + ")";
  }

  private static int le32(byte[] b, int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
  }

  private static long u32(byte[] b, int p) {
    return le32(b, p) & 0xffffffffL;
  }
}
