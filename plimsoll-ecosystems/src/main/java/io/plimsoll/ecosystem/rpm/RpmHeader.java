package io.plimsoll.ecosystem.rpm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A decoded rpm header as the rpm database stores it: the "header without lead and signature", i.e. no 8-byte
 * header magic, just {@code il} (index entry count), {@code dl} (data length), {@code il} 16-byte index entries
 * {@code (tag, type, offset, count)} and {@code dl} bytes of data, all big-endian.
 *
 * <p>Parsing validates the index (types, offsets, fixed-size extents) up front but decodes values only when asked,
 * because a package database reader needs about a dozen of the ~80 tags of each header. The object keeps reading
 * the caller's array, which must therefore not change while it is in use.
 *
 * <p>When a tag occurs twice, the later entry wins: rpm appends tags it adds at install time ("dribble" entries)
 * after the immutable region, and they replace region entries with the same tag.
 */
public final class RpmHeader {
  /** rpm's own limit on index entries (HEADER_TAGS_MAX). */
  public static final int MAX_INDEX_ENTRIES = 0xffff;
  /** rpm's own limit on the data store (HEADER_DATA_MAX, 256 MiB). */
  public static final int MAX_DATA_LENGTH = 0x0fffffff;

  public static final int TYPE_NULL = 0;
  public static final int TYPE_CHAR = 1;
  public static final int TYPE_INT8 = 2;
  public static final int TYPE_INT16 = 3;
  public static final int TYPE_INT32 = 4;
  public static final int TYPE_INT64 = 5;
  public static final int TYPE_STRING = 6;
  public static final int TYPE_BIN = 7;
  public static final int TYPE_STRING_ARRAY = 8;
  public static final int TYPE_I18NSTRING = 9;

  private static final int INTRO_SIZE = 8;
  private static final int ENTRY_SIZE = 16;
  /** Element size per type; 0 for the variable-length string types (and NULL). */
  private static final int[] TYPE_SIZES = {0, 1, 1, 2, 4, 8, 0, 1, 0, 0};
  private static final String[] TYPE_NAMES = {
    "NULL", "CHAR", "INT8", "INT16", "INT32", "INT64", "STRING", "BIN", "STRING_ARRAY", "I18NSTRING"
  };

  private final byte[] buf;
  private final int length;
  private final int dataStart;
  private final int dataLength;
  private final int[] tags;
  private final int[] types;
  private final int[] offsets;
  private final int[] counts;

  private RpmHeader(
      byte[] buf, int length, int dataStart, int dataLength, int[] tags, int[] types, int[] offsets, int[] counts) {
    this.buf = buf;
    this.length = length;
    this.dataStart = dataStart;
    this.dataLength = dataLength;
    this.tags = tags;
    this.types = types;
    this.offsets = offsets;
    this.counts = counts;
  }

  public static RpmHeader parse(byte[] blob) throws RpmHeaderException {
    return parse(blob, 0, blob.length);
  }

  /**
   * Parses the header blob {@code buf[offset, offset + length)}. Trailing bytes after the data store are ignored
   * (some backends pad records).
   */
  public static RpmHeader parse(byte[] buf, int offset, int length) throws RpmHeaderException {
    Objects.requireNonNull(buf, "buf");
    Objects.checkFromIndexSize(offset, length, buf.length);
    if (length < INTRO_SIZE) {
      throw new RpmHeaderException("header blob of " + length + " bytes is shorter than its 8-byte intro");
    }
    long il = u32(buf, offset);
    long dl = u32(buf, offset + 4);
    if (il < 1 || il > MAX_INDEX_ENTRIES) {
      throw new RpmHeaderException("header index count " + il + " is outside 1.." + MAX_INDEX_ENTRIES);
    }
    if (dl > MAX_DATA_LENGTH) {
      throw new RpmHeaderException("header data length " + dl + " exceeds " + MAX_DATA_LENGTH);
    }
    long needed = INTRO_SIZE + il * ENTRY_SIZE + dl;
    if (needed > length) {
      throw new RpmHeaderException(
          "header needs " + needed + " bytes (" + il + " index entries, " + dl + " data bytes) but the blob has "
              + length);
    }
    int n = (int) il;
    int dataLength = (int) dl;
    int dataStart = offset + INTRO_SIZE + n * ENTRY_SIZE;
    int[] tags = new int[n];
    int[] types = new int[n];
    int[] offsets = new int[n];
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      int e = offset + INTRO_SIZE + i * ENTRY_SIZE;
      int tag = s32(buf, e);
      long type = u32(buf, e + 4);
      long off = u32(buf, e + 8);
      long count = u32(buf, e + 12);
      if (type >= TYPE_SIZES.length) {
        throw new RpmHeaderException("index entry " + i + " (tag " + tag + ") has unknown type " + type);
      }
      // An offset equal to dl can only hold an empty value; anything beyond lies outside the data store.
      if (off > dataLength) {
        throw new RpmHeaderException(
            "index entry " + i + " (tag " + tag + ") offset " + off + " is beyond the data length " + dataLength);
      }
      int t = (int) type;
      int size = TYPE_SIZES[t];
      if (size > 1 && off % size != 0) {
        throw new RpmHeaderException(
            "index entry " + i + " (tag " + tag + ") " + TYPE_NAMES[t] + " offset " + off + " is misaligned");
      }
      // Every element takes at least one byte (strings at least their NUL), which caps count before any
      // allocation sized by it.
      long minBytes = count * Math.max(size, 1);
      if (t != TYPE_NULL && off + minBytes > dataLength) {
        throw new RpmHeaderException(
            "index entry " + i + " (tag " + tag + ") " + TYPE_NAMES[t] + "[" + count + "] at offset " + off
                + " runs past the data length " + dataLength);
      }
      tags[i] = tag;
      types[i] = t;
      offsets[i] = (int) off;
      // Past the extent check every count fits an int; only NULL entries (never read) could be larger.
      counts[i] = (int) Math.min(count, Integer.MAX_VALUE);
    }
    return new RpmHeader(buf, (int) needed, dataStart, dataLength, tags, types, offsets, counts);
  }

  /** Bytes the header occupies: intro, index and data store. */
  public int length() {
    return length;
  }

  /** Number of index entries, region tags included. */
  public int entryCount() {
    return tags.length;
  }

  public boolean has(int tag) {
    return find(tag) >= 0;
  }

  /** The rpm type number of the tag's entry, or -1 when absent. */
  public int type(int tag) {
    int i = find(tag);
    return i < 0 ? -1 : types[i];
  }

  /**
   * A single string: STRING, or the first element of STRING_ARRAY / I18NSTRING (the untranslated "C" value);
   * {@code null} when the tag is absent.
   */
  public String string(int tag) throws RpmHeaderException {
    int i = find(tag);
    if (i < 0) {
      return null;
    }
    requireStringType(i);
    if (counts[i] < 1) {
      throw new RpmHeaderException(describe(i) + " has no elements");
    }
    int start = dataStart + offsets[i];
    return decode(start, terminator(i, start));
  }

  /** All strings of a STRING_ARRAY / I18NSTRING / STRING entry; empty when the tag is absent. */
  public List<String> strings(int tag) throws RpmHeaderException {
    int i = find(tag);
    if (i < 0) {
      return List.of();
    }
    requireStringType(i);
    int count = types[i] == TYPE_STRING ? Math.min(counts[i], 1) : counts[i];
    List<String> out = new ArrayList<>(count);
    int pos = dataStart + offsets[i];
    for (int k = 0; k < count; k++) {
      int end = terminator(i, pos);
      out.add(decode(pos, end));
      pos = end + 1;
    }
    return out;
  }

  /** The first value of an INT32 entry (INT16 and INT8 widen, unsigned, as rpm does); {@code null} when absent. */
  public Integer int32(int tag) throws RpmHeaderException {
    int[] values = int32s(tag);
    if (values == null) {
      return null;
    }
    if (values.length == 0) {
      throw new RpmHeaderException("tag " + tag + " has no elements");
    }
    return values[0];
  }

  /** All values of an INT32 (or narrower integer) entry; {@code null} when the tag is absent. */
  public int[] int32s(int tag) throws RpmHeaderException {
    int i = find(tag);
    if (i < 0) {
      return null;
    }
    int t = types[i];
    if (t != TYPE_INT32 && t != TYPE_INT16 && t != TYPE_INT8 && t != TYPE_CHAR) {
      throw new RpmHeaderException(describe(i) + " is not an integer type");
    }
    // parse() checked that count elements fit in the data store, so this allocation is bounded by the blob.
    int[] out = new int[counts[i]];
    int pos = dataStart + offsets[i];
    switch (t) {
      case TYPE_INT32 -> {
        for (int k = 0; k < out.length; k++, pos += 4) {
          out[k] = s32(buf, pos);
        }
      }
      case TYPE_INT16 -> {
        for (int k = 0; k < out.length; k++, pos += 2) {
          out[k] = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        }
      }
      default -> {
        for (int k = 0; k < out.length; k++, pos++) {
          out[k] = buf[pos] & 0xff;
        }
      }
    }
    return out;
  }

  /** The first value of an INT64 entry; {@code null} when absent. */
  public Long int64(int tag) throws RpmHeaderException {
    int i = find(tag);
    if (i < 0) {
      return null;
    }
    if (types[i] != TYPE_INT64) {
      throw new RpmHeaderException(describe(i) + " is not INT64");
    }
    if (counts[i] < 1) {
      throw new RpmHeaderException(describe(i) + " has no elements");
    }
    int pos = dataStart + offsets[i];
    return (u32(buf, pos) << 32) | u32(buf, pos + 4);
  }

  private int find(int tag) {
    for (int i = tags.length - 1; i >= 0; i--) {
      if (tags[i] == tag) {
        return i;
      }
    }
    return -1;
  }

  private void requireStringType(int i) throws RpmHeaderException {
    int t = types[i];
    if (t != TYPE_STRING && t != TYPE_STRING_ARRAY && t != TYPE_I18NSTRING) {
      throw new RpmHeaderException(describe(i) + " is not a string type");
    }
  }

  /** Index of the NUL ending the string that starts at {@code start}; it must lie inside the data store. */
  private int terminator(int i, int start) throws RpmHeaderException {
    int end = dataStart + dataLength;
    for (int p = start; p < end; p++) {
      if (buf[p] == 0) {
        return p;
      }
    }
    throw new RpmHeaderException(describe(i) + " has a string that is not NUL-terminated inside the data store");
  }

  private String decode(int start, int end) {
    return new String(buf, start, end - start, StandardCharsets.UTF_8);
  }

  private String describe(int i) {
    return "tag " + tags[i] + " (" + TYPE_NAMES[types[i]] + "[" + Integer.toUnsignedString(counts[i]) + "])";
  }

  private static long u32(byte[] b, int p) {
    return s32(b, p) & 0xffffffffL;
  }

  private static int s32(byte[] b, int p) {
    return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
  }
}
