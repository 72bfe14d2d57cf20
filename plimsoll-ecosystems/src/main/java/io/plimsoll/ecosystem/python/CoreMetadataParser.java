package io.plimsoll.ecosystem.python;

import io.plimsoll.ecosystem.ByteLines;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseWarnings;

/**
 * Reads the headers of a core-metadata file: {@code Field: value} lines, a line starting with a space or tab
 * continuing the field before it, and an empty line ending the headers (the long description may follow as a body).
 *
 * <p>Old setuptools wrote the description as an indented {@code Description:} field and sometimes left its empty
 * lines truly empty; so an empty line followed by an indented line continues that field (and only that one) instead
 * of ending the headers, and the {@code Classifier} lines after such a description are still read. A body that
 * happens to start indented after any other field still ends the headers.
 */
public final class CoreMetadataParser {

    /** Fields whose values are never used and can be megabytes long. */
    private static final String SKIPPED = "description";

    private CoreMetadataParser() {
    }

    /**
     * @throws PackageDbException when the first line that is not empty is not a header field: the file is not
     *                            core metadata at all
     */
    public static CoreMetadata parse(String file, byte[] content, ParseWarnings warnings) throws PackageDbException {
        CoreMetadata out = new CoreMetadata();
        ByteLines lines = new ByteLines(content);
        String key = null;
        StringBuilder value = new StringBuilder();
        boolean blankPending = false;
        while (lines.next()) {
            // Only a truly empty line ends the headers: a line of spaces is an (empty) continuation line.
            if (lines.length() == 0 || (key == null && lines.isBlank())) {
                if (key != null) {
                    blankPending = true;
                }
                continue;
            }
            boolean continuation = ByteLines.isSpace((byte) lines.byteAt(0));
            if (blankPending && !(continuation && SKIPPED.equalsIgnoreCase(key))) {
                break; // the headers ended at the empty line; what follows is the body
            }
            if (continuation) {
                if (key == null) {
                    warnings.add(lines.number(), "indented line with no field before it");
                } else if (!key.equalsIgnoreCase(SKIPPED)) {
                    value.append(blankPending ? "\n\n" : "\n").append(lines.line());
                }
                blankPending = false;
                continue;
            }
            blankPending = false;
            int colon = lines.indexOf((byte) ':', lines.start());
            if (colon <= lines.start()) {
                if (key == null && out.isEmpty()) {
                    throw new PackageDbException(file, "line " + lines.number() + ": not core metadata (expected 'Field: value')");
                }
                warnings.add(lines.number(), "not a 'Field: value' line");
                continue;
            }
            flush(out, key, value);
            key = lines.trimmed(lines.start(), colon);
            value.setLength(0);
            if (!key.equalsIgnoreCase(SKIPPED)) {
                value.append(lines.trimmed(colon + 1, lines.end()));
            }
        }
        flush(out, key, value);
        return out;
    }

    private static void flush(CoreMetadata out, String key, StringBuilder value) {
        if (key != null) {
            out.add(key, value.toString());
        }
    }
}
