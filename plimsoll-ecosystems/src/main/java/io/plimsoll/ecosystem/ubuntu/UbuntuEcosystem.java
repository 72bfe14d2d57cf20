package io.plimsoll.ecosystem.ubuntu;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.ReleaseKey;
import io.plimsoll.ecosystem.debian.DebianVersionScheme;
import java.util.List;

/** Ubuntu: dpkg packages (read by the debian package) looked up in Ubuntu's own CVE data, in dpkg order. */
public final class UbuntuEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("ubuntu").os()
            .updaters(() -> List.of(new UbuntuOsvUpdater()))
            .matchRules(new UbuntuMatchRule())
            .distros(DistroFamily.coveredBy("ubuntu", ReleaseKey.MAJOR_MINOR, UbuntuOsvUpdater.NAME)
                    .releaseFile(LsbReleaseFile.FILE).supplement(LsbReleaseFile.SUPPLEMENT).versionGivesCodename())
            .namespace("ubuntu", DebianVersionScheme.NAME)
            .build();

    private UbuntuEcosystem() {
    }
}
