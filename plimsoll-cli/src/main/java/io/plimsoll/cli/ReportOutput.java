package io.plimsoll.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * One {@code -o}: {@code FORMAT=FILE}, a report written to a file besides the one on standard output, or a plain
 * {@code FILE} (as Trivy and Grype read {@code -o}), which takes the {@code --format} report instead of standard
 * output.
 *
 * @param format the format's name, as {@code --format} spells it; empty for a plain {@code FILE}
 */
public record ReportOutput(String format, Path file) {

    /** A word that reads as a format name before {@code =}; anything else is a file name. */
    private static final java.util.regex.Pattern FORMAT_WORD = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /**
     * Parses {@code FORMAT=FILE} or {@code FILE}; {@code formats} are the known names. Returns a message for the
     * user on bad input via {@link IllegalArgumentException}.
     */
    public static ReportOutput parse(String spec, List<String> formats) {
        int eq = spec.indexOf('=');
        if (spec.isBlank() || eq == 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("-o '" + spec + "': expected FILE or FORMAT=FILE, e.g. "
                    + "sarif=plimsoll.sarif");
        }
        if (formats.contains(spec.toLowerCase(Locale.ROOT))) {
            // "-o sarif" is a format where a file was meant, not a file named "sarif"
            throw new IllegalArgumentException("-o '" + spec + "': expected FORMAT=FILE or FILE, e.g. -o " + spec
                    + "=plimsoll." + spec + ", or --format " + spec + " -o FILE");
        }
        if (eq <= 0 || !FORMAT_WORD.matcher(spec.substring(0, eq).trim()).matches()) {
            return new ReportOutput("", Path.of(spec));
        }
        String format = spec.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        if (!formats.contains(format)) {
            throw new IllegalArgumentException("-o '" + spec + "': unknown format '" + format + "' (known: "
                    + String.join(", ", formats) + ")");
        }
        return new ReportOutput(format, Path.of(spec.substring(eq + 1)));
    }

    /** True for a plain {@code -o FILE}: the {@code --format} report goes there instead of standard output. */
    public boolean takesMainReport() {
        return format.isEmpty();
    }

    /** This output with its format filled in (the {@code --format} one for a plain FILE). */
    public ReportOutput withFormat(String name) {
        return new ReportOutput(name, file);
    }

    /**
     * Refuses, before any work, a report that could not be written afterwards: a missing or read-only directory,
     * a directory in the file's place. Nothing is created.
     */
    public void checkWritable() throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException(file + ": the directory " + dir + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new IOException(file + ": is a directory");
        }
        if (dir != null && !Files.isWritable(dir)) {
            throw new IOException(file + ": the directory " + dir + " is not writable");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new IOException(file + ": is not writable");
        }
    }

    /**
     * Writes the report so that a reader (a CI step, a browser) never sees half a file and a failed run never
     * leaves one: a temporary file beside the target, then a rename over it.
     */
    public void write(String content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException(file + ": the directory " + dir + " does not exist");
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            readableByAll(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Temporary files are created owner-only; a report is read by CI artifact uploaders and web servers running as
     * other users, so it gets the usual rw-r--r-- of a file a program writes.
     */
    public static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions stand
        }
    }
}
