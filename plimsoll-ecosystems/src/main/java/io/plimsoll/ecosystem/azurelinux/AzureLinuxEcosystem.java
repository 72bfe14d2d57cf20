package io.plimsoll.ecosystem.azurelinux;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.ReleaseKey;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import java.util.List;

/** Azure Linux and CBL-Mariner: rpm packages (read by the rpm package) looked up in Microsoft's OVAL per release. */
public final class AzureLinuxEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("azurelinux").os()
            .updaters(() -> List.of(new AzureLinuxOvalUpdater()))
            .matchRules(new AzureLinuxMatchRule())
            .distros(DistroFamily.coveredBy("azurelinux", ReleaseKey.MAJOR_MINOR, AzureLinuxOvalUpdater.NAME)
                            .feedReleases(releasesOf("azurelinux")),
                    DistroFamily.coveredBy("mariner", ReleaseKey.MAJOR_MINOR, AzureLinuxOvalUpdater.NAME)
                            .feedReleases(releasesOf("mariner")))
            .namespace("azurelinux", RpmVersionScheme.NAME)
            .namespace("mariner", RpmVersionScheme.NAME)
            .build();

    private AzureLinuxEcosystem() {
    }

    /** The releases of {@code family} the updater has a file for: one OVAL file per release, fixed. */
    private static List<String> releasesOf(String family) {
        return AzureLinuxOvalUpdater.FILES.values().stream().filter(n -> n.startsWith(family + ":"))
                .map(n -> n.substring(family.length() + 1)).toList();
    }
}
