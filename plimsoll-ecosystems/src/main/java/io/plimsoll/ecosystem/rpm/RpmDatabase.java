package io.plimsoll.ecosystem.rpm;

import io.plimsoll.ecosystem.rpm.db.BerkeleyDbPackages;
import io.plimsoll.ecosystem.rpm.db.HeaderBlob;
import io.plimsoll.ecosystem.rpm.db.NdbPackages;
import io.plimsoll.ecosystem.rpm.db.SqlitePackages;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads an installed-package rpm database from its bytes, whichever backend wrote it.
 *
 * <pre>{@code
 * RpmDatabaseResult result = RpmDatabase.read("var/lib/rpm/rpmdb.sqlite", bytes);
 * }</pre>
 *
 * <p>Damage confined to some records (a bad page chain, an undecodable header) costs only those records and is
 * reported in {@link RpmDatabaseResult#warnings()}; a database that yields no package at all, or whose structure
 * is unusable, fails with {@link RpmDatabaseException}. No other exception escapes for any input.
 */
public final class RpmDatabase {
  /** Larger inputs are refused rather than buffered; real databases stay far below (hundreds of MiB at most). */
  public static final int MAX_DATABASE_BYTES = 1 << 30;
  /** Warnings kept per database; beyond that only a count, so a shredded file cannot flood the caller. */
  public static final int MAX_WARNINGS = 100;

  /** Marks a failure the decoders did not anticipate; the corrupt-input tests assert it never appears. */
  static final String UNEXPECTED_FAILURE = "unexpected decoder failure";

  private RpmDatabase() {}

  /**
   * Reads the database.
   *
   * @param fileName the file's name or path inside the image, used in messages only
   * @param content the complete file; it is not modified, and package data may keep referencing it
   */
  public static RpmDatabaseResult read(String fileName, byte[] content) throws RpmDatabaseException {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(content, "content");
    RpmDatabaseFormat format =
        RpmDatabaseFormat.detect(content)
            .orElseThrow(
                () ->
                    new RpmDatabaseException(
                        fileName, "not an rpm database: no SQLite, Berkeley DB hash or NDB magic"));
    Warnings warnings = new Warnings(fileName);
    try {
      List<HeaderBlob> blobs =
          switch (format) {
            case SQLITE -> SqlitePackages.read(fileName, content, warnings);
            case BERKELEY_DB -> BerkeleyDbPackages.read(fileName, content, warnings);
            case NDB -> NdbPackages.read(fileName, content, warnings);
          };
      return new RpmDatabaseResult(format, decode(fileName, blobs, warnings), warnings.list());
    } catch (RuntimeException e) {
      // The decoders bounds-check every value they read; this net only keeps a missed case from escaping as an
      // unchecked exception in the middle of an image scan.
      throw new RpmDatabaseException(fileName, UNEXPECTED_FAILURE + ": " + e, e);
    }
  }

  /** Reads the database from a stream (not closed), refusing more than {@link #MAX_DATABASE_BYTES}. */
  public static RpmDatabaseResult read(String fileName, InputStream in) throws IOException {
    byte[] content = in.readNBytes(MAX_DATABASE_BYTES + 1);
    if (content.length > MAX_DATABASE_BYTES) {
      throw new RpmDatabaseException(fileName, "larger than " + MAX_DATABASE_BYTES + " bytes");
    }
    return read(fileName, content);
  }

  private static List<RpmPackageHeader> decode(String fileName, List<HeaderBlob> blobs, Warnings warnings)
      throws RpmDatabaseException {
    List<RpmPackageHeader> packages = new ArrayList<>(blobs.size());
    String firstFailure = null;
    for (HeaderBlob blob : blobs) {
      try {
        RpmHeader header = RpmHeader.parse(blob.buffer(), blob.offset(), blob.length());
        packages.add(RpmPackageHeader.from(header, warnings));
      } catch (RpmHeaderException e) {
        String failure = "record " + blob.recordNumber() + ": " + e.getMessage();
        warnings.accept(failure);
        if (firstFailure == null) {
          firstFailure = failure;
        }
      }
    }
    if (packages.isEmpty() && firstFailure != null) {
      throw new RpmDatabaseException(
          fileName, "none of its " + blobs.size() + " package records could be decoded; first: " + firstFailure);
    }
    return packages;
  }

  private static final class Warnings implements Consumer<String> {
    private final String fileName;
    private final List<String> kept = new ArrayList<>();
    private int dropped;

    Warnings(String fileName) {
      this.fileName = fileName;
    }

    @Override
    public void accept(String warning) {
      if (kept.size() < MAX_WARNINGS) {
        kept.add(fileName + ": " + warning);
      } else {
        dropped++;
      }
    }

    List<String> list() {
      if (dropped == 0) {
        return kept;
      }
      List<String> all = new ArrayList<>(kept);
      all.add(fileName + ": " + dropped + " more warnings omitted");
      return all;
    }
  }
}
