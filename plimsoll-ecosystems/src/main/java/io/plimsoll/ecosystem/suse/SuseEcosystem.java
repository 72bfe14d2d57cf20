package io.plimsoll.ecosystem.suse;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.ReleaseKey;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import java.util.List;

/** SLES and openSUSE Leap: rpm packages (read by the rpm package) looked up in SUSE's CVRF advisories per release. */
public final class SuseEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("suse").os()
            .updaters(() -> List.of(new SuseCvrfUpdater()))
            .matchRules(new SuseMatchRule())
            .distros(DistroFamily.coveredBy("opensuse-leap", ReleaseKey.AS_WRITTEN, SuseCvrfUpdater.NAME)
                            .purlNamespace("opensuse"),
                    DistroFamily.coveredBy("sles", ReleaseKey.AS_WRITTEN, SuseCvrfUpdater.NAME)
                            .purlNamespace("suse", "sled", "sle-micro"))
            .namespace("opensuse-leap", RpmVersionScheme.NAME)
            .namespace("sles", RpmVersionScheme.NAME)
            .build();

    private SuseEcosystem() {
    }
}
