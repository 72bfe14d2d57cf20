package io.plimsoll.ecosystem.ruby;

import io.plimsoll.model.version.VersionScheme;


/**
 * RubyGems versions, ordered exactly as {@code Gem::Version#<=>} in RubyGems 3.3 (Ruby 3.1).
 *
 * <p>A version is split into numbers and runs of letters; any letter makes it a pre-release, because a letter run
 * sorts before every number: {@code 1.0.a < 1.0.b1 < 1.0.rc < 1.0 < 1.0.1}. Trailing zeros do not count (before
 * and after the first letter run), a {@code -} reads as {@code .pre.} ({@code 1.0-1 < 1.0}), surrounding
 * whitespace is dropped and a blank version is 0.
 *
 * <p>RubyGems refuses to build a version from anything else. Comparison must still answer, so such strings sort
 * before every valid version and among themselves as plain strings.
 */
public final class GemVersionScheme implements VersionScheme {

    public static final String NAME = "gem";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int compare(String a, String b) {
        return VersionScheme.compareParsed(a, b, GemVersion::parse);
    }

    /** {@code Gem::Version.correct?(version)}, which also accepts a blank string. */
    @Override
    public boolean isValid(String version) {
        return GemVersion.parse(version).isPresent();
    }

    /** {@code Gem::Version#prerelease?}: any letter ({@code 7.1.0.rc1}, {@code 2.0.0.pre}). */
    @Override
    public boolean isPreRelease(String version) {
        return GemVersion.parse(version).isPresent() && version.chars().anyMatch(Character::isLetter);
    }
}
