package io.plimsoll.ecosystem.alma;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.ReleaseKey;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import io.plimsoll.ecosystem.rpm.repodata.ErrataMatchRule;
import java.util.List;

/** AlmaLinux: rpm packages (read by the rpm package) looked up in AlmaLinux's own errata, per major release. */
public final class AlmaEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder(AlmaErrataUpdater.NAME).os()
            .updaters(() -> List.of(new AlmaErrataUpdater()))
            .matchRules(new ErrataMatchRule(AlmaErrataUpdater.NAME, AlmaErrataUpdater.DISTRO))
            .distros(DistroFamily.coveredBy(AlmaErrataUpdater.DISTRO, ReleaseKey.MAJOR, AlmaErrataUpdater.NAME)
                    .feedReleases(AlmaErrataUpdater.MAJORS)
                    .releaseNames("AlmaLinux").cpeVendors("almalinux").rebuildOf("rhel"))
            .namespace(AlmaErrataUpdater.DISTRO, RpmVersionScheme.NAME)
            .build();

    private AlmaEcosystem() {
    }
}
