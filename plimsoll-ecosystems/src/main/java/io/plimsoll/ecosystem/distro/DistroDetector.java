package io.plimsoll.ecosystem.distro;

import io.plimsoll.ecosystem.debian.DpkgStatusParser;
import io.plimsoll.model.Distro;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Works out an image's distribution from its release files, given the squashed file tree.
 *
 * <p>os-release ({@code /etc/os-release}, then {@code /usr/lib/os-release}) decides when present; the other files
 * then only fill gaps: Debian's point release and its testing codename from {@code /etc/debian_version}, an
 * Ubuntu codename from {@code /etc/lsb-release}, a missing Alpine version from {@code /etc/alpine-release}, a
 * missing CPE from {@code /etc/system-release-cpe}. Without os-release, older files are tried, most specific
 * first: lsb-release (Ubuntu before 12.04), alpine-release, oracle-release (Oracle Linux ships a Red Hat branded
 * redhat-release beside it), centos-release, redhat-release, system-release (Amazon Linux), system-release-cpe,
 * then {@code /etc/debian_version} where a dpkg database exists (distroless Debian images have no os-release
 * but keep {@code /var/lib/dpkg/status.d}), and last a BusyBox binary's banner.
 */
public final class DistroDetector {

    /** Every file {@link #detect} may read; the caller has the walker collect these. */
    public static final List<String> FILES = List.of(
            "/etc/os-release", "/usr/lib/os-release", "/etc/lsb-release", "/etc/alpine-release",
            "/etc/debian_version", "/etc/oracle-release", "/etc/centos-release", "/etc/redhat-release",
            "/etc/system-release", "/etc/system-release-cpe", "/bin/busybox");

    /** Paths {@link #detect} asks {@code exists} about. */
    public static final List<String> PRESENCE_CHECKS = List.of(
            DpkgStatusParser.STATUS_D_DIR, DpkgStatusParser.STATUS_FILE);

    private DistroDetector() {
    }

    /**
     * The distribution, or empty when no release file says anything usable.
     *
     * @param files  the content of the regular file at an absolute path of the squashed image (symlinks already
     *               resolved), empty when there is none
     * @param exists whether anything (file or directory) exists at an absolute path
     */
    public static Optional<Distro> detect(Function<String, Optional<byte[]>> files, Predicate<String> exists) {
        Optional<Distro> found = osRelease(files);
        if (found.isEmpty()) {
            found = olderReleaseFiles(files, exists);
        }
        return found.map(d -> supplement(d, files));
    }

    private static Optional<Distro> osRelease(Function<String, Optional<byte[]>> files) {
        for (String path : List.of("/etc/os-release", "/usr/lib/os-release")) {
            Optional<Distro> d = files.apply(path).map(OsRelease::parse).flatMap(ReleaseFiles::fromOsRelease);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private static Optional<Distro> olderReleaseFiles(Function<String, Optional<byte[]>> files,
                                                      Predicate<String> exists) {
        Optional<Distro> d = files.apply("/etc/lsb-release").map(OsRelease::parse)
                .flatMap(ReleaseFiles::fromLsbRelease);
        if (d.isEmpty()) {
            d = files.apply("/etc/alpine-release").flatMap(ReleaseFiles::fromAlpineRelease);
        }
        for (String path : List.of("/etc/oracle-release", "/etc/centos-release", "/etc/redhat-release",
                "/etc/system-release")) {
            if (d.isEmpty()) {
                d = files.apply(path).flatMap(ReleaseFiles::fromReleaseText);
            }
        }
        if (d.isEmpty()) {
            d = files.apply("/etc/system-release-cpe").flatMap(ReleaseFiles::fromCpe);
        }
        if (d.isEmpty() && PRESENCE_CHECKS.stream().anyMatch(exists)) {
            d = files.apply("/etc/debian_version").flatMap(DistroDetector::fromDebianVersion);
        }
        if (d.isEmpty()) {
            d = files.apply("/bin/busybox").flatMap(ReleaseFiles::fromBusyBox);
        }
        return d;
    }

    private static Optional<Distro> fromDebianVersion(byte[] content) {
        String[] vc = ReleaseFiles.debianVersion(content);
        if (vc[0].isEmpty() && vc[1].isEmpty()) {
            return Optional.empty();
        }
        String pretty = "Debian GNU/Linux " + (vc[0].isEmpty() ? vc[1] : vc[0]);
        return Optional.of(new Distro("debian", vc[0], vc[1], pretty, "", List.of()));
    }

    private static Distro supplement(Distro d, Function<String, Optional<byte[]>> files) {
        String versionId = d.versionId();
        String codename = d.codename();
        String cpe = d.cpe();
        switch (d.id()) {
            case "debian" -> {
                String[] vc = files.apply("/etc/debian_version").map(ReleaseFiles::debianVersion)
                        .orElse(new String[] {"", ""});
                // The point release is more precise than os-release's major, but only if both are one release.
                if (!vc[0].isEmpty() && (versionId.isEmpty() || major(vc[0]).equals(major(versionId)))) {
                    versionId = vc[0];
                }
                if (codename.isEmpty()) {
                    codename = vc[1];
                }
            }
            case "ubuntu" -> {
                if (codename.isEmpty()) {
                    codename = files.apply("/etc/lsb-release").map(OsRelease::parse)
                            .map(v -> v.getOrDefault("DISTRIB_CODENAME", "").trim()).orElse("");
                }
            }
            case "alpine" -> {
                if (versionId.isEmpty()) {
                    versionId = files.apply("/etc/alpine-release").flatMap(ReleaseFiles::fromAlpineRelease)
                            .map(Distro::versionId).orElse("");
                }
            }
            default -> { }
        }
        if (cpe.isEmpty()) {
            cpe = files.apply("/etc/system-release-cpe").flatMap(ReleaseFiles::fromCpe)
                    .filter(c -> c.id().equals(d.id())).map(Distro::cpe).orElse("");
        }
        return new Distro(d.id(), versionId, codename, d.prettyName(), cpe, d.idLike());
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }
}
