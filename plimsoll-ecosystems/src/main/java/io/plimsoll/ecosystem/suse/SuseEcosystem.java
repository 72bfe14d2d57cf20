package io.plimsoll.ecosystem.suse;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.ReleaseKey;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import java.util.List;

/**
 * SLES, openSUSE Leap, SLE Micro, SUSE Linux Micro, openSUSE Leap Micro and Tumbleweed: rpm packages (read by the
 * rpm package) looked up in SUSE's CVRF advisories per product and release.
 */
public final class SuseEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("suse").os()
            .updaters(() -> List.of(new SuseCvrfUpdater()))
            .matchRules(new SuseMatchRule())
            .distros(DistroFamily.coveredBy("opensuse-leap", ReleaseKey.AS_WRITTEN, SuseCvrfUpdater.NAME)
                            .purlNamespace("opensuse"),
                    DistroFamily.coveredBy("sles", ReleaseKey.AS_WRITTEN, SuseCvrfUpdater.NAME)
                            .purlNamespace("suse", "sled"),
                    DistroFamily.coveredBy(SuseMatchRule.SLE_MICRO, ReleaseKey.AS_WRITTEN, SuseCvrfUpdater.NAME)
                            .purlNamespace("suse"),
                    DistroFamily.coveredBy(SuseMatchRule.SL_MICRO, ReleaseKey.AS_WRITTEN, SuseCvrfUpdater.NAME)
                            .purlNamespace("suse"),
                    DistroFamily.coveredBy(SuseMatchRule.LEAP_MICRO, ReleaseKey.AS_WRITTEN, SuseCvrfUpdater.NAME)
                            .purlNamespace("opensuse"),
                    // rolling: VERSION_ID is the snapshot's date, the advisories name no release
                    DistroFamily.coveredBy(SuseMatchRule.TUMBLEWEED, ReleaseKey.ROLLING, SuseCvrfUpdater.NAME)
                            .purlNamespace("opensuse", "opensuse"))
            .namespace("opensuse-leap", RpmVersionScheme.NAME)
            .namespace("sles", RpmVersionScheme.NAME)
            .namespace(SuseMatchRule.SLE_MICRO, RpmVersionScheme.NAME)
            .namespace(SuseMatchRule.SL_MICRO, RpmVersionScheme.NAME)
            .namespace(SuseMatchRule.LEAP_MICRO, RpmVersionScheme.NAME)
            .namespace(SuseMatchRule.TUMBLEWEED, RpmVersionScheme.NAME)
            .build();

    private SuseEcosystem() {
    }
}
