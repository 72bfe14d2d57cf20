package io.plimsoll.ecosystem.debian;

import io.plimsoll.ecosystem.ByteLines;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseWarnings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads which files a Debian package owns from its info files: {@code NAME.list} and {@code NAME:ARCH.list}
 * (one absolute path a line), {@code NAME.md5sums} ({@code md5}, two spaces, the path without its leading slash;
 * distroless images keep these in {@code status.d/}) and {@code NAME.conffiles}.
 */
public final class DpkgInfoParser {

    /** Where dpkg keeps the info files; distroless images keep their md5sums in {@code status.d} instead. */
    public static final String INFO_DIR = "/var/lib/dpkg/info";

    private DpkgInfoParser() {
    }

    /** The kind of info file a path names, if it is one this parser reads. */
    public static Optional<DpkgInfoFile.Kind> kindOf(String path) {
        for (DpkgInfoFile.Kind kind : DpkgInfoFile.Kind.values()) {
            if (path.endsWith(kind.suffix) && path.length() > path.lastIndexOf('/') + 1 + kind.suffix.length()) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses one info file; the package and architecture come from its name.
     *
     * @throws PackageDbException when the name is not an info file this parser reads, or the content is not
     *                            blank yet holds not one usable line
     */
    public static DpkgInfoFile parse(String file, byte[] content) throws PackageDbException {
        return parse(file, content, Integer.MAX_VALUE);
    }

    /** As {@link #parse(String, byte[])}, keeping at most {@code maxFiles} files (the rest are not read). */
    public static DpkgInfoFile parse(String file, byte[] content, int maxFiles) throws PackageDbException {
        DpkgInfoFile.Kind kind = kindOf(file)
                .orElseThrow(() -> new PackageDbException(file, "not a .list, .md5sums or .conffiles file"));
        String base = file.substring(file.lastIndexOf('/') + 1, file.length() - kind.suffix.length());
        int colon = base.indexOf(':');
        String name = colon < 0 ? base : base.substring(0, colon);
        String arch = colon < 0 ? "" : base.substring(colon + 1);

        ParseWarnings warnings = new ParseWarnings(file);
        List<DpkgFile> files = new ArrayList<>();
        ByteLines lines = new ByteLines(content);
        boolean blank = true;
        while (files.size() < maxFiles && lines.next()) {
            if (lines.isBlank()) {
                continue;
            }
            blank = false;
            DpkgFile f = kind == DpkgInfoFile.Kind.MD5SUMS ? md5Line(lines, warnings) : pathLine(lines, warnings);
            if (f != null) {
                files.add(f);
            }
        }
        if (!blank && files.isEmpty()) {
            throw new PackageDbException(file, "no usable line (first problem: " + warnings.first() + ")");
        }
        return new DpkgInfoFile(name, arch, kind, files, warnings.toList());
    }

    /**
     * The {@code .list} paths with the md5s of the matching {@code .md5sums} filled in: the package's complete
     * ownership in one list. Paths only in the md5sums (a damaged .list) are appended.
     */
    public static List<DpkgFile> merge(DpkgInfoFile list, DpkgInfoFile md5sums) {
        Map<String, String> md5ByPath = new HashMap<>();
        for (DpkgFile f : md5sums.files()) {
            md5ByPath.put(f.path(), f.md5());
        }
        List<DpkgFile> merged = new ArrayList<>(list.files().size());
        for (DpkgFile f : list.files()) {
            String md5 = md5ByPath.remove(f.path());
            merged.add(md5 == null ? f : new DpkgFile(f.path(), md5));
        }
        for (DpkgFile f : md5sums.files()) {
            if (md5ByPath.containsKey(f.path())) {
                merged.add(f);
            }
        }
        return merged;
    }

    /** A {@code .list} or {@code .conffiles} line: the whole line is the path, spaces included. */
    private static DpkgFile pathLine(ByteLines lines, ParseWarnings warnings) {
        String path = lines.trimmed(lines.start(), lines.end());
        if (path.charAt(0) != '/') {
            warnings.add(lines.number(), "not an absolute path: skipped");
            return null;
        }
        // dpkg lists the root itself as "/." in every .list file; it owns nothing.
        if (path.equals("/.")) {
            return null;
        }
        return new DpkgFile(path, "");
    }

    /** {@code <32 hex>  path} as md5sum(1) writes it; one space or md5sum's binary-mode {@code *} is accepted. */
    private static DpkgFile md5Line(ByteLines lines, ParseWarnings warnings) {
        int start = lines.start();
        byte[] data = lines.data();
        int i = start;
        while (i < lines.end() && isHex(data[i])) {
            i++;
        }
        if (i - start != 32 || i >= lines.end() || data[i] != ' ') {
            warnings.add(lines.number(), "not an 'md5  path' line: skipped");
            return null;
        }
        int p = i + 1;
        if (p < lines.end() && (data[p] == ' ' || data[p] == '*')) {
            p++;
        }
        String path = lines.trimmed(p, lines.end());
        if (path.isEmpty()) {
            warnings.add(lines.number(), "md5 without a path: skipped");
            return null;
        }
        String md5 = new String(data, start, 32, java.nio.charset.StandardCharsets.US_ASCII)
                .toLowerCase(java.util.Locale.ROOT);
        return new DpkgFile(path.charAt(0) == '/' ? path : "/" + path, md5);
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
