package io.plimsoll.ecosystem.npm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An npm version range as node-semver 7 reads it with default options (strict, {@code includePrerelease} off):
 * comparator sets joined by {@code ||}, each a space-separated list of {@code <1.2.3}-style comparators or
 * sugar for them ({@code ^1.2}, {@code ~1.2.3}, {@code 1.x}, {@code *}, {@code 1.2.3 - 2.3}, partial
 * versions). A version satisfies the range if it satisfies every comparator of some set.
 *
 * <p>Prerelease rule: a version with a prerelease ({@code 1.2.3-beta.1}) satisfies a set only if some
 * comparator of that set has a prerelease on the same {@code major.minor.patch}; so {@code >1.2.3-alpha.3}
 * takes {@code 1.2.3-alpha.7} but not {@code 3.4.5-alpha.9}.
 */
public final class SemverRange {

    /**
     * Longest range accepted, white space collapsed. node-semver has no limit, but Java's regex engine recurses
     * once per repeated group, so a few thousand characters of {@code a.a.a...} overflow a thread's stack, and
     * some patterns take quadratic time. No comparator can hold a version longer than 256 characters, so real
     * ranges stay far below this.
     */
    static final int MAX_LENGTH = 1024;

    private final String raw;
    private final List<List<SemverComparator>> sets;

    private SemverRange(String raw, List<List<SemverComparator>> sets) {
        this.raw = raw;
        this.sets = sets;
    }

    /** @throws IllegalArgumentException when node-semver would refuse {@code range} ("Invalid SemVer Range") */
    public static SemverRange parse(String range) {
        Objects.requireNonNull(range, "range");
        String raw = JsText.collapseSpace(JsText.trim(range));
        if (raw.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("npm range longer than " + MAX_LENGTH + " characters");
        }
        List<List<SemverComparator>> sets = new ArrayList<>();
        for (String piece : JsText.split(raw, "||")) {
            List<SemverComparator> set = parseSet(JsText.trim(piece));
            if (!set.isEmpty()) {
                sets.add(set);
            }
        }
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("invalid npm range: " + raw);
        }
        return new SemverRange(raw, simplify(sets));
    }

    /**
     * One comparator set. Within it: a "no version" comparator replaces the whole set, repeats are dropped, and
     * "any version" is dropped when there is anything else.
     */
    private static List<SemverComparator> parseSet(String piece) {
        Map<String, SemverComparator> byValue = new LinkedHashMap<>();
        for (String text : RangeSugar.desugar(piece)) {
            SemverComparator comparator = SemverComparator.parse(text);
            if (comparator.isNullSet()) {
                return List.of(comparator);
            }
            byValue.put(comparator.value(), comparator);
        }
        if (byValue.size() > 1) {
            byValue.remove("");
        }
        return List.copyOf(byValue.values());
    }

    /**
     * node-semver drops "no version" sets when others exist, and when a set is just "any version", keeps only
     * that set. The second step changes answers: {@code * || 1.2.3-beta} is then plain {@code *}, which no
     * prerelease satisfies.
     */
    private static List<List<SemverComparator>> simplify(List<List<SemverComparator>> sets) {
        if (sets.size() <= 1) {
            return List.copyOf(sets);
        }
        List<List<SemverComparator>> kept = sets.stream().filter(s -> !s.get(0).isNullSet())
                .collect(Collectors.toList());
        if (kept.isEmpty()) {
            return List.of(sets.get(0));
        }
        if (kept.size() > 1) {
            for (List<SemverComparator> set : kept) {
                if (set.size() == 1 && set.get(0).isAny()) {
                    return List.of(set);
                }
            }
        }
        return List.copyOf(kept);
    }

    /** node-semver's {@code satisfies}: false for anything that is not a strictly valid version. */
    public boolean satisfies(String version) {
        Objects.requireNonNull(version, "version");
        return SemverVersion.parse(version).map(this::satisfies).orElse(false);
    }

    boolean satisfies(SemverVersion version) {
        for (List<SemverComparator> set : sets) {
            if (satisfiesSet(set, version)) {
                return true;
            }
        }
        return false;
    }

    private static boolean satisfiesSet(List<SemverComparator> set, SemverVersion version) {
        for (SemverComparator c : set) {
            if (!c.test(version)) {
                return false;
            }
        }
        if (!version.isPrerelease()) {
            return true;
        }
        for (SemverComparator c : set) {
            if (!c.isAny() && c.version().isPrerelease() && c.version().sameTuple(version)) {
                return true;
            }
        }
        return false;
    }

    /** The range as written, white space collapsed. */
    public String raw() {
        return raw;
    }

    /**
     * The desugared range as node-semver prints it ({@code range.range}): sets joined by {@code ||},
     * comparators by spaces, "any version" as nothing. {@code ^1.2.3} prints {@code >=1.2.3 <2.0.0-0}.
     */
    @Override
    public String toString() {
        return sets.stream()
                .map(set -> set.stream().map(c -> JsText.trim(c.value())).collect(Collectors.joining(" ")))
                .collect(Collectors.joining("||"));
    }
}
