package io.plimsoll.ecosystem.alpine;

import java.util.List;
import java.util.Objects;

/**
 * One package from {@code /lib/apk/db/installed}.
 *
 * @param origin        the aport the package was built from ({@code o:}), which the Alpine security database
 *                      is keyed by; the package's own name when the entry has none
 * @param buildTime     build time in seconds since the epoch ({@code t:}), or -1
 * @param installedSize bytes on disk ({@code I:}), or -1
 * @param files         regular files and links ({@code R:} lines joined to their {@code F:} directory);
 *                      directories are not listed
 * @param line          1-based line where the entry starts
 */
public record ApkPackage(String name, String version, String arch, String origin, String license,
                         String maintainer, String commit, long buildTime, long installedSize, List<ApkFile> files,
                         int line) {

    public ApkPackage {
        Objects.requireNonNull(name, "name");
        version = orEmpty(version);
        arch = orEmpty(arch);
        origin = origin == null || origin.isEmpty() ? name : origin;
        license = orEmpty(license);
        maintainer = orEmpty(maintainer);
        commit = orEmpty(commit);
        files = files == null ? List.of() : List.copyOf(files);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
