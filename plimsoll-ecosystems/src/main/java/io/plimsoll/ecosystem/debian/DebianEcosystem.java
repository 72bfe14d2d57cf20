package io.plimsoll.ecosystem.debian;

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
            .build();

    private DebianEcosystem() {
    }
}
