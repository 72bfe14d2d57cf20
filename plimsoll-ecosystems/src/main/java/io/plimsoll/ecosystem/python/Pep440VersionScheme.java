package io.plimsoll.ecosystem.python;

import io.plimsoll.model.version.VersionScheme;

import java.util.Optional;

/**
 * Python package versions (PEP 440), ordered exactly as pypa {@code packaging.version.Version}, which pip uses.
 *
 * <p>Versions are normalised first: case, {@code .}/{@code -}/{@code _} separators, alternative spellings
 * ({@code alpha}, {@code beta}, {@code c}/{@code pre}/{@code preview}, {@code rev}/{@code r}), implicit numbers
 * ({@code 1.0a} is {@code 1.0a0}), the implicit post-release {@code 1.0-1}, a leading {@code v} and surrounding
 * whitespace. Then: epoch, release (trailing zeros do not count), and for the same release
 * {@code 1.0.dev1 < 1.0a1.dev1 < 1.0a1 < 1.0b1 < 1.0rc1 < 1.0 < 1.0.post1.dev1 < 1.0.post1}, then the local label
 * ({@code 1.0 < 1.0+abc < 1.0+abc.5 < 1.0+5}).
 *
 * <p>packaging refuses to compare a string that is not PEP 440. Comparison must still answer, so such strings
 * sort before every valid version and among themselves as plain strings; pip treats them as unusable too.
 */
public final class Pep440VersionScheme implements VersionScheme {

    public static final String NAME = "pep440";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int compare(String a, String b) {
        return VersionScheme.compareParsed(a, b, Pep440Version::parse);
    }

    /** Whether {@code packaging.version.Version(version)} accepts it (its {@code VERSION_PATTERN}). */
    @Override
    public boolean isValid(String version) {
        return Pep440Version.parse(version).isPresent();
    }

    @Override
    public boolean isPreRelease(String version) {
        return Pep440Version.parse(version).map(Pep440Version::isPrerelease).orElse(false);
    }

    /** The normalised spelling ({@code 1.0-1} gives {@code 1.0.post1}), or empty when not PEP 440. */
    public Optional<String> normalize(String version) {
        return Pep440Version.parse(version).map(Pep440Version::toString);
    }
}
