package io.plimsoll.ecosystem.alpine;

import io.plimsoll.ecosystem.ReleaseKey;
import java.util.Locale;

/**
 * Alpine's releases as its secdb keys them: {@code alpine:3.19} for 3.19.1 (major.minor), and {@code alpine:edge}
 * for the development branch.
 */
final class AlpineReleases {

    /** Edge reports the next release as an alpha ({@code 3.19_alpha20230901}) and says "edge" in its name. */
    static final ReleaseKey KEY = d -> d.versionId().contains("_alpha")
            || d.prettyName().toLowerCase(Locale.ROOT).endsWith(" edge") || d.versionId().equals("edge")
            ? "edge" : ReleaseKey.leading(d.versionId(), 2);

    private AlpineReleases() {
    }
}
