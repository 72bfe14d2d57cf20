package io.plimsoll.ecosystem.distro;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.ReleaseFile;
import io.plimsoll.ecosystem.ReleaseSupplement;
import io.plimsoll.model.Distro;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Works out an image's distribution from its release files, given the squashed file tree.
 *
 * <p>os-release ({@code /etc/os-release}, then {@code /usr/lib/os-release}) decides when present; the
 * distribution's own files then only fill gaps (its family's {@link ReleaseSupplement}: Debian's point release, an
 * Ubuntu codename, a missing Alpine version), and {@code /etc/system-release-cpe} a missing CPE. Without
 * os-release, the older files every registered distribution names ({@link Ecosystems#releaseFiles()}) are tried
 * most specific first, with {@code /etc/system-release-cpe} after the named release files and a BusyBox binary's
 * banner last. Which files those are, and what a product name or CPE vendor stands for, is each distribution's
 * hint in its ecosystem's descriptor; nothing here names a distribution.
 */
public final class DistroDetector {

    private static final List<String> OS_RELEASE = List.of("/etc/os-release", "/usr/lib/os-release");

    private static final String CPE_FILE = "/etc/system-release-cpe";

    /** Every older file, the distributions' and the detector's own, in the order they are tried. */
    private static final List<ReleaseFile> OLDER = olderFiles();

    /** Every file {@link #detect} may read; the caller has the walker collect these. */
    public static final List<String> FILES = files();

    /** Paths {@link #detect} asks {@code exists} about. */
    public static final List<String> PRESENCE_CHECKS = OLDER.stream().flatMap(f -> f.onlyWith().stream())
            .distinct().toList();

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
        for (String path : OS_RELEASE) {
            Optional<Distro> d = files.apply(path).map(OsRelease::parse).flatMap(ReleaseFiles::fromOsRelease);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private static Optional<Distro> olderReleaseFiles(Function<String, Optional<byte[]>> files,
                                                      Predicate<String> exists) {
        for (ReleaseFile f : OLDER) {
            if (!f.onlyWith().isEmpty() && f.onlyWith().stream().noneMatch(exists)) {
                continue;
            }
            Optional<Distro> d = files.apply(f.path()).flatMap(f.reader());
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private static Distro supplement(Distro d, Function<String, Optional<byte[]>> files) {
        Distro s = Ecosystems.family(d.id()).map(DistroFamily::supplement).orElse(ReleaseSupplement.NONE)
                .supplement(d, files);
        String cpe = s.cpe();
        if (cpe.isEmpty()) {
            cpe = files.apply(CPE_FILE).flatMap(ReleaseFiles::fromCpe)
                    .filter(c -> c.id().equals(d.id())).map(Distro::cpe).orElse("");
        }
        return new Distro(d.id(), s.versionId(), s.codename(), d.prettyName(), cpe, d.idLike());
    }

    private static List<ReleaseFile> olderFiles() {
        List<ReleaseFile> out = new ArrayList<>(Ecosystems.releaseFiles());
        out.add(ReleaseFile.of(CPE_FILE, ReleaseFile.CPE_RANK, ReleaseFiles::fromCpe));
        out.add(ReleaseFile.of("/bin/busybox", ReleaseFile.LAST_RANK, ReleaseFiles::fromBusyBox));
        out.sort(Comparator.comparingInt(ReleaseFile::rank));
        return List.copyOf(out);
    }

    private static List<String> files() {
        Set<String> out = new LinkedHashSet<>(OS_RELEASE);
        OLDER.forEach(f -> out.add(f.path()));
        return List.copyOf(out);
    }
}
