package io.plimsoll.ecosystem.rpm.db;

import io.plimsoll.ecosystem.rpm.RpmDatabaseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads rpm's Berkeley DB hash database ({@code Packages}, RHEL/CentOS up to 8, Amazon Linux 2, older SUSE)
 * without Berkeley DB.
 *
 * <p>Like rpm's own read-only reader ({@code bdb_ro}) it walks the hash buckets from the meta page rather than
 * scanning every page, so it sees the records rpm sees and never trusts a page no bucket references. Keys are 4-byte
 * header numbers; values are header blobs, normally stored off-page in chains of overflow pages.
 *
 * <p>Every page number read from the file is range-checked; bucket chains and overflow chains may visit each page
 * once, which bounds the work by the file size and turns cycles into warnings.
 */
public final class BerkeleyDbPackages {
  private static final int HASH_MAGIC = 0x061561;
  private static final int BTREE_MAGIC = 0x053162;
  private static final int META_SIZE = 512;
  private static final int PAGE_HEADER_SIZE = 26;
  private static final int MIN_PAGE_SIZE = 512;
  private static final int MAX_PAGE_SIZE = 65536;
  private static final int SPARES = 32;

  private static final int P_HASH_UNSORTED = 2; // hash pages of hash version 8 (BDB < 4.6: RHEL 5, SLES 11)
  private static final int P_OVERFLOW = 7;
  private static final int P_HASHMETA = 8;
  private static final int P_HASH = 13;

  private static final int H_KEYDATA = 1;
  private static final int H_OFFPAGE = 3;
  private static final int OFFPAGE_ITEM_SIZE = 12;

  private static final int DBMETA_CHKSUM = 0x01;

  private final byte[] db;
  private final boolean bigEndian;
  private final int pageSize;
  private final long lastPage;
  private final Consumer<String> warnings;
  private final BitSet visitedBucketPages = new BitSet();
  private final BitSet claimedOverflowPages = new BitSet();

  private BerkeleyDbPackages(byte[] db, boolean bigEndian, int pageSize, long lastPage, Consumer<String> warnings) {
    this.db = db;
    this.bigEndian = bigEndian;
    this.pageSize = pageSize;
    this.lastPage = lastPage;
    this.warnings = warnings;
  }

  /** Thrown inside one record or one bucket chain; the walk reports it and carries on with the next one. */
  private static final class Damage extends Exception {
    private static final long serialVersionUID = 1L;

    Damage(String message) {
      super(message, null, false, false);
    }
  }

  /** Returns the header blob of every record reachable from the hash buckets, in bucket order. */
  public static List<HeaderBlob> read(String fileName, byte[] db, Consumer<String> warnings)
      throws RpmDatabaseException {
    if (db.length < META_SIZE) {
      throw new RpmDatabaseException(
          fileName, "Berkeley DB file of " + db.length + " bytes is shorter than its " + META_SIZE + "-byte meta page");
    }
    boolean bigEndian;
    if (le32(db, 12) == HASH_MAGIC) {
      bigEndian = false;
    } else if (be32(db, 12) == HASH_MAGIC) {
      bigEndian = true;
    } else if (le32(db, 12) == BTREE_MAGIC || be32(db, 12) == BTREE_MAGIC) {
      throw new RpmDatabaseException(
          fileName, "Berkeley DB btree file (one of rpm's index databases), not the hash Packages database");
    } else {
      throw new RpmDatabaseException(fileName, "not a Berkeley DB hash database (no hash magic at offset 12)");
    }
    Meta meta = Meta.parse(fileName, db, bigEndian);
    long pagesInFile = db.length / meta.pageSize;
    long lastPage = meta.lastPage;
    if (meta.lastPage >= pagesInFile) {
      warnings.accept(
          "Berkeley DB meta page announces " + (meta.lastPage + 1) + " pages of " + meta.pageSize
              + " bytes but the file holds " + pagesInFile + " (truncated?)");
      lastPage = pagesInFile - 1;
    }
    // Buckets beyond the pages actually present cannot be read; not even trying keeps a forged bucket count from
    // turning into billions of iterations.
    long maxBucket = Math.min(meta.maxBucket, lastPage);
    return new BerkeleyDbPackages(db, bigEndian, meta.pageSize, lastPage, warnings).walk(maxBucket, meta.spares);
  }

  private record Meta(int pageSize, long lastPage, long maxBucket, long[] spares) {
    static Meta parse(String fileName, byte[] db, boolean bigEndian) throws RpmDatabaseException {
      long version = u32(db, 16, bigEndian);
      if (version < 8 || version > 10) {
        throw new RpmDatabaseException(fileName, "unsupported Berkeley DB hash version " + version);
      }
      long pageSize = u32(db, 20, bigEndian);
      if (pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE || Long.bitCount(pageSize) != 1) {
        throw new RpmDatabaseException(fileName, "invalid Berkeley DB page size " + pageSize);
      }
      if (db[24] != 0) {
        throw new RpmDatabaseException(fileName, "encrypted Berkeley DB databases are not supported");
      }
      if (db[25] != P_HASHMETA) {
        throw new RpmDatabaseException(fileName, "Berkeley DB meta page has page type " + db[25] + ", not hash meta");
      }
      // Checksummed pages put 4 more bytes in front of the item index; rpm never enables them, so rather than
      // guess, refuse.
      if ((db[26] & DBMETA_CHKSUM) != 0) {
        throw new RpmDatabaseException(fileName, "Berkeley DB page checksums are not supported");
      }
      long lastPage = u32(db, 32, bigEndian);
      long maxBucket = u32(db, 72, bigEndian);
      // Every bucket owns at least one page, so a larger bucket count is corruption (and would be a long loop).
      if (maxBucket > lastPage) {
        throw new RpmDatabaseException(
            fileName, "Berkeley DB meta page has max bucket " + maxBucket + " beyond the last page " + lastPage);
      }
      long[] spares = new long[SPARES];
      for (int i = 0; i < SPARES; i++) {
        spares[i] = u32(db, 96 + 4 * i, bigEndian);
      }
      return new Meta((int) pageSize, lastPage, maxBucket, spares);
    }
  }

  private List<HeaderBlob> walk(long maxBucket, long[] spares) {
    List<HeaderBlob> blobs = new ArrayList<>();
    for (long bucket = 0; bucket <= maxBucket; bucket++) {
      // Buckets are allocated in doubling groups ("splitpoints"); spares[i] is the page offset of group i, which
      // holds the buckets whose number has i significant bits.
      int group = 64 - Long.numberOfLeadingZeros(bucket);
      long page = bucket + spares[group];
      try {
        walkBucket(bucket, page, blobs);
      } catch (Damage e) {
        warnings.accept("hash bucket " + bucket + ": " + e.getMessage());
      }
    }
    return blobs;
  }

  private void walkBucket(long bucket, long firstPage, List<HeaderBlob> blobs) throws Damage {
    long page = firstPage;
    while (page != 0) {
      int base = pageBase(page);
      if (visitedBucketPages.get((int) page)) {
        throw new Damage("page " + page + " is reached twice (cycle or shared chain)");
      }
      visitedBucketPages.set((int) page);
      int type = db[base + 25] & 0xff;
      if (type != P_HASH && type != P_HASH_UNSORTED) {
        throw new Damage("page " + page + " has type " + type + ", not a hash page");
      }
      int entries = u16(base + 20);
      if (PAGE_HEADER_SIZE + 2L * entries > pageSize) {
        throw new Damage("page " + page + " claims " + entries + " items, more than fit");
      }
      if (entries % 2 != 0) {
        warnings.accept("hash bucket " + bucket + ": page " + page + " has a key without a value");
      }
      for (int idx = 0; idx + 1 < entries; idx += 2) {
        try {
          HeaderBlob blob = record(base, entries, idx);
          if (blob != null) {
            blobs.add(blob);
          }
        } catch (Damage e) {
          warnings.accept("hash bucket " + bucket + ", page " + page + ", item " + idx + ": " + e.getMessage());
        }
      }
      page = u32(base + 16);
    }
  }

  /** Decodes the key/value pair starting at item {@code idx}; null for rpm's record 0, which is no package. */
  private HeaderBlob record(int base, int entries, int idx) throws Damage {
    int minOffset = PAGE_HEADER_SIZE + 2 * entries;
    int keyOffset = itemOffset(base, idx, minOffset);
    int keyEnd = idx == 0 ? pageSize : itemOffset(base, idx - 1, minOffset);
    int valueOffset = itemOffset(base, idx + 1, minOffset);
    // Items are packed downwards from the end of the page, so each one ends where the previous one starts.
    if (keyEnd <= keyOffset || keyOffset <= valueOffset) {
      throw new Damage("item offsets are out of order");
    }
    byte[] key = itemBytes(base, keyOffset, keyEnd - keyOffset, "key");
    long recordNumber = key.length == 4 ? u32(key, 0, bigEndian) : -1;
    if (recordNumber == 0) {
      return null;
    }
    int valueLength = keyOffset - valueOffset;
    int at = base + valueOffset;
    int type = db[at] & 0xff;
    if (type == H_KEYDATA) {
      return new HeaderBlob(recordNumber, db, at + 1, valueLength - 1);
    }
    return HeaderBlob.of(recordNumber, itemBytes(base, valueOffset, valueLength, "value"));
  }

  private int itemOffset(int base, int idx, int minOffset) throws Damage {
    int offset = u16(base + PAGE_HEADER_SIZE + 2 * idx);
    if (offset < minOffset || offset >= pageSize) {
      throw new Damage("item " + idx + " offset " + offset + " lies outside the page's item area");
    }
    return offset;
  }

  private byte[] itemBytes(int base, int offset, int length, String what) throws Damage {
    int at = base + offset;
    int type = db[at] & 0xff;
    if (type == H_KEYDATA) {
      byte[] out = new byte[length - 1];
      System.arraycopy(db, at + 1, out, 0, out.length);
      return out;
    }
    if (type == H_OFFPAGE) {
      if (length < OFFPAGE_ITEM_SIZE) {
        throw new Damage(what + " off-page reference of " + length + " bytes is too short");
      }
      return overflow(u32(at + 4), u32(at + 8));
    }
    throw new Damage(what + " has unsupported item type " + type);
  }

  /**
   * Concatenates an overflow chain; each overflow page may belong to one chain only. The chain is walked and
   * checked before anything is allocated, so a forged length cannot make the reader allocate more than the file
   * really holds.
   */
  private byte[] overflow(long firstPage, long totalLength) throws Damage {
    if (totalLength == 0 || totalLength > db.length) {
      throw new Damage("off-page item claims " + totalLength + " bytes in a file of " + db.length);
    }
    int[] chain = new int[8];
    int pages = 0;
    long found = 0;
    long page = firstPage;
    while (found < totalLength) {
      if (page == 0) {
        throw new Damage("overflow chain ends after " + found + " of " + totalLength + " bytes");
      }
      int base = pageBase(page);
      if (claimedOverflowPages.get((int) page)) {
        throw new Damage("overflow page " + page + " is reached twice (cycle or shared chain)");
      }
      claimedOverflowPages.set((int) page);
      if ((db[base + 25] & 0xff) != P_OVERFLOW) {
        throw new Damage("page " + page + " has type " + (db[base + 25] & 0xff) + ", not an overflow page");
      }
      int length = u16(base + 22);
      if (length == 0 || PAGE_HEADER_SIZE + length > pageSize || length > totalLength - found) {
        throw new Damage("overflow page " + page + " holds an impossible " + length + " bytes");
      }
      if (pages == chain.length) {
        chain = Arrays.copyOf(chain, pages * 2);
      }
      chain[pages++] = base;
      found += length;
      page = u32(base + 16);
    }
    byte[] out = new byte[(int) totalLength];
    int filled = 0;
    for (int k = 0; k < pages; k++) {
      int length = u16(chain[k] + 22);
      System.arraycopy(db, chain[k] + PAGE_HEADER_SIZE, out, filled, length);
      filled += length;
    }
    return out;
  }

  /** Byte offset of a page that exists in the file and carries its own number, as every BDB page does. */
  private int pageBase(long page) throws Damage {
    if (page < 1 || page > lastPage) {
      throw new Damage("page number " + page + " is outside 1.." + lastPage);
    }
    int base = (int) (page * pageSize);
    if (u32(base + 8) != page) {
      throw new Damage("page " + page + " carries page number " + u32(base + 8));
    }
    return base;
  }

  private int u16(int p) {
    return bigEndian
        ? (db[p] & 0xff) << 8 | (db[p + 1] & 0xff)
        : (db[p] & 0xff) | (db[p + 1] & 0xff) << 8;
  }

  private long u32(int p) {
    return u32(db, p, bigEndian);
  }

  private static long u32(byte[] b, int p, boolean bigEndian) {
    return (bigEndian ? be32(b, p) : le32(b, p)) & 0xffffffffL;
  }

  private static int le32(byte[] b, int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
  }

  private static int be32(byte[] b, int p) {
    return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
  }
}
