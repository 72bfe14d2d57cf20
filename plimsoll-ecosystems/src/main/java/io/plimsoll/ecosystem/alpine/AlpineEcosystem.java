package io.plimsoll.ecosystem.alpine;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.model.PackageType;
import java.util.List;

/** Alpine: the apk database, apk-tools version order, the secdb and its per-release, per-origin rows. */
public final class AlpineEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("alpine").os()
            .packageType(PackageType.APK, ApkVersionScheme.NAME)
            .schemes(new ApkVersionScheme())
            .catalogers(() -> List.of(new ApkCataloger()))
            .updaters(() -> List.of(new AlpineSecdbUpdater()))
            .matchRules(new AlpineMatchRule())
            .distros(DistroFamily.coveredBy(AlpineSecdbUpdater.NAME, AlpineReleases.KEY, AlpineSecdbUpdater.NAME)
                            .releaseFile(AlpineReleaseFile.FILE).supplement(AlpineReleaseFile.SUPPLEMENT))
            .namespace("alpine", ApkVersionScheme.NAME)
            .upgradeCommand(PackageType.APK, (pkg, name, version) -> "apk add " + pkg.name() + "=" + version)
            .build();

    private AlpineEcosystem() {
    }
}
