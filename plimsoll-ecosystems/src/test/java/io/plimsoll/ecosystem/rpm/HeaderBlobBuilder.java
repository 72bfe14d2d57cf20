package io.plimsoll.ecosystem.rpm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds rpmdb-style header blobs (no magic; il, dl, index, data) for tests, including deliberately broken ones. */
public final class HeaderBlobBuilder {
  private record Entry(int tag, int type, int offset, int count) {}

  private final List<Entry> entries = new ArrayList<>();
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();

  /** A minimal installed package: the tags every rpmdb record has. */
  public static HeaderBlobBuilder pkg(String name, String version, String release, String arch) {
    return new HeaderBlobBuilder()
        .string(RpmTags.NAME, name)
        .string(RpmTags.VERSION, version)
        .string(RpmTags.RELEASE, release)
        .string(RpmTags.ARCH, arch);
  }

  public HeaderBlobBuilder string(int tag, String value) {
    return strings(tag, RpmHeader.TYPE_STRING, value);
  }

  public HeaderBlobBuilder stringArray(int tag, String... values) {
    return strings(tag, RpmHeader.TYPE_STRING_ARRAY, values);
  }

  public HeaderBlobBuilder i18n(int tag, String... values) {
    return strings(tag, RpmHeader.TYPE_I18NSTRING, values);
  }

  public HeaderBlobBuilder int32(int tag, int... values) {
    align(4);
    int offset = data.size();
    for (int v : values) {
      data.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
    }
    return entry(tag, RpmHeader.TYPE_INT32, offset, values.length);
  }

  public HeaderBlobBuilder int16(int tag, int... values) {
    align(2);
    int offset = data.size();
    for (int v : values) {
      data.writeBytes(ByteBuffer.allocate(2).putShort((short) v).array());
    }
    return entry(tag, RpmHeader.TYPE_INT16, offset, values.length);
  }

  public HeaderBlobBuilder int64(int tag, long... values) {
    align(8);
    int offset = data.size();
    for (long v : values) {
      data.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
    }
    return entry(tag, RpmHeader.TYPE_INT64, offset, values.length);
  }

  /** Appends raw bytes to the data store (e.g. an unterminated string) and returns their offset via the entry. */
  public HeaderBlobBuilder rawData(int tag, int type, byte[] bytes, int count) {
    int offset = data.size();
    data.writeBytes(bytes);
    return entry(tag, type, offset, count);
  }

  /** An index entry with arbitrary, possibly invalid, fields. */
  public HeaderBlobBuilder entry(int tag, int type, int offset, int count) {
    entries.add(new Entry(tag, type, offset, count));
    return this;
  }

  public byte[] build() {
    byte[] d = data.toByteArray();
    return build(entries.size(), d.length);
  }

  /** Builds with forged il/dl in the intro (the real index and data are written regardless). */
  public byte[] build(int il, int dl) {
    byte[] d = data.toByteArray();
    ByteBuffer out = ByteBuffer.allocate(8 + entries.size() * 16 + d.length);
    out.putInt(il).putInt(dl);
    for (Entry e : entries) {
      out.putInt(e.tag).putInt(e.type).putInt(e.offset).putInt(e.count);
    }
    out.put(d);
    return out.array();
  }

  private HeaderBlobBuilder strings(int tag, int type, String... values) {
    int offset = data.size();
    for (String v : values) {
      data.writeBytes(v.getBytes(StandardCharsets.UTF_8));
      data.write(0);
    }
    return entry(tag, type, offset, values.length);
  }

  private void align(int n) {
    while (data.size() % n != 0) {
      data.write(0);
    }
  }
}
