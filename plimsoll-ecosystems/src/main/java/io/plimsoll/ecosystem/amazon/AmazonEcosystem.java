package io.plimsoll.ecosystem.amazon;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.ReleaseFile;
import io.plimsoll.ecosystem.ReleaseKey;
import io.plimsoll.ecosystem.distro.ReleaseFiles;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import java.util.List;

/**
 * Amazon Linux: rpm packages (read by the rpm package) looked up in Amazon's own advisories (ALAS), per release
 * as os-release's {@code VERSION_ID} writes it ({@code 2}, {@code 2023}); Amazon Linux 2's packages from an extras
 * topic in that topic's own ({@link AmazonMatchRule}).
 */
public final class AmazonEcosystem {

    private static final AmazonMatchRule RULE = new AmazonMatchRule();

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder(AmazonUpdateInfoUpdater.NAME).os()
            .updaters(() -> List.of(new AmazonUpdateInfoUpdater()))
            .matchRules(RULE)
            // a package from an extras topic needs that topic's part (amazon/extras/docker), read apart from core
            .sourceParts(RULE::extrasParts)
            // Amazon Linux names itself only in system-release, which the others link to their own file
            .distros(DistroFamily.coveredBy(AmazonUpdateInfoUpdater.DISTRO, ReleaseKey.AS_WRITTEN,
                            AmazonUpdateInfoUpdater.NAME)
                    // the updater fetches AL2 and AL2023 only: Amazon Linux 1 (2018.03) has no data
                    .feedReleases(AmazonUpdateInfoUpdater.RELEASES.stream()
                            .map(AmazonUpdateInfoUpdater.Release::key).toList())
                    .releaseNames("Amazon Linux").cpeVendors("amazon")
                    .releaseFile(ReleaseFile.of("/etc/system-release", 60, ReleaseFiles::fromReleaseText))
                    .purlNamespace("amazon"))
            .namespace(AmazonUpdateInfoUpdater.DISTRO, RpmVersionScheme.NAME)
            .build();

    private AmazonEcosystem() {
    }
}
