package io.plimsoll.cli;

import io.plimsoll.vuln.suppress.IgnoreFile;
import io.plimsoll.vuln.suppress.IgnoreFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code scan --ignorefile FILE}: the file named, else {@code .plimsollignore} in the working directory when there is
 * one (as Trivy reads {@code .trivyignore}). Read and checked before the image is, so a malformed line stops the scan
 * before any layer is read; the scan service applies it after VEX.
 */
final class IgnoreOption {

    static final Supplier<Path> REAL_WORKING_DIRECTORY = () -> Path.of("").toAbsolutePath();

    /** Where the default file is looked for; tests point it elsewhere (a JVM cannot change its directory). */
    static Supplier<Path> workingDirectory = REAL_WORKING_DIRECTORY;

    private IgnoreOption() {
    }

    /** The ignore file to apply, if any; a named file that is missing or malformed is an input error. */
    static Optional<IgnoreFile> load(Path explicit) {
        try {
            if (explicit != null) {
                return Optional.of(IgnoreFile.read(explicit));
            }
            Path found = workingDirectory.get().resolve(IgnoreFile.DEFAULT_NAME);
            if (!Files.exists(found)) {
                return Optional.empty();
            }
            // messages and reports name the default as the user knows it, not by an absolute path
            return Optional.of(IgnoreFile.read(found, IgnoreFile.DEFAULT_NAME));
        } catch (IgnoreFileException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
