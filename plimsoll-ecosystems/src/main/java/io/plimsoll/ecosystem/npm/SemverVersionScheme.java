package io.plimsoll.ecosystem.npm;

import io.plimsoll.model.version.VersionScheme;

import java.util.Objects;
import java.util.Optional;

/**
 * npm package versions: SemVer 2.0 as node-semver 7's {@code compare} reads it. Major, minor and patch compare
 * as numbers; a prerelease sorts before its release; prerelease identifiers compare left to right, numbers by
 * value and before words, words by code unit; a longer prerelease wins a tie; build metadata is ignored, so
 * {@code 1.0.0+a == 1.0.0+b}.
 *
 * <p>{@link #isValid} is node-semver's strict reading (an optional {@code v} is allowed). node-semver throws on
 * anything else; here {@link #compare} first also tries its loose reading ({@code =1.2.3}, {@code 01.2.3},
 * {@code 1.2.3beta}), which gives every strictly valid version the same meaning, and what neither reading
 * accepts sorts before every version and among itself by plain string order, so sorting never fails.
 */
public final class SemverVersionScheme implements VersionScheme {

    public static final String NAME = "semver";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int compare(String a, String b) {
        return VersionScheme.compareParsed(a, b, v -> SemverVersion.parse(v, true));
    }

    @Override
    public boolean isValid(String version) {
        return SemverVersion.parse(version).isPresent();
    }

    @Override
    public boolean isPreRelease(String version) {
        return SemverVersion.parse(version, true).map(SemverVersion::isPrerelease).orElse(false);
    }
}
