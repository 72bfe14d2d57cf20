package io.plimsoll.image.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared test-data folder ({@code shared/}, holding {@code corpus/}) that lives beside a checkout but
 * never inside it. Tests that need it skip, with a message saying where it was looked for, when it is absent.
 *
 * <p>Looked for, in order: env {@value #ENV}; the {@value #PROPERTY} system property (the build sets it to
 * {@code ../shared}); then {@code shared/} beside the working directory or beside any of its ancestors.
 */
public final class SharedCorpus {

    public static final String ENV = "PLIMSOLL_SHARED";
    public static final String PROPERTY = "plimsoll.shared";

    private SharedCorpus() {
    }

    /** The shared folder, if one can be found. */
    public static Optional<Path> root() {
        String env = System.getenv(ENV);
        if (isSet(env)) {
            // An explicit setting wins even when wrong, so a typo shows up as a skip naming it.
            return Optional.of(Path.of(env)).filter(SharedCorpus::holdsCorpus);
        }
        String property = System.getProperty(PROPERTY);
        if (isSet(property) && holdsCorpus(Path.of(property))) {
            return Optional.of(Path.of(property).toAbsolutePath().normalize());
        }
        return searchUpFrom(Path.of(""));
    }

    /** {@code start} or an ancestor that is a {@code shared/} folder, or the first {@code shared/} beside one. */
    static Optional<Path> searchUpFrom(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path name = dir.getFileName();
            if (name != null && name.toString().equals("shared") && holdsCorpus(dir)) {
                return Optional.of(dir);
            }
            Path beside = dir.resolve("shared");
            if (holdsCorpus(beside)) {
                return Optional.of(beside);
            }
        }
        return Optional.empty();
    }

    /**
     * A file or folder under the shared folder, e.g. {@code corpus/versions/deb.tsv}; skips the calling test
     * when the shared folder or that entry is missing.
     */
    public static Path require(String relative) {
        Optional<Path> root = root();
        Assumptions.assumeTrue(root.isPresent(), () -> "Skipped: " + whereLooked() + "; needed " + relative);
        Path path = root.get().resolve(relative);
        Assumptions.assumeTrue(Files.exists(path), () -> "Skipped: " + path + " is missing from the shared test data");
        return path;
    }

    private static String whereLooked() {
        String env = System.getenv(ENV);
        if (isSet(env)) {
            return "$" + ENV + "=" + env + " holds no corpus/ folder";
        }
        String property = System.getProperty(PROPERTY);
        return "shared test data not found: $" + ENV + " is unset, "
                + (isSet(property) ? "-D" + PROPERTY + "=" + property + " holds no corpus/, " : "")
                + "and there is no shared/corpus beside " + Path.of("").toAbsolutePath() + " or its ancestors";
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean holdsCorpus(Path dir) {
        return Files.isDirectory(dir.resolve("corpus"));
    }
}
