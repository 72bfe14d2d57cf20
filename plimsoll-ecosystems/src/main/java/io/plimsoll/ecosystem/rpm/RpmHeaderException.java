package io.plimsoll.ecosystem.rpm;

import java.io.IOException;

/**
 * One header blob that cannot be decoded. Kept apart from {@link RpmDatabaseException} because a bad record
 * usually only costs that record: the database reader turns it into a warning.
 */
public final class RpmHeaderException extends IOException {
  private static final long serialVersionUID = 1L;

  public RpmHeaderException(String reason) {
    super(reason);
  }
}
