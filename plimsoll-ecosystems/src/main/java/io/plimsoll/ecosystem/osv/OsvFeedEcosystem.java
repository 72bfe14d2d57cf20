package io.plimsoll.ecosystem.osv;

import io.plimsoll.ecosystem.Ecosystem;
import java.util.List;

/**
 * The OSV database as a feed: one updater for every language ecosystem. Each language package names the OSV
 * ecosystem its packages are looked up in ({@link Ecosystem.Builder#osv}), so the match rules stay with them.
 */
public final class OsvFeedEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("osv")
            .updaters(() -> List.of(new OsvUpdater()))
            .build();

    private OsvFeedEcosystem() {
    }
}
