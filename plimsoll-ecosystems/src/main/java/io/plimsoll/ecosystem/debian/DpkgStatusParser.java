package io.plimsoll.ecosystem.debian;

import io.plimsoll.ecosystem.ByteLines;
import io.plimsoll.ecosystem.CatalogLimits;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the installed packages of a dpkg database: {@code /var/lib/dpkg/status}, or one file of a distroless
 * {@code /var/lib/dpkg/status.d/} (each holds one or more paragraphs and, unlike the status file, no
 * {@code Status} field, so every entry there counts as installed).
 *
 * <p>The format is deb822 paragraphs separated by blank lines; a line starting with a space or tab continues the
 * field above it. The parser works on the bytes and copies only the fields it keeps, so a status file of
 * thousands of packages costs one pass and a few strings per package.
 *
 * <p>An entry counts as installed when its {@code Status} state (the third word) says the package's files are
 * on disk: {@code installed} under any want flag ({@code install}, {@code hold}, and also {@code deinstall} or
 * {@code purge} until dpkg has acted on them), and the interrupted states {@code unpacked},
 * {@code half-configured}, {@code triggers-awaited} and {@code triggers-pending}, which also get a warning.
 * {@code config-files}, {@code not-installed} and {@code half-installed} entries are left out.
 */
public final class DpkgStatusParser {

    /** Where dpkg keeps its database. */
    public static final String STATUS_FILE = "/var/lib/dpkg/status";

    /** Where distroless images keep one file per package instead. */
    public static final String STATUS_D_DIR = "/var/lib/dpkg/status.d";

    private static final Set<String> FILES_ON_DISK = Set.of(
            "installed", "unpacked", "half-configured", "triggers-awaited", "triggers-pending");
    private static final Set<String> NOT_ON_DISK = Set.of("not-installed", "config-files", "half-installed");

    /** Suffixes of the maintainer-script and metadata files that sit beside distroless status.d entries. */
    private static final List<String> CONTROL_SUFFIXES = List.of(
            ".md5sums", ".list", ".conffiles", ".preinst", ".postinst", ".prerm", ".postrm", ".config",
            ".templates", ".triggers", ".shlibs", ".symbols");

    private DpkgStatusParser() {
    }

    /**
     * The installed packages in {@code content}, which was read from {@code file} (an absolute path in the image;
     * a file directly under a {@code status.d} directory is read as a distroless entry).
     *
     * @throws PackageDbException when the content holds no dpkg entry at all (not one paragraph with a
     *                            {@code Package} name), or is a vcpkg database rather than a dpkg one. Blank
     *                            content is an empty database, not an error.
     */
    public static ParseResult<DpkgPackage> parse(String file, byte[] content) throws PackageDbException {
        return parse(file, content, CatalogLimits.current());
    }

    /** As {@link #parse(String, byte[])}, skipping lines and dropping packages past {@code limits}. */
    public static ParseResult<DpkgPackage> parse(String file, byte[] content, CatalogLimits limits)
            throws PackageDbException {
        return new Run(file, content, isInStatusD(file), limits).parse();
    }

    /**
     * Whether a file under {@code /var/lib/dpkg/status.d/} is a package entry rather than one of the
     * {@code NAME.md5sums}, {@code NAME.preinst}, ... files distroless images keep beside it.
     */
    public static boolean isStatusDEntry(String path) {
        if (!isInStatusD(path)) {
            return false;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.startsWith(".")) {
            return false;
        }
        for (String suffix : CONTROL_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return false;
            }
        }
        return true;
    }

    static boolean isInStatusD(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return false;
        }
        String dir = path.substring(0, slash);
        return dir.equals("status.d") || dir.endsWith("/status.d");
    }

    /** One parse of one file; holds the state that would otherwise be threaded through every method. */
    private static final class Run {
        private final String file;
        private final ByteLines lines;
        private final boolean distroless;
        private final ParseWarnings warnings;
        private final List<DpkgPackage> packages = new ArrayList<>();
        private final DpkgParagraph paragraph = new DpkgParagraph();
        private boolean sawEntry;
        private boolean vcpkg;

        private final CatalogLimits limits;

        Run(String file, byte[] content, boolean distroless, CatalogLimits limits) {
            this.file = file;
            this.limits = limits;
            this.lines = new ByteLines(content);
            this.distroless = distroless;
            this.warnings = new ParseWarnings(file);
        }

        ParseResult<DpkgPackage> parse() throws PackageDbException {
            boolean blank = true;
            // The field that continuation lines belong to; null before the first field of a paragraph.
            DpkgField current = null;
            while (lines.next()) {
                if (lines.isBlank()) {
                    finishParagraph();
                    current = null;
                    if (packages.size() >= limits.maxPackagesPerFile()) {
                        break;
                    }
                    continue;
                }
                blank = false;
                if (lines.length() > limits.maxLineBytes()) {
                    warnings.add(lines.number(), "a line of " + lines.length() + " bytes is over the "
                            + limits.maxLineBytes() + "-byte limit: skipped");
                    continue;
                }
                int first = lines.byteAt(0);
                if (first == ' ' || first == '\t') {
                    if (current == DpkgField.CONFFILES) {
                        addConffile();
                    } else if (current == null) {
                        warnings.add(lines.number(), "continuation line with no field above it skipped");
                        current = DpkgField.OTHER;
                    }
                    continue;
                }
                current = readField();
            }
            finishParagraph();
            if (packages.size() >= limits.maxPackagesPerFile() && lines.skipBlank()) {
                warnings.add(lines.number(), limits.packagesCutShort());
            } else if (!lines.newlineEnded()) {
                warnings.add(lines.number(), "file ends without a newline: the last entry may be truncated");
            }
            if (vcpkg) {
                throw new PackageDbException(file, "a vcpkg database (Feature/Port-Version fields), not dpkg's");
            }
            if (!blank && !sawEntry) {
                throw new PackageDbException(file, "no dpkg entry with a Package name"
                        + (warnings.isEmpty() ? "" : " (first problem: " + warnings.first() + ")"));
            }
            return new ParseResult<>(packages, warnings.toList());
        }

        /** Reads a {@code Field: value} line into the paragraph and returns the field continuation lines extend. */
        private DpkgField readField() {
            int start = lines.start();
            int colon = lines.indexOf((byte) ':', start);
            if (colon <= start || hasSpace(start, colon)) {
                warnings.add(lines.number(), "not a 'Field: value' line: skipped");
                return DpkgField.OTHER;
            }
            if (!paragraph.started()) {
                paragraph.start(lines.number());
            }
            DpkgField field = DpkgField.match(lines, start, colon);
            if (field == DpkgField.OTHER) {
                return field;
            }
            if (paragraph.has(field)) {
                warnings.add(lines.number(), "duplicate " + field.key + " field: the first one is kept");
                return DpkgField.OTHER;
            }
            paragraph.put(field, lines.trimmed(colon + 1, lines.end()));
            return field;
        }

        private boolean hasSpace(int from, int to) {
            byte[] data = lines.data();
            for (int i = from; i < to; i++) {
                if (ByteLines.isSpace(data[i])) {
                    return true;
                }
            }
            return false;
        }

        /** A {@code Conffiles} line: {@code path md5 [obsolete] [remove-on-upgrade]}; the path may hold spaces. */
        private void addConffile() {
            String text = lines.line();
            int end = text.length();
            String md5 = "";
            while (end > 0) {
                int space = lastSpace(text, end);
                String word = text.substring(space + 1, end);
                if (word.equals("obsolete") || word.equals("remove-on-upgrade")) {
                    // a line of only a flag has no space before it (-1): no path is left
                    end = trimEnd(text, Math.max(space, 0));
                    continue;
                }
                if (space > 0) {
                    md5 = word;
                    end = trimEnd(text, space);
                }
                break;
            }
            String path = text.substring(0, end);
            if (path.isEmpty()) {
                warnings.add(lines.number(), "empty Conffiles line skipped");
                return;
            }
            paragraph.addConffile(new DpkgFile(path, md5));
        }

        private static int lastSpace(String text, int end) {
            for (int i = end - 1; i >= 0; i--) {
                char c = text.charAt(i);
                if (c == ' ' || c == '\t') {
                    return i;
                }
            }
            return -1;
        }

        private static int trimEnd(String text, int end) {
            while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
                end--;
            }
            return end;
        }

        private void finishParagraph() {
            if (!paragraph.started()) {
                return;
            }
            try {
                if (paragraph.vcpkg()) {
                    vcpkg = true;
                }
                String name = paragraph.get(DpkgField.PACKAGE);
                int line = paragraph.line();
                if (name == null || name.isEmpty()) {
                    warnings.add(line, "entry without a Package name skipped");
                    return;
                }
                sawEntry = true;
                String status = paragraph.get(DpkgField.STATUS);
                if (!counts(name, status, line)) {
                    return;
                }
                String version = paragraph.get(DpkgField.VERSION);
                if (version == null || version.isEmpty()) {
                    warnings.add(line, "package " + name + " has no Version");
                }
                String[] source = splitSource(paragraph.get(DpkgField.SOURCE), line);
                packages.add(new DpkgPackage(name, version, paragraph.get(DpkgField.ARCHITECTURE), source[0],
                        source[1], paragraph.get(DpkgField.MAINTAINER),
                        installedSize(paragraph.get(DpkgField.INSTALLED_SIZE), line),
                        paragraph.get(DpkgField.MULTI_ARCH), paragraph.get(DpkgField.DESCRIPTION), status,
                        paragraph.conffiles(), line));
            } finally {
                paragraph.reset();
            }
        }

        /** Whether the entry's files are on disk, per its Status (absent in distroless entries). */
        private boolean counts(String name, String status, int line) {
            if (status == null) {
                if (!distroless) {
                    warnings.add(line, "package " + name + " has no Status field: skipped");
                }
                return distroless;
            }
            String[] words = words(status);
            if (words.length < 3) {
                warnings.add(line, "package " + name + " has a malformed Status '" + status + "': skipped");
                return false;
            }
            String state = words[words.length - 1];
            if (state.equals("installed")) {
                return true;
            }
            if (FILES_ON_DISK.contains(state)) {
                warnings.add(line, "package " + name + " is only " + state + " (Status: " + status
                        + "); listed because its files are on disk");
                return true;
            }
            if (!NOT_ON_DISK.contains(state)) {
                warnings.add(line, "package " + name + " has an unknown Status state '" + state + "': skipped");
            }
            return false;
        }

        /** {@code name} or {@code name (version)}; a missing part is "" and the package record fills it in. */
        private String[] splitSource(String source, int line) {
            if (source == null || source.isEmpty()) {
                return new String[] {"", ""};
            }
            int open = source.indexOf('(');
            int space = firstSpace(source);
            int nameEnd = Math.min(open < 0 ? source.length() : open, space < 0 ? source.length() : space);
            String name = source.substring(0, nameEnd);
            if (open < 0) {
                return new String[] {name, ""};
            }
            int close = source.indexOf(')', open);
            if (close < 0) {
                warnings.add(line, "Source '" + source + "' has no closing parenthesis");
                close = source.length();
            }
            return new String[] {name, source.substring(open + 1, close).trim()};
        }

        /**
         * {@code Installed-Size} in KiB. dpkg writes a bare number of KiB; some hand-made entries carry a unit
         * ({@code 4KB}), which is converted and rounded up.
         */
        private long installedSize(String value, int line) {
            if (value == null || value.isEmpty()) {
                return -1;
            }
            int i = 0;
            long n = 0;
            while (i < value.length() && Character.isDigit(value.charAt(i)) && i < 18) {
                n = n * 10 + (value.charAt(i) - '0');
                i++;
            }
            String unit = value.substring(i).trim().toLowerCase(java.util.Locale.ROOT);
            long bytesPerUnit;
            switch (unit) {
                case "", "kib", "k" -> {
                    return i == 0 ? badSize(value, line) : n;
                }
                case "b" -> bytesPerUnit = 1;
                case "kb" -> bytesPerUnit = 1000;
                case "mb" -> bytesPerUnit = 1000_000;
                case "mib", "m" -> bytesPerUnit = 1L << 20;
                case "gb" -> bytesPerUnit = 1000_000_000;
                case "gib", "g" -> bytesPerUnit = 1L << 30;
                default -> {
                    return badSize(value, line);
                }
            }
            if (i == 0) {
                return badSize(value, line);
            }
            return (n * bytesPerUnit + 1023) / 1024;
        }

        private long badSize(String value, int line) {
            warnings.add(line, "unreadable Installed-Size '" + value + "'");
            return -1;
        }

        private static int firstSpace(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                    return i;
                }
            }
            return -1;
        }

        private static String[] words(String s) {
            List<String> words = new ArrayList<>(3);
            int i = 0;
            while (i < s.length()) {
                while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    words.add(s.substring(start, i));
                }
            }
            return words.toArray(new String[0]);
        }
    }
}
