package io.plimsoll.ecosystem.rpm.db;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Berkeley DB hash {@code Packages} images for tests: a meta page, one hash page per bucket (records spread
 * round-robin) and overflow chains for the values, in either byte order. Values can also be stored on-page.
 */
final class BdbImage {
  private record Record(int key, byte[] value, boolean onPage) {}

  private final int pageSize;
  private final ByteOrder order;
  private final int buckets;
  private final List<Record> records = new ArrayList<>();
  private final List<List<Integer>> overflowPages = new ArrayList<>();

  BdbImage(int pageSize, ByteOrder order, int buckets) {
    this.pageSize = pageSize;
    this.order = order;
    this.buckets = buckets;
  }

  BdbImage add(int key, byte[] value) {
    records.add(new Record(key, value, false));
    return this;
  }

  BdbImage addOnPage(int key, byte[] value) {
    records.add(new Record(key, value, true));
    return this;
  }

  /** Page number of bucket b's hash page. */
  int bucketPage(int bucket) {
    return 1 + bucket;
  }

  /** Overflow pages of the i-th added record, in chain order (valid after {@link #build()}). */
  List<Integer> overflowPages(int i) {
    return overflowPages.get(i);
  }

  int pageSize() {
    return pageSize;
  }

  ByteOrder order() {
    return order;
  }

  byte[] build() {
    int chunk = pageSize - 26;
    int pages = 1 + buckets;
    overflowPages.clear();
    for (Record r : records) {
      List<Integer> chain = new ArrayList<>();
      if (!r.onPage) {
        for (int done = 0; done < r.value.length; done += chunk) {
          chain.add(pages++);
        }
      }
      overflowPages.add(chain);
    }
    ByteBuffer out = ByteBuffer.allocate(pages * pageSize).order(order);
    writeMeta(out, pages - 1);
    int[] itemCount = new int[buckets];
    int[] lowestItem = new int[buckets];
    for (int b = 0; b < buckets; b++) {
      int base = bucketPage(b) * pageSize;
      out.putInt(base + 8, bucketPage(b));
      out.put(base + 25, (byte) 13);
      lowestItem[b] = pageSize;
    }
    for (int i = 0; i < records.size(); i++) {
      Record r = records.get(i);
      int b = i % buckets;
      int base = bucketPage(b) * pageSize;
      byte[] key = ByteBuffer.allocate(4).order(order).putInt(r.key).array();
      int keyOffset = lowestItem[b] - (1 + key.length);
      out.put(base + keyOffset, (byte) 1).put(base + keyOffset + 1, key);
      int valueOffset;
      if (r.onPage) {
        valueOffset = keyOffset - (1 + r.value.length);
        out.put(base + valueOffset, (byte) 1).put(base + valueOffset + 1, r.value);
      } else {
        valueOffset = keyOffset - 12;
        out.put(base + valueOffset, (byte) 3).putInt(base + valueOffset + 4, overflowPages.get(i).get(0))
            .putInt(base + valueOffset + 8, r.value.length);
        writeOverflow(out, r.value, overflowPages.get(i));
      }
      out.putShort(base + 26 + 2 * itemCount[b], (short) keyOffset);
      out.putShort(base + 26 + 2 * itemCount[b] + 2, (short) valueOffset);
      itemCount[b] += 2;
      lowestItem[b] = valueOffset;
      out.putShort(base + 20, (short) itemCount[b]);
      if (26 + 2 * itemCount[b] > lowestItem[b]) {
        throw new IllegalStateException("bucket page overflows; use more buckets or a larger page");
      }
    }
    return out.array();
  }

  private void writeMeta(ByteBuffer out, int lastPage) {
    out.putInt(12, 0x061561).putInt(16, 9).putInt(20, pageSize);
    out.put(25, (byte) 8);
    out.putInt(32, lastPage);
    int maxBucket = buckets - 1;
    int highMask = Integer.highestOneBit(Math.max(maxBucket, 1)) * 2 - 1;
    out.putInt(72, maxBucket).putInt(76, highMask).putInt(80, highMask >> 1);
    out.putInt(88, records.size());
    // Bucket b lives on page 1 + b, and page = bucket + spares[group(bucket)], so every group's spare is 1.
    for (int i = 0; i < 32; i++) {
      out.putInt(96 + 4 * i, 1);
    }
  }

  private void writeOverflow(ByteBuffer out, byte[] value, List<Integer> chain) {
    int chunk = pageSize - 26;
    for (int k = 0; k < chain.size(); k++) {
      int base = chain.get(k) * pageSize;
      int length = Math.min(chunk, value.length - k * chunk);
      out.putInt(base + 8, chain.get(k));
      out.putInt(base + 12, k == 0 ? 0 : chain.get(k - 1));
      out.putInt(base + 16, k + 1 < chain.size() ? chain.get(k + 1) : 0);
      out.putShort(base + 22, (short) length);
      out.put(base + 25, (byte) 7);
      out.put(base + 26, value, k * chunk, length);
    }
  }
}
