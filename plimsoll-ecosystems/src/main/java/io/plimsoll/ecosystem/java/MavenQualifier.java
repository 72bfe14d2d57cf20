package io.plimsoll.ecosystem.java;

import java.util.List;
import java.util.Map;

/**
 * A run of non-digits such as {@code rc}, {@code final} or {@code jdk5}. Known qualifiers sort in a fixed order
 * around the release ({@code alpha < beta < milestone < rc < snapshot < "" < sp}); any other qualifier sorts
 * after all of them, alphabetically.
 */
final class MavenQualifier implements MavenItem {

    private static final List<String> KNOWN = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
    private static final Map<String, String> ALIASES = Map.of("ga", "", "final", "", "release", "", "cr", "rc");
    private static final String RELEASE_RANK = rank("");

    private final String value;

    /**
     * @param text lower-cased qualifier text
     * @param followedByDigit whether digits come right after it: only then do {@code a}, {@code b} and
     *                        {@code m} mean alpha, beta and milestone ({@code 1.0a1} is an alpha, {@code 1.0a} is
     *                        not)
     */
    MavenQualifier(String text, boolean followedByDigit) {
        String name = text;
        if (followedByDigit && text.length() == 1) {
            switch (text.charAt(0)) {
                case 'a':
                    name = "alpha";
                    break;
                case 'b':
                    name = "beta";
                    break;
                case 'm':
                    name = "milestone";
                    break;
                default:
                    break;
            }
        }
        this.value = ALIASES.getOrDefault(name, name);
    }

    /**
     * A string whose plain String order is the qualifier order: the index of a known qualifier, or "7-" and the
     * text for an unknown one. Comparing these strings (rather than index, then text) is Maven's own trick, and
     * it is what makes its answers what they are, so it is kept.
     */
    private static String rank(String qualifier) {
        int i = KNOWN.indexOf(qualifier);
        return i < 0 ? KNOWN.size() + "-" + qualifier : String.valueOf(i);
    }

    @Override
    public int compareTo(MavenItem other) {
        if (other == null) {
            // Against nothing, a qualifier is measured against the release: 1-rc < 1 < 1-sp.
            return rank(value).compareTo(RELEASE_RANK);
        }
        if (other instanceof MavenQualifier q) {
            return rank(value).compareTo(rank(q.value));
        }
        // Numbers and sub-lists both beat a qualifier in the same place: 1.any < 1.1 and 1.any < 1-1.
        return -1;
    }

    @Override
    public boolean isNull() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return value;
    }
}
