package io.plimsoll.ecosystem.golang;

import io.plimsoll.model.version.VersionScheme;

import java.util.Objects;
import java.util.Optional;

/**
 * Go versions, for modules and for the toolchain (the {@code stdlib} package).
 *
 * <ul>
 *   <li>{@code v...}: a module version, ordered exactly as golang.org/x/mod/semver's Compare (see
 *       {@link GoSemver}): {@code v1 == v1.0.0}, {@code v2.0.0+incompatible == v2.0.0}, pseudo-versions as
 *       prereleases;</li>
 *   <li>{@code go...}: a toolchain version as {@code runtime.Version()} and {@code go version} print it
 *       ({@code go1.21.5}, {@code go1.22rc1}, anything after a space such as {@code X:boringcrypto} ignored),
 *       mapped as the Go vulnerability database maps it (see {@link GoToolchainVersion}): {@code go1.22rc1} is
 *       {@code v1.22.0-rc.1};</li>
 *   <li>anything else: first as a module version missing its {@code v} ({@code 1.2.3},
 *       {@code 0.0.0-20220314234659-1baeb1ce4c0b}, as OSV writes Go versions), else as a toolchain version
 *       ({@code 1.22rc1}).</li>
 * </ul>
 * As in x/mod, what none of these accepts sorts below every version; among such strings plain string order
 * decides (x/mod's Sort does the same), so sorting stays deterministic.
 */
public final class GoVersionScheme implements VersionScheme {

    public static final String NAME = "go";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int compare(String a, String b) {
        return VersionScheme.compareParsed(a, b, GoVersionScheme::read);
    }

    @Override
    public boolean isValid(String version) {
        return read(version).isPresent();
    }

    /** A module prerelease ({@code v1.2.0-rc.1}; pseudo-versions too) or a toolchain's {@code go1.22rc1}. */
    @Override
    public boolean isPreRelease(String version) {
        return read(version).map(v -> !v.prerelease().isEmpty()).orElse(false);
    }

    /** The module version {@code version} is read as, in x/mod's canonical form; empty if it is not valid. */
    public static Optional<String> canonical(String version) {
        return read(version).map(GoSemver::toString);
    }

    static Optional<GoSemver> read(String version) {
        if (version.startsWith("v")) {
            return GoSemver.parse(version);
        }
        if (version.startsWith("go")) {
            int space = indexOfSpace(version);
            return GoToolchainVersion.parse(version.substring(2, space < 0 ? version.length() : space));
        }
        Optional<GoSemver> module = GoSemver.parse("v" + version);
        return module.isPresent() ? module : GoToolchainVersion.parse(version);
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
