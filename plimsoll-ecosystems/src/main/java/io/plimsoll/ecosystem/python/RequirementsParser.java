package io.plimsoll.ecosystem.python;

import io.plimsoll.ecosystem.ByteLines;
import io.plimsoll.ecosystem.CatalogLimits;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * pip requirements files: only requirements pinned to one exact version ({@code ==} or {@code ===}, no wildcard)
 * name a package; ranges, editables, URLs and local paths pin nothing and are passed over. A line that is not a
 * requirement at all is a warning with its line number.
 *
 * <p>Handled as pip does: comments (a {@code #} at the start or after whitespace, so URL fragments survive),
 * backslash line continuations, extras, environment markers after {@code ;}, per-requirement options such as
 * {@code --hash}. Includes ({@code -r}) are not followed: the cataloger reads every requirements file it finds on its
 * own, and an included file elsewhere would otherwise be counted twice or resolved against the wrong directory.
 */
public final class RequirementsParser {

    private RequirementsParser() {
    }

    public static ParseResult<LockedDistribution> parse(String file, byte[] content) {
        ParseWarnings warnings = new ParseWarnings(file);
        int max = CatalogLimits.current().maxPackagesPerFile();
        List<LockedDistribution> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        ByteLines lines = new ByteLines(content);
        StringBuilder logical = new StringBuilder();
        int firstLine = 0;
        while (lines.next()) {
            if (out.size() >= max) {
                // a line-based file has no document limit: what it costs is the packages kept
                warnings.add(lines.number(), CatalogLimits.current().packagesCutShort());
                logical.setLength(0);
                break;
            }
            String line = stripComment(lines.line());
            if (logical.length() == 0) {
                firstLine = lines.number();
            }
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            String whole = logical.toString().strip();
            logical.setLength(0);
            if (!whole.isEmpty()) {
                LockedDistribution d = line(whole, firstLine, warnings);
                if (d != null && seen.add(PythonNames.normalize(d.declaredName()) + "\u0000" + d.version())) {
                    out.add(d);
                }
            }
        }
        String rest = logical.toString().strip();
        if (!rest.isEmpty()) {
            LockedDistribution d = line(rest, firstLine, warnings);
            if (d != null && seen.add(PythonNames.normalize(d.declaredName()) + "\u0000" + d.version())) {
                out.add(d);
            }
        }
        return new ParseResult<>(out, warnings.toList());
    }

    /** The pinned distribution on one logical line, or null (with a warning when the line is not a requirement). */
    private static LockedDistribution line(String line, int number, ParseWarnings warnings) {
        if (line.startsWith("-")) {
            option(line, number, warnings);
            return null;
        }
        int space = 0;
        while (space < line.length() && !Character.isWhitespace(line.charAt(space))) {
            space++;
        }
        if (line.lastIndexOf("://", space) >= 0 || line.startsWith(".") || line.startsWith("/")) {
            return null; // a URL or a local path: names an archive or directory, pins no version
        }
        Requirement r = Requirement.parse(line);
        if (r.error() != null) {
            warnings.add(number, r.error() + ": " + abbreviate(line));
            return null;
        }
        String version = r.pinnedVersion();
        if (version == null) {
            return null;
        }
        Map<String, String> meta = new LinkedHashMap<>();
        putIf(meta, "constraint", r.specifier());
        putIf(meta, "extras", String.join(",", r.extras()));
        putIf(meta, "markers", r.markers());
        putIf(meta, "url", r.url());
        putIf(meta, "hashes", String.join(",", r.hashes()));
        return new LockedDistribution(r.name(), version, meta);
    }

    private static void option(String line, int number, ParseWarnings warnings) {
        String target = includeTarget(line);
        if (target != null) {
            warnings.add(number, "includes " + (target.isEmpty() ? "a file" : target)
                    + "; not followed (requirements files are read one by one)");
        }
        // -c constraints, -e editables, index and find-links options: nothing pinned to read
    }

    /** The file of {@code -r FILE}, {@code -rFILE} or {@code --requirement[=| ]FILE}; null for other options. */
    private static String includeTarget(String line) {
        String rest;
        if (line.startsWith("--requirement")) {
            rest = line.substring("--requirement".length());
            if (!rest.isEmpty() && rest.charAt(0) != '=' && !Character.isWhitespace(rest.charAt(0))) {
                return null; // some other long option that merely starts the same way
            }
        } else if (line.startsWith("-r")) {
            rest = line.substring(2);
        } else {
            return null;
        }
        return rest.replaceFirst("^[\\s=]+", "");
    }

    /** Drops a comment: {@code #} at the line start or after whitespace (pip's rule). */
    static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i).strip();
            }
        }
        return line;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }
}
