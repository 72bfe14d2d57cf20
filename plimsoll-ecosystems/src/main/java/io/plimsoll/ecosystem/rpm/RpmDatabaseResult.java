package io.plimsoll.ecosystem.rpm;

import java.util.List;
import java.util.Objects;

/**
 * The packages read from one rpm database.
 *
 * @param format the backend the content was recognised as
 * @param packages every package record that decoded, in database order ({@code gpg-pubkey} pseudo-packages
 *     included, see {@link RpmPackageHeader#isPublicKey()})
 * @param warnings damage that cost records or file lists; empty for a healthy database
 */
public record RpmDatabaseResult(RpmDatabaseFormat format, List<RpmPackageHeader> packages, List<String> warnings) {
  public RpmDatabaseResult {
    Objects.requireNonNull(format, "format");
    packages = List.copyOf(packages);
    warnings = List.copyOf(warnings);
  }
}
