package io.plimsoll.ecosystem.debian;

import java.util.List;
import java.util.Objects;

/**
 * One installed package from a dpkg status file or a distroless {@code status.d} entry.
 *
 * @param sourceName    the source package; the binary's own name when the entry has no {@code Source} field
 * @param sourceVersion the source package's version; the binary's version when {@code Source} names none
 *                      (binNMUs and some rebuilt packages carry a different one)
 * @param installedSizeKib {@code Installed-Size} in KiB as dpkg records it, or -1 when absent or unreadable
 * @param description   the synopsis (first line of {@code Description}) only
 * @param status        the raw {@code Status} field; "" for distroless entries, which have none
 * @param conffiles     the {@code Conffiles} field: configuration files with the md5 of the packaged version
 * @param line          1-based line where the entry starts in its file, to point a finding at its evidence
 */
public record DpkgPackage(String name, String version, String architecture, String sourceName,
                          String sourceVersion, String maintainer, long installedSizeKib, String multiArch,
                          String description, String status, List<DpkgFile> conffiles, int line) {

    public DpkgPackage {
        Objects.requireNonNull(name, "name");
        version = orEmpty(version);
        architecture = orEmpty(architecture);
        sourceName = sourceName == null || sourceName.isEmpty() ? name : sourceName;
        sourceVersion = sourceVersion == null || sourceVersion.isEmpty() ? version : sourceVersion;
        maintainer = orEmpty(maintainer);
        multiArch = orEmpty(multiArch);
        description = orEmpty(description);
        status = orEmpty(status);
        conffiles = conffiles == null ? List.of() : List.copyOf(conffiles);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
