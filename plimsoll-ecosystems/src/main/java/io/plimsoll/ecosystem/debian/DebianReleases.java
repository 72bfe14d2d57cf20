package io.plimsoll.ecosystem.debian;

import io.plimsoll.model.Distro;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The vulnerability namespace of a Debian release, for both sides of a match: the tracker names releases by
 * codename ({@code bookworm}, {@code sid}), images by number or codename. Both go through {@link Distro#namespace()}
 * so that a row and an image of the same release can never disagree: {@code bookworm} → {@code debian:12},
 * {@code forky} → {@code debian:14}, {@code sid} (and {@code unstable}) → {@code debian:unstable}.
 *
 * <p>Codenames {@link Distro} does not know give no namespace. That includes the releases before etch (buzz to
 * sarge): the tracker has not listed them for many years, and their numbers (3.0 woody, 3.1 sarge) do not fit
 * major-only namespaces.
 */
final class DebianReleases {

    static final String FAMILY = "debian";
    static final String UNSTABLE = FAMILY + ":unstable";

    private static final Pattern NUMBERED = Pattern.compile("debian:\\d+");

    private DebianReleases() {
    }

    /** {@code debian:12} for {@code bookworm}; empty for a codename Debian's release list does not have. */
    static Optional<String> namespaceOf(String codename) {
        if (codename.equals("unstable")) {
            return Optional.of(UNSTABLE);
        }
        String ns = new Distro(FAMILY, "", codename, "", "", List.of()).namespace();
        return NUMBERED.matcher(ns).matches() || ns.equals(UNSTABLE) ? Optional.of(ns) : Optional.empty();
    }
}
