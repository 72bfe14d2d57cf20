package io.plimsoll.ecosystem.rpm;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.ReleaseFile;
import io.plimsoll.ecosystem.ReleaseKey;
import io.plimsoll.ecosystem.distro.ReleaseFiles;
import io.plimsoll.model.PackageType;
import java.util.List;

/**
 * The rpm database and rpm's version order, shared by every rpm-based distribution; the feeds and match rules of
 * each distribution live in its own package ({@code redhat}).
 */
public final class RpmEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("rpm").os()
            .packageType(PackageType.RPM, RpmVersionScheme.NAME)
            .schemes(new RpmVersionScheme())
            .catalogers(() -> List.of(new RpmCataloger()))
            // rpm-based distributions without a feed yet: their images are seen to lack data, keyed as they
            // publish security data (RHEL's rebuilds and Fedora per major release)
            .distros(DistroFamily.withoutFeed("centos", ReleaseKey.MAJOR).releaseNames("CentOS")
                            .cpeVendors("centos").rebuildOf("rhel").releaseFile(releaseText("/etc/centos-release", 40)),
                    DistroFamily.withoutFeed("scientific", ReleaseKey.MAJOR).releaseNames("Scientific Linux")
                            .cpeVendors("scientificlinux").rebuildOf("rhel"),
                    DistroFamily.withoutFeed("fedora", ReleaseKey.MAJOR).releaseNames("Fedora")
                            .cpeVendors("fedoraproject"))
            .upgradeCommand(PackageType.RPM, (pkg, name, version) -> "dnf upgrade " + pkg.name() + "-" + version)
            .build();

    private RpmEcosystem() {
    }

    /** A {@code NAME release VERSION} file, tried at {@code rank}. */
    private static ReleaseFile releaseText(String path, int rank) {
        return ReleaseFile.of(path, rank, ReleaseFiles::fromReleaseText);
    }
}
