package io.plimsoll.ecosystem.rpm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** The three storage backends rpm has used for its package database, recognised by their magic bytes. */
public enum RpmDatabaseFormat {
  /** {@code rpmdb.sqlite}: rpm 4.16+ default on Fedora, RHEL 9, CBL-Mariner, Amazon Linux 2023. */
  SQLITE,
  /** {@code Packages}: Berkeley DB hash, RHEL/CentOS up to 8, Amazon Linux 2, older SUSE. */
  BERKELEY_DB,
  /** {@code Packages.db}: rpm's own "ndb" format, used by SUSE (SLE 15 BCI images, openSUSE). */
  NDB;

  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NDB_MAGIC = "RpmP".getBytes(StandardCharsets.US_ASCII);
  private static final int BDB_MAGIC_OFFSET = 12;
  private static final byte[] BDB_HASH_MAGIC_LE = {0x61, 0x15, 0x06, 0x00};
  private static final byte[] BDB_HASH_MAGIC_BE = {0x00, 0x06, 0x15, 0x61};

  /**
   * The format whose magic {@code content} starts with. The content decides, not the file name: images do ship
   * databases under the "wrong" name (e.g. a {@code Packages} left over next to {@code rpmdb.sqlite}).
   */
  public static Optional<RpmDatabaseFormat> detect(byte[] content) {
    if (startsWith(content, 0, SQLITE_MAGIC)) {
      return Optional.of(SQLITE);
    }
    if (startsWith(content, 0, NDB_MAGIC)) {
      return Optional.of(NDB);
    }
    if (startsWith(content, BDB_MAGIC_OFFSET, BDB_HASH_MAGIC_LE)
        || startsWith(content, BDB_MAGIC_OFFSET, BDB_HASH_MAGIC_BE)) {
      return Optional.of(BERKELEY_DB);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] content, int offset, byte[] magic) {
    return content.length >= offset + magic.length
        && Arrays.equals(content, offset, offset + magic.length, magic, 0, magic.length);
  }
}
