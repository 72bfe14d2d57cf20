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
                    DistroFamily.withoutFeed("rocky", ReleaseKey.MAJOR).releaseNames("Rocky Linux")
                            .cpeVendors("rocky").rebuildOf("rhel"),
                    DistroFamily.withoutFeed("almalinux", ReleaseKey.MAJOR).releaseNames("AlmaLinux")
                            .cpeVendors("almalinux").rebuildOf("rhel"),
                    // Oracle Linux 5 called itself "Enterprise Linux Enterprise Linux"; its redhat-release says
                    // Red Hat, so oracle-release is read before it
                    DistroFamily.withoutFeed("ol", ReleaseKey.MAJOR)
                            .releaseNames("Oracle Linux", "Enterprise Linux Enterprise Linux").cpeVendors("oracle")
                            .rebuildOf("rhel").releaseFile(releaseText("/etc/oracle-release", 30))
                            .purlNamespace("oracle"),
                    DistroFamily.withoutFeed("scientific", ReleaseKey.MAJOR).releaseNames("Scientific Linux")
                            .cpeVendors("scientificlinux").rebuildOf("rhel"),
                    DistroFamily.withoutFeed("fedora", ReleaseKey.MAJOR).releaseNames("Fedora")
                            .cpeVendors("fedoraproject"),
                    DistroFamily.withoutFeed("mariner", ReleaseKey.MAJOR_MINOR),
                    DistroFamily.withoutFeed("azurelinux", ReleaseKey.MAJOR_MINOR),
                    DistroFamily.withoutFeed("opensuse-tumbleweed", ReleaseKey.ROLLING)
                            .purlNamespace("opensuse", "opensuse"),
                    DistroFamily.withoutFeed("opensuse-leap", ReleaseKey.AS_WRITTEN).purlNamespace("opensuse"),
                    DistroFamily.withoutFeed("sles", ReleaseKey.AS_WRITTEN).purlNamespace("suse", "sled", "sle-micro"),
                    // Amazon Linux names itself only in system-release, which the others link to their own file
                    DistroFamily.withoutFeed("amzn", ReleaseKey.AS_WRITTEN).releaseNames("Amazon Linux")
                            .cpeVendors("amazon").releaseFile(releaseText("/etc/system-release", 60))
                            .purlNamespace("amazon"))
            .build();

    private RpmEcosystem() {
    }

    /** A {@code NAME release VERSION} file, tried at {@code rank}. */
    private static ReleaseFile releaseText(String path, int rank) {
        return ReleaseFile.of(path, rank, ReleaseFiles::fromReleaseText);
    }
}
