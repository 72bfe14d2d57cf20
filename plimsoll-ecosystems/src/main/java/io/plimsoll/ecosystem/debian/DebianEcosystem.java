package io.plimsoll.ecosystem.debian;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.ReleaseKey;
import io.plimsoll.model.PackageType;
import java.util.List;

/** Debian: the dpkg database, dpkg version order, the security tracker and its per-release, per-source rows. */
public final class DebianEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("debian").os()
            .packageType(PackageType.DEB, DebianVersionScheme.NAME)
            .schemes(new DebianVersionScheme())
            .catalogers(() -> List.of(new DpkgCataloger()))
            .updaters(() -> List.of(new DebianTrackerUpdater()))
            .matchRules(new DebianMatchRule())
            .distros(DistroFamily.coveredBy(DebianReleases.FAMILY, DebianReleases.KEY, DebianTrackerUpdater.NAME)
                    .releaseFile(DebianVersionFile.FILE).supplement(DebianVersionFile.SUPPLEMENT)
                    .versionGivesCodename()
                    // os-release gives the major release, not debian_version's point release
                    .purlRelease(ReleaseKey.MAJOR))
            .namespace(DebianReleases.FAMILY, DebianVersionScheme.NAME)
            .upgradeCommand(PackageType.DEB, DebianEcosystem::aptGet)
            .build();

    private DebianEcosystem() {
    }

    /**
     * The security tracker names fixed <em>source</em> versions, and the target is one; apt-get pins a
     * <em>binary</em> version. The two agree when the installed binary carries its source's version, so the pin is
     * given then. They differ for a binNMU ({@code 1.2-3+b1} built from {@code 1.2-3}) and for sources that version
     * their binaries on their own; the fixed source's binaries may then be {@code 1.2-4+b1} or anything else, and a
     * pin to the source version would name a version that does not exist. So the command upgrades without a pin and
     * says which source version to reach.
     */
    static String aptGet(Package pkg, String sourceName, String sourceVersion) {
        String command = "apt-get install --only-upgrade " + pkg.name();
        boolean sameAsSource = pkg.sourceVersion() == null || pkg.sourceVersion().isEmpty()
                || pkg.sourceVersion().equals(pkg.version());
        return sameAsSource ? command + "=" + sourceVersion
                : command + " (to source " + sourceName + " " + sourceVersion + " or later)";
    }
}
