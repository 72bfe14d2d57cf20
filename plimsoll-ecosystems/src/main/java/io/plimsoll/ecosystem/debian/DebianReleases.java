package io.plimsoll.ecosystem.debian;

import io.plimsoll.ecosystem.ReleaseKey;
import io.plimsoll.model.Distro;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The vulnerability namespace of a Debian release, for both sides of a match: the tracker names releases by
 * codename ({@code bookworm}, {@code sid}), images by number or codename. Both go through {@link #KEY} so that a
 * row and an image of the same release can never disagree: {@code bookworm} → {@code debian:12}, {@code forky} →
 * {@code debian:14}, {@code sid} (and {@code unstable}) → {@code debian:unstable}.
 *
 * <p>Codenames this table does not know give no namespace. That includes the releases before etch (buzz to
 * sarge): the tracker has not listed them for many years, and their numbers (3.0 woody, 3.1 sarge) do not fit
 * major-only namespaces.
 */
final class DebianReleases {

    static final String FAMILY = "debian";
    static final String UNSTABLE = FAMILY + ":unstable";

    /** Debian's codenames, for testing/sid images whose release files carry a codename and no number. */
    private static final Map<String, String> RELEASES = Map.ofEntries(
            Map.entry("etch", "4"), Map.entry("lenny", "5"), Map.entry("squeeze", "6"), Map.entry("wheezy", "7"),
            Map.entry("jessie", "8"), Map.entry("stretch", "9"), Map.entry("buster", "10"),
            Map.entry("bullseye", "11"), Map.entry("bookworm", "12"), Map.entry("trixie", "13"),
            Map.entry("forky", "14"), Map.entry("duke", "15"));

    /**
     * Per major release ({@code debian:12} for 12.5); without a number, testing is keyed by the number its codename
     * will get ({@code debian:13} for trixie) and sid by {@code unstable}.
     */
    static final ReleaseKey KEY = d -> {
        if (!d.versionId().isEmpty()) {
            return ReleaseKey.leading(d.versionId(), 1);
        }
        String c = d.codename().toLowerCase(Locale.ROOT);
        return c.equals("sid") ? "unstable" : RELEASES.getOrDefault(c, c);
    };

    private static final Pattern NUMBERED = Pattern.compile("debian:\\d+");

    private DebianReleases() {
    }

    /** {@code debian:12} for {@code bookworm}; empty for a codename Debian's release list does not have. */
    static Optional<String> namespaceOf(String codename) {
        if (codename.equals("unstable")) {
            return Optional.of(UNSTABLE);
        }
        String release = KEY.release(new Distro(FAMILY, "", codename, "", "", List.of()));
        String ns = release.isEmpty() ? FAMILY : FAMILY + ":" + release;
        return NUMBERED.matcher(ns).matches() || ns.equals(UNSTABLE) ? Optional.of(ns) : Optional.empty();
    }
}
