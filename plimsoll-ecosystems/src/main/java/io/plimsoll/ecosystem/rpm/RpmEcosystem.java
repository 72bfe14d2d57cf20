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
            .upgradeCommand(PackageType.RPM, RpmEcosystem::upgrade)
            .build();

    private static final java.util.regex.Pattern DISTRO_QUALIFIER = java.util.regex.Pattern.compile("[?&]distro=([^&]+)");

    /**
     * The upgrade command in the image's own package manager: SUSE's is zypper (no dnf there), and Amazon Linux 2
     * and the release-7 generation of RHEL and its rebuilds have yum but no dnf; the others have dnf (where yum is
     * dnf's alias). Told from the PURL the cataloger wrote: its namespace and {@code distro} qualifier.
     */
    static String upgrade(io.plimsoll.catalog.Package pkg, String name, String version) {
        String purl = pkg.purl() == null ? "" : pkg.purl();
        java.util.regex.Matcher q = DISTRO_QUALIFIER.matcher(purl);
        String distro = q.find() ? java.net.URLDecoder.decode(q.group(1), java.nio.charset.StandardCharsets.UTF_8) : "";
        if (purl.startsWith("pkg:rpm/suse/") || purl.startsWith("pkg:rpm/opensuse/") || distro.startsWith("sle")
                || distro.startsWith("sl-micro") || distro.startsWith("opensuse")) {
            return "zypper install '" + pkg.name() + ">=" + version + "'";
        }
        if (distro.equals("amzn-2") || distro.matches("(rhel|centos|ol|scientific|rocky|almalinux)-7(\\..*)?")) {
            return "yum upgrade " + pkg.name() + "-" + version;
        }
        return "dnf upgrade " + pkg.name() + "-" + version;
    }

    private RpmEcosystem() {
    }

    /** A {@code NAME release VERSION} file, tried at {@code rank}. */
    private static ReleaseFile releaseText(String path, int rank) {
        return ReleaseFile.of(path, rank, ReleaseFiles::fromReleaseText);
    }
}
