package io.plimsoll.server.index;

import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.DistroProbe;
import io.plimsoll.model.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Clair's index state: a name for "what the indexer would learn from a layer". It hashes the distro probe, the
 * catalogers (class and the build that shipped them) and the layer recording format, so a new cataloger, a new
 * release of one, or a format change gives a new state, under which every layer is read afresh.
 */
final class IndexState {

    /** Bump to re-index everything when a cataloger changes behaviour within one build (tests, hot fixes). */
    static final int REVISION = 2; // 2: the rpm cataloger also reads yum's yumdb from_repo files

    private IndexState() {
    }

    static String of(DistroProbe probe, List<Cataloger> catalogers) {
        StringBuilder sb = new StringBuilder("plimsoll-index/").append(REVISION).append('/')
                .append(LayerRecordCodec.FORMAT).append('\n');
        sb.append(describe(probe.getClass())).append('\n');
        for (Cataloger c : catalogers) {
            sb.append(c.name()).append('=').append(describe(c.getClass())).append('\n');
        }
        return Digest.sha256Of(sb.toString().getBytes(StandardCharsets.UTF_8)).hex();
    }

    private static String describe(Class<?> type) {
        String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return type.getName() + "@" + (version == null ? "dev" : version);
    }
}
