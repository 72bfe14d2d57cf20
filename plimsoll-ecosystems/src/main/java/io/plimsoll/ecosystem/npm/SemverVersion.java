package io.plimsoll.ecosystem.npm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * A version as node-semver 7's {@code SemVer} class reads it: {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]},
 * an optional leading {@code v}, surrounding white space ignored, at most 256 characters, and each number at
 * most 2^53 - 1 (a JavaScript safe integer). Build metadata is kept but never compared.
 */
final class SemverVersion implements Comparable<SemverVersion> {

    static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;
    static final int MAX_LENGTH = 256;

    private final long major;
    private final long minor;
    private final long patch;
    private final List<PrereleaseId> prerelease;
    private final List<String> build;

    private SemverVersion(long major, long minor, long patch, List<PrereleaseId> prerelease, List<String> build) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.prerelease = prerelease;
        this.build = build;
    }

    /** node-semver's strict reading (the default of every node-semver function, and npm's for versions). */
    static Optional<SemverVersion> parse(String text) {
        return parse(text, false);
    }

    /**
     * @param loose node-semver's {@code loose} option: also {@code =1.2.3}, {@code v 1.2.3}, leading zeros and
     *              a prerelease without its hyphen ({@code 1.2.3beta}). Versions valid when strict read the same.
     */
    static Optional<SemverVersion> parse(String text, boolean loose) {
        if (text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher m = (loose ? SemverGrammar.LOOSE_VERSION : SemverGrammar.STRICT_VERSION).matcher(JsText.trim(text));
        if (!m.matches()) {
            return Optional.empty();
        }
        long major = safeInteger(m.group(1));
        long minor = safeInteger(m.group(2));
        long patch = safeInteger(m.group(3));
        if (major < 0 || minor < 0 || patch < 0) {
            return Optional.empty();
        }
        List<PrereleaseId> prerelease = new ArrayList<>();
        if (m.group(4) != null) {
            for (String id : JsText.split(m.group(4), ".")) {
                prerelease.add(PrereleaseId.of(id));
            }
        }
        List<String> build = m.group(5) == null ? List.of() : JsText.split(m.group(5), ".");
        return Optional.of(new SemverVersion(major, minor, patch, List.copyOf(prerelease), build));
    }

    /** The value of a digit run as JavaScript reads it, or -1 when that is above 2^53 - 1 (node-semver throws). */
    private static long safeInteger(String digits) {
        double value = Double.parseDouble(digits);
        return value > MAX_SAFE_INTEGER ? -1 : (long) value;
    }

    long major() {
        return major;
    }

    long minor() {
        return minor;
    }

    long patch() {
        return patch;
    }

    boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    List<String> build() {
        return build;
    }

    /** Whether {@code other} has the same major, minor and patch, whatever its prerelease. */
    boolean sameTuple(SemverVersion other) {
        return major == other.major && minor == other.minor && patch == other.patch;
    }

    @Override
    public int compareTo(SemverVersion other) {
        int c = Long.compare(major, other.major);
        if (c == 0) {
            c = Long.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, other.patch);
        }
        return c != 0 ? c : comparePrerelease(other);
    }

    /**
     * No prerelease sorts after any prerelease; otherwise identifiers left to right, a longer list winning a tie.
     * The first identifiers that are not the very same decide, even when node-semver's comparison of the two
     * says "equal" (two digit runs beyond 2^53 that round alike): then the versions are equal, as in node-semver.
     */
    private int comparePrerelease(SemverVersion other) {
        if (prerelease.isEmpty() || other.prerelease.isEmpty()) {
            return Boolean.compare(prerelease.isEmpty(), other.prerelease.isEmpty());
        }
        for (int i = 0; ; i++) {
            boolean mineEnded = i == prerelease.size();
            boolean theirsEnded = i == other.prerelease.size();
            if (mineEnded || theirsEnded) {
                return mineEnded == theirsEnded ? 0 : (mineEnded ? -1 : 1);
            }
            PrereleaseId a = prerelease.get(i);
            PrereleaseId b = other.prerelease.get(i);
            if (!a.sameAs(b)) {
                return a.compareTo(b);
            }
        }
    }

    /** node-semver's formatted version: numbers as read, prerelease kept, build dropped. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!prerelease.isEmpty()) {
            sb.append('-');
            for (int i = 0; i < prerelease.size(); i++) {
                sb.append(i == 0 ? "" : ".").append(prerelease.get(i));
            }
        }
        return sb.toString();
    }
}
