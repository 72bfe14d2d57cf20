package io.plimsoll.ecosystem.rocky;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.ReleaseKey;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import io.plimsoll.ecosystem.rpm.repodata.ErrataMatchRule;
import java.util.List;

/** Rocky Linux: rpm packages (read by the rpm package) looked up in Rocky's own errata, per major release. */
public final class RockyEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder(RockyUpdateInfoUpdater.NAME).os()
            .updaters(() -> List.of(new RockyUpdateInfoUpdater()))
            .matchRules(new ErrataMatchRule(RockyUpdateInfoUpdater.NAME, RockyUpdateInfoUpdater.NAME))
            .distros(DistroFamily.coveredBy("rocky", ReleaseKey.MAJOR, RockyUpdateInfoUpdater.NAME)
                    .releaseNames("Rocky Linux").cpeVendors("rocky").rebuildOf("rhel"))
            .namespace("rocky", RpmVersionScheme.NAME)
            .build();

    private RockyEcosystem() {
    }
}
