package io.plimsoll.ecosystem.alpine;

import io.plimsoll.ecosystem.ByteLines;
import io.plimsoll.ecosystem.CatalogLimits;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code /lib/apk/db/installed}: one record per package, records separated by blank lines, each line
 * {@code X:value} with a one-letter key. {@code F:} names a directory and the {@code R:} lines after it are files
 * in it, each optionally followed by {@code a:} (owner and mode) and {@code Z:} (checksum). Keys this parser
 * does not use are skipped, so newer apk-tools fields do no harm.
 */
public final class ApkInstalledParser {

    /** Where apk keeps its database. */
    public static final String INSTALLED_FILE = "/lib/apk/db/installed";

    private ApkInstalledParser() {
    }

    /**
     * The packages in {@code content}, read from {@code file}.
     *
     * @throws PackageDbException when the content is not blank yet holds not one record with a {@code P:} name
     */
    public static ParseResult<ApkPackage> parse(String file, byte[] content) throws PackageDbException {
        return parse(file, content, CatalogLimits.current());
    }

    /** As {@link #parse(String, byte[])}, skipping lines and dropping packages past {@code limits}. */
    public static ParseResult<ApkPackage> parse(String file, byte[] content, CatalogLimits limits)
            throws PackageDbException {
        return new Run(file, content, limits).parse();
    }

    private static final class Run {
        private final String file;
        private final ByteLines lines;
        private final ParseWarnings warnings;
        private final List<ApkPackage> packages = new ArrayList<>();
        private final Record record = new Record();
        private final CatalogLimits limits;
        private boolean sawEntry;
        /** R: files kept over all packages, against {@link CatalogLimits#maxOwnedFiles}. */
        private long files;

        Run(String file, byte[] content, CatalogLimits limits) {
            this.file = file;
            this.limits = limits;
            this.lines = new ByteLines(content);
            this.warnings = new ParseWarnings(file);
        }

        ParseResult<ApkPackage> parse() throws PackageDbException {
            boolean blank = true;
            while (lines.next()) {
                if (lines.isBlank()) {
                    finishRecord();
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
                if (lines.length() < 2 || lines.byteAt(1) != ':') {
                    warnings.add(lines.number(), "not an 'X:value' line: skipped");
                    continue;
                }
                readLine((char) lines.byteAt(0));
            }
            finishRecord();
            if (packages.size() >= limits.maxPackagesPerFile() && lines.skipBlank()) {
                warnings.add(lines.number(), limits.packagesCutShort());
            } else if (!lines.newlineEnded()) {
                warnings.add(lines.number(), "file ends without a newline: the last entry may be truncated");
            }
            if (!blank && !sawEntry) {
                throw new PackageDbException(file, "no apk entry with a P: name"
                        + (warnings.isEmpty() ? "" : " (first problem: " + warnings.first() + ")"));
            }
            return new ParseResult<>(packages, warnings.toList());
        }

        private void readLine(char key) {
            int from = lines.start() + 2;
            if (key == 'P' && record.name != null) {
                // Two packages run together: keep both rather than lose one.
                warnings.add(lines.number(), "P: inside an entry: taken as a new entry (missing blank line?)");
                finishRecord();
            }
            if (record.line == 0) {
                record.line = lines.number();
            }
            switch (key) {
                case 'P' -> record.name = value(from);
                case 'V' -> record.version = value(from);
                case 'A' -> record.arch = value(from);
                case 'o' -> record.origin = value(from);
                case 'L' -> record.license = value(from);
                case 'm' -> record.maintainer = value(from);
                case 'c' -> record.commit = value(from);
                case 't' -> record.buildTime = number(from, "t:");
                case 'I' -> record.installedSize = number(from, "I:");
                case 'F' -> record.directory(raw(from));
                case 'R' -> addFile(raw(from));
                case 'Z' -> record.checksum(value(from));
                default -> {
                    // dependencies, provides, sizes, acls and the rest: not needed here
                }
            }
        }

        private void addFile(String name) {
            if (record.directory == null) {
                warnings.add(lines.number(), "R:" + name + " before any F: directory: skipped");
                return;
            }
            if (name.isEmpty()) {
                warnings.add(lines.number(), "empty R: line skipped");
                return;
            }
            if (files >= limits.maxOwnedFiles()) {
                if (files++ == limits.maxOwnedFiles()) {
                    warnings.add(lines.number(), "more than " + limits.maxOwnedFiles() + " files owned by the "
                            + "packages of one database: the rest are not listed");
                }
                record.fileOpen = false; // a Z: line after it is this file's, not the last one kept
                return;
            }
            files++;
            record.addFile(name);
        }

        private String value(int from) {
            return lines.trimmed(from, lines.end());
        }

        /** File and directory names are kept byte for byte: a name may end in a space. */
        private String raw(int from) {
            return new String(lines.data(), from, lines.end() - from, java.nio.charset.StandardCharsets.UTF_8);
        }

        private long number(int from, String key) {
            String v = value(from);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                warnings.add(lines.number(), "unreadable " + key + " value '" + v + "'");
                return -1;
            }
        }

        private void finishRecord() {
            if (record.line == 0) {
                return;
            }
            if (record.name == null || record.name.isEmpty()) {
                warnings.add(record.line, "entry without a P: name skipped");
            } else {
                sawEntry = true;
                if (record.version == null || record.version.isEmpty()) {
                    warnings.add(record.line, "package " + record.name + " has no V: version");
                }
                packages.add(record.toPackage());
            }
            record.reset();
        }
    }

    /** The record being read. */
    private static final class Record {
        String name;
        String version;
        String arch;
        String origin;
        String license;
        String maintainer;
        String commit;
        long buildTime = -1;
        long installedSize = -1;
        int line;
        /** The current F: directory as an absolute path without a trailing slash ("" for the root). */
        String directory;
        final List<String> paths = new ArrayList<>();
        final List<String> checksums = new ArrayList<>();
        /** Whether a Z: line now would belong to the last R: file (and not to an F: directory). */
        boolean fileOpen;

        void directory(String relative) {
            String d = relative;
            while (d.endsWith("/")) {
                d = d.substring(0, d.length() - 1);
            }
            directory = d.isEmpty() ? "" : d.startsWith("/") ? d : "/" + d;
            fileOpen = false;
        }

        void addFile(String name) {
            paths.add(directory + "/" + name);
            checksums.add("");
            fileOpen = true;
        }

        void checksum(String value) {
            if (fileOpen) {
                checksums.set(checksums.size() - 1, value);
            }
        }

        ApkPackage toPackage() {
            List<ApkFile> files = new ArrayList<>(paths.size());
            for (int i = 0; i < paths.size(); i++) {
                files.add(new ApkFile(paths.get(i), checksums.get(i)));
            }
            return new ApkPackage(name, version, arch, origin, license, maintainer, commit, buildTime,
                    installedSize, files, line);
        }

        void reset() {
            name = version = arch = origin = license = maintainer = commit = null;
            buildTime = installedSize = -1;
            line = 0;
            directory = null;
            paths.clear();
            checksums.clear();
            fileOpen = false;
        }
    }
}
