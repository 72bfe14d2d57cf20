package io.plimsoll.image.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the third-party corpus ({@code ../shared} beside the checkout). It is not part of the repository, so
 * tests that need it skip, saying why, on a fresh clone elsewhere.
 */
public final class SharedCorpus {

    private SharedCorpus() {
    }

    public static Optional<Path> root() {
        String env = System.getenv("PLIMSOLL_SHARED");
        if (env != null && Files.isDirectory(Path.of(env, "corpus"))) {
            return Optional.of(Path.of(env));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("corpus"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The path under the shared folder; skips the calling test when the folder or the path is absent. */
    public static Path require(String relative) {
        Optional<Path> root = root();
        Assumptions.assumeTrue(root.isPresent(),
                "skipped: ../shared (the third-party test corpus) is not beside this checkout");
        Path p = root.get().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "skipped: " + p + " is not in this copy of ../shared");
        return p;
    }
}
