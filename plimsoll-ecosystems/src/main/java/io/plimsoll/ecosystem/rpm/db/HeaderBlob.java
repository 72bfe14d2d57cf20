package io.plimsoll.ecosystem.rpm.db;

import java.util.Objects;

/**
 * One package record's header blob, as a slice of {@code buffer} (the NDB reader slices the database bytes
 * directly instead of copying).
 *
 * @param recordNumber the backend's key for the record (rpm's header number), for messages
 */
public record HeaderBlob(long recordNumber, byte[] buffer, int offset, int length) {
  public HeaderBlob {
    Objects.requireNonNull(buffer, "buffer");
    Objects.checkFromIndexSize(offset, length, buffer.length);
  }

  public static HeaderBlob of(long recordNumber, byte[] bytes) {
    return new HeaderBlob(recordNumber, bytes, 0, bytes.length);
  }
}
