package io.plimsoll.ecosystem.wolfi;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.ReleaseKey;
import io.plimsoll.ecosystem.alpine.ApkVersionScheme;
import java.util.List;

/**
 * Wolfi and Chainguard OS: apk packages (read by the Alpine package's cataloger) matched against each
 * distribution's own secdb. Neither has releases: the whole feed applies to every image of that distribution
 * ({@code wolfi:rolling}), and one distribution's feed never to the other.
 */
public final class WolfiEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("wolfi").os()
            .updaters(() -> List.of(WolfiSecdbUpdater.wolfi(), WolfiSecdbUpdater.chainguard()))
            .matchRules(new WolfiMatchRule(WolfiSecdbUpdater.WOLFI), new WolfiMatchRule(WolfiSecdbUpdater.CHAINGUARD))
            .distros(DistroFamily.coveredBy(WolfiSecdbUpdater.WOLFI, ReleaseKey.ROLLING, WolfiSecdbUpdater.WOLFI),
                    DistroFamily.coveredBy(WolfiSecdbUpdater.CHAINGUARD, ReleaseKey.ROLLING,
                            WolfiSecdbUpdater.CHAINGUARD))
            .namespace(WolfiSecdbUpdater.WOLFI, ApkVersionScheme.NAME)
            .namespace(WolfiSecdbUpdater.CHAINGUARD, ApkVersionScheme.NAME)
            .build();

    private WolfiEcosystem() {
    }
}
