package io.plimsoll.cli;

import io.plimsoll.vuln.suppress.Filtered;
import io.plimsoll.vuln.suppress.IgnoreEntry;
import io.plimsoll.vuln.suppress.IgnoreFile;
import io.plimsoll.vuln.suppress.IgnoreFileException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code scan --ignorefile FILE}: the file named, else {@code .plimsollignore} in the working directory when there is
 * one (as Trivy reads {@code .trivyignore}). Read and checked before the image is, so a malformed line stops the scan
 * before any layer is read; applied after VEX.
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

    /**
     * Takes the findings the ignore file names out of {@code afterVex}'s kept ones. Expired entries no longer apply;
     * each is a warning on {@code err} and a note, as is the number of findings ignored.
     */
    static Filtered apply(Optional<IgnoreFile> ignores, Filtered afterVex, List<String> notes, PrintWriter err) {
        if (ignores.isEmpty()) {
            return afterVex;
        }
        IgnoreFile file = ignores.get();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (IgnoreEntry e : file.expired(today)) {
            String note = file.where(e) + ": the entry for " + e.id() + " expired on " + e.expires().orElseThrow()
                    + " and no longer ignores it";
            err.println("plimsoll: warning: " + note);
            notes.add(note);
        }
        err.flush();
        Filtered ignored = file.apply(afterVex.kept(), today);
        if (!ignored.suppressed().isEmpty()) {
            int n = ignored.suppressed().size();
            notes.add(n + " finding" + (n == 1 ? "" : "s") + " ignored by " + file.name()
                    + " (listed as suppressed, not counted by the gate)");
        }
        return afterVex.then(ignored);
    }
}
