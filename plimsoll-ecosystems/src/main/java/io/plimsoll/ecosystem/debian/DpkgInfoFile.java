package io.plimsoll.ecosystem.debian;

import io.plimsoll.ecosystem.ParseWarning;

import java.util.List;
import java.util.Objects;

/**
 * What one {@code /var/lib/dpkg/info/} file (or a distroless {@code status.d/NAME.md5sums}) says a package owns.
 *
 * @param packageName  the package, from the file name
 * @param architecture the architecture qualifier of a {@code NAME:ARCH.list} file; "" when the name has none
 * @param kind         which info file this was
 * @param files        absolute paths, with md5s for {@link Kind#MD5SUMS} (and "" otherwise)
 */
public record DpkgInfoFile(String packageName, String architecture, Kind kind, List<DpkgFile> files,
                           List<ParseWarning> warnings) {

    /** The info files that list owned paths. */
    public enum Kind {
        /** {@code NAME.list}: every path the package installed, directories included, one a line. */
        LIST(".list"),
        /** {@code NAME.md5sums}: {@code md5  path} for the package's regular files (not conffiles). */
        MD5SUMS(".md5sums"),
        /** {@code NAME.conffiles}: the package's configuration files, one absolute path a line. */
        CONFFILES(".conffiles");

        final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }
    }

    public DpkgInfoFile {
        Objects.requireNonNull(packageName, "packageName");
        architecture = architecture == null ? "" : architecture;
        Objects.requireNonNull(kind, "kind");
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}
