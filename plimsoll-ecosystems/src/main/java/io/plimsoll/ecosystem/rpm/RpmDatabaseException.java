package io.plimsoll.ecosystem.rpm;

import java.io.IOException;
import java.util.Objects;

/**
 * An rpm database that cannot be read at all: unknown format, broken structure, or not a single readable package.
 * Damage confined to some records is reported as warnings in {@link RpmDatabaseResult} instead.
 */
public final class RpmDatabaseException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String fileName;
  private final String reason;

  public RpmDatabaseException(String fileName, String reason) {
    this(fileName, reason, null);
  }

  public RpmDatabaseException(String fileName, String reason, Throwable cause) {
    super(fileName + ": " + reason, cause);
    this.fileName = Objects.requireNonNull(fileName, "fileName");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The database file as the caller named it (usually its path inside the image). */
  public String fileName() {
    return fileName;
  }

  /** What is wrong, without the file name. */
  public String reason() {
    return reason;
  }
}
