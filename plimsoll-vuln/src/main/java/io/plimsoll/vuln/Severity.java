package io.plimsoll.vuln;

import java.util.Locale;

/**
 * The normalised severity every source's own words are mapped onto, ordered from least to most severe, so
 * {@code --severity high} and policy comparisons work the same whatever the feed said.
 */
public enum Severity {
    UNKNOWN, NEGLIGIBLE, LOW, MEDIUM, HIGH, CRITICAL;

    /** The lower-case word used in reports and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Maps a source's severity word: CVSS qualitative ratings, Debian urgencies ({@code unimportant},
     * {@code low**}), Red Hat impacts ({@code Important}, {@code Moderate}), Ubuntu priorities
     * ({@code untriaged}), GHSA's {@code MODERATE}. Unrecognised words give {@link #UNKNOWN}.
     */
    public static Severity parse(String word) {
        if (word == null) {
            return UNKNOWN;
        }
        String w = word.strip().toLowerCase(Locale.ROOT).replace("*", "");
        return switch (w) {
            case "critical" -> CRITICAL;
            case "high", "important" -> HIGH;
            case "medium", "moderate" -> MEDIUM;
            case "low" -> LOW;
            case "negligible", "unimportant", "none", "informational", "info" -> NEGLIGIBLE;
            default -> UNKNOWN;
        };
    }

    /** The CVSS v3/v4 qualitative rating of a base score. */
    public static Severity ofCvssScore(double score) {
        if (score >= 9.0) {
            return CRITICAL;
        }
        if (score >= 7.0) {
            return HIGH;
        }
        if (score >= 4.0) {
            return MEDIUM;
        }
        if (score > 0.0) {
            return LOW;
        }
        return NEGLIGIBLE;
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
