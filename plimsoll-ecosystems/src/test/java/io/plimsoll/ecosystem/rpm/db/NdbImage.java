package io.plimsoll.ecosystem.rpm.db;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Adler32;

/** Writes NDB {@code Packages.db} images the way rpm's rpmpkg.c lays them out, for tests. */
public final class NdbImage {
  static final int PAGE_SIZE = 4096;

  private final List<Integer> packageIndexes = new ArrayList<>();
  private final List<byte[]> blobs = new ArrayList<>();
  private final List<Integer> slotOffsets = new ArrayList<>();
  private final List<Integer> blobOffsets = new ArrayList<>();

  public NdbImage add(int packageIndex, byte[] blob) {
    packageIndexes.add(packageIndex);
    blobs.add(blob);
    return this;
  }

  /** Byte offset of the i-th added package's slot (valid after {@link #build()}). */
  public int slotOffset(int i) {
    return slotOffsets.get(i);
  }

  /** Byte offset of the i-th added package's blob head (valid after {@link #build()}). */
  public int blobOffset(int i) {
    return blobOffsets.get(i);
  }

  public byte[] build() {
    int slotCount = 2 + blobs.size() + 3; // header takes two slots; leave a few free ones
    int slotPages = (slotCount * 16 + PAGE_SIZE - 1) / PAGE_SIZE;
    int size = slotPages * PAGE_SIZE;
    for (byte[] blob : blobs) {
      size += blocks(blob) * 16;
    }
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.put(0, "RpmP".getBytes()).putInt(4, 0).putInt(8, 1).putInt(12, slotPages).putInt(16, blobs.size() + 1);
    for (int pos = 32; pos < slotPages * PAGE_SIZE; pos += 16) {
      out.put(pos, "Slot".getBytes());
    }
    int blockOffset = slotPages * PAGE_SIZE / 16;
    slotOffsets.clear();
    blobOffsets.clear();
    for (int i = 0; i < blobs.size(); i++) {
      byte[] blob = blobs.get(i);
      int blocks = blocks(blob);
      int slot = 32 + 16 * (i + 1); // leave the first slot free, as deletes do
      out.putInt(slot + 4, packageIndexes.get(i)).putInt(slot + 8, blockOffset).putInt(slot + 12, blocks);
      int start = blockOffset * 16;
      out.put(start, "BlbS".getBytes()).putInt(start + 4, packageIndexes.get(i)).putInt(start + 8, 1700000000)
          .putInt(start + 12, blob.length).put(start + 16, blob);
      int tail = start + blocks * 16 - 12;
      Adler32 adler = new Adler32();
      adler.update(out.array(), start, tail - start);
      out.putInt(tail, (int) adler.getValue()).putInt(tail + 4, blob.length).put(tail + 8, "BlbE".getBytes());
      slotOffsets.add(slot);
      blobOffsets.add(start);
      blockOffset += blocks;
    }
    return out.array();
  }

  private static int blocks(byte[] blob) {
    return (16 + blob.length + 12 + 15) / 16;
  }
}
