package io.plimsoll.vuln;

import java.util.Optional;

/**
 * One interval of affected versions in OSV's terms: from {@code introduced} (inclusive; absent or {@code 0} means
 * "every version") up to {@code fixed} (exclusive) or {@code lastAffected} (inclusive), or unbounded when neither
 * is given. Versions are compared with the affected package's scheme.
 */
public record VersionRange(Optional<String> introduced, Optional<String> fixed, Optional<String> lastAffected) {

    public VersionRange {
        introduced = introduced.filter(v -> !v.isEmpty() && !v.equals("0"));
        fixed = fixed.filter(v -> !v.isEmpty());
        lastAffected = lastAffected.filter(v -> !v.isEmpty());
        if (fixed.isPresent() && lastAffected.isPresent()) {
            throw new IllegalArgumentException("a range has either a fixed or a last_affected bound, not both");
        }
    }

    /** Every version below {@code fixed}. */
    public static VersionRange fixedIn(String fixed) {
        return new VersionRange(Optional.empty(), Optional.of(fixed), Optional.empty());
    }

    /** Every version: no fix published. */
    public static VersionRange all() {
        return new VersionRange(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static VersionRange of(String introduced, String fixed, String lastAffected) {
        return new VersionRange(Optional.ofNullable(introduced), Optional.ofNullable(fixed),
                Optional.ofNullable(lastAffected));
    }

    /** Whether {@code version} falls in this range under {@code scheme}. */
    public boolean contains(String version, java.util.Comparator<String> scheme) {
        if (introduced.isPresent() && scheme.compare(version, introduced.get()) < 0) {
            return false;
        }
        if (fixed.isPresent()) {
            return scheme.compare(version, fixed.get()) < 0;
        }
        if (lastAffected.isPresent()) {
            return scheme.compare(version, lastAffected.get()) <= 0;
        }
        return true;
    }
}
