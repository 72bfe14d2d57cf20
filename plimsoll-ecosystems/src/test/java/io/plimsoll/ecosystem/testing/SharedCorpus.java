package io.plimsoll.ecosystem.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared third-party corpus, which lives outside the repository and is read in place. The root is the
 * {@code shared} directory (holding {@code corpus/}), taken from the system property {@code plimsoll.shared} (set
 * by the build), else the environment variable {@code PLIMSOLL_SHARED}, else the first ancestor of the working
 * directory that contains {@code shared/corpus}.
 */
public final class SharedCorpus {
  private SharedCorpus() {}

  public static Optional<Path> root() {
    for (String configured : new String[] {System.getProperty("plimsoll.shared"), System.getenv("PLIMSOLL_SHARED")}) {
      if (configured != null && !configured.isBlank()) {
        Path path = Path.of(configured).toAbsolutePath().normalize();
        if (Files.isDirectory(path.resolve("corpus"))) {
          return Optional.of(path);
        }
      }
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("shared").resolve("corpus"))) {
        return Optional.of(dir.resolve("shared"));
      }
    }
    return Optional.empty();
  }

  /**
   * {@code relative} resolved against the root (e.g. {@code "corpus/pkgdb/rpm"}); skips the calling test when the
   * corpus or that entry is absent.
   */
  public static Path require(String relative) {
    Optional<Path> root = root();
    assumeTrue(
        root.isPresent(),
        "shared corpus not found (set -Dplimsoll.shared or PLIMSOLL_SHARED, or put shared/corpus above the working"
            + " directory); skipping");
    Path path = root.get().resolve(relative);
    assumeTrue(Files.exists(path), "shared corpus has no " + relative + " (looked in " + root.get() + "); skipping");
    return path;
  }
}
