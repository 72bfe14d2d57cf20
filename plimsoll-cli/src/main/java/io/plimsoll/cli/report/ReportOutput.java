package io.plimsoll.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * One {@code -o FORMAT=FILE}: a report written to a file besides the one on standard output.
 *
 * @param format the format's name, as {@code --format} spells it
 */
public record ReportOutput(String format, Path file) {

    /**
     * Parses {@code FORMAT=FILE}; {@code formats} are the known names. Returns a message for the user on bad input
     * via {@link IllegalArgumentException}.
     */
    public static ReportOutput parse(String spec, List<String> formats) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("-o '" + spec + "': expected FORMAT=FILE, e.g. sarif=plimsoll.sarif");
        }
        String format = spec.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        if (!formats.contains(format)) {
            throw new IllegalArgumentException("-o '" + spec + "': unknown format '" + format + "' (known: "
                    + String.join(", ", formats) + ")");
        }
        return new ReportOutput(format, Path.of(spec.substring(eq + 1)));
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
