package io.plimsoll.ecosystem.photon;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.ReleaseKey;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import java.util.List;

/**
 * Photon OS: rpm packages (read by the rpm package's cataloger) matched against Broadcom's per-release CVE data,
 * keyed as os-release says the release ({@code photon:5.0}), compared with rpm's version order.
 */
public final class PhotonEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("photon").os()
            .updaters(() -> List.of(new PhotonUpdater()))
            .matchRules(new PhotonMatchRule())
            .distros(DistroFamily.coveredBy(PhotonUpdater.NAME, ReleaseKey.MAJOR_MINOR, PhotonUpdater.NAME))
            .namespace(PhotonUpdater.NAME, RpmVersionScheme.NAME)
            .build();

    private PhotonEcosystem() {
    }
}
