package io.plimsoll.vuln.suppress;

import io.plimsoll.catalog.Package;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.vex.VexFilter;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One line of an ignore file: a vulnerability id (any of its ids: the CVE or the GHSA), optionally until a date and
 * only in some packages or paths.
 *
 * @param line     1-based line number, for messages
 * @param expires  the first day the entry no longer applies (Trivy's {@code exp:}: "accept the risk until then")
 * @param packages what follows each {@code pkg:}: a name (the package's, its source package's, or the name the
 *                 advisory files it under, e.g. {@code openssl} for {@code libssl3}), or the rest of a package URL
 *                 ({@code pkg:maven/org.apache.logging.log4j/log4j-core} is itself the field; version optional,
 *                 qualifiers ignored, as for VEX products); the entry applies when any of them matches
 * @param paths    {@code path:} globs on the file the package was found in ({@code /app/lib/*.jar}); any of them
 * @param comment  the reason written beside or above the entry, may be empty
 */
public record IgnoreEntry(int line, String id, Optional<LocalDate> expires, List<String> packages,
                          List<String> paths, String comment) {

    public IgnoreEntry {
        packages = List.copyOf(packages);
        paths = List.copyOf(paths);
        comment = comment == null ? "" : comment;
    }

    /** Whether the entry still applies on {@code today}: before its expiry day, or forever without one. */
    public boolean activeOn(LocalDate today) {
        return expires.map(today::isBefore).orElse(true);
    }

    /** Whether this entry names the finding's vulnerability, in one of its packages and paths. */
    public boolean covers(Finding f) {
        return f.advisory().ids().matches(id) && inPackages(f) && inPaths(f.pkg());
    }

    private boolean inPackages(Finding f) {
        if (packages.isEmpty()) {
            return true;
        }
        Package p = f.pkg();
        for (String wanted : packages) {
            if (wanted.equals(p.name()) || wanted.equals(p.sourceName()) || wanted.equals(f.matchedName())
                    || VexFilter.purlMatches("pkg:" + wanted, p.purl())) {
                return true;
            }
        }
        return false;
    }

    private boolean inPaths(Package p) {
        if (paths.isEmpty()) {
            return true;
        }
        if (p.location() == null || p.location().isEmpty()) {
            return false;
        }
        Path location = Path.of(p.location());
        for (String glob : paths) {
            if (matcher(glob).matches(location)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Paths in an image are absolute; a glob written without the leading slash (as Trivy's paths are) means the same
     * place, and one starting with {@code **} matches anywhere.
     */
    static PathMatcher matcher(String glob) {
        String g = glob.startsWith("/") || glob.startsWith("*") ? glob : "/" + glob;
        return java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + g);
    }
}
