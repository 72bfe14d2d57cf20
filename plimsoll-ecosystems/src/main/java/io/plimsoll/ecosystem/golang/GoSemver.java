package io.plimsoll.ecosystem.golang;

import java.util.List;
import java.util.Optional;

/**
 * A Go module version as golang.org/x/mod/semver reads it: {@code vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]]}.
 * The {@code v} is required; {@code v1} and {@code v1.2} mean {@code v1.0.0} and {@code v1.2.0} but take no
 * prerelease or build; numbers have no leading zeros (numeric prerelease identifiers neither); identifiers are
 * ASCII letters, digits and hyphens. Numbers are kept as decimal text, so any length compares correctly.
 *
 * <p>Pseudo-versions ({@code v0.0.0-20191109021931-daa7c04131f5}, {@code v1.2.4-0.20191109021931-daa7c04131f5},
 * {@code v1.2.3-pre.0.20191109021931-daa7c04131f5}) need no rule of their own: they are ordinary prereleases,
 * built so that this order puts them where they belong. {@code +incompatible} is build metadata and so ignored.
 */
record GoSemver(String major, String minor, String patch, List<String> prerelease, String build)
        implements Comparable<GoSemver> {

    static Optional<GoSemver> parse(String v) {
        if (v.isEmpty() || v.charAt(0) != 'v') {
            return Optional.empty();
        }
        Cursor c = new Cursor(v, 1);
        String major = c.number();
        if (major == null) {
            return Optional.empty();
        }
        if (c.atEnd()) {
            return Optional.of(new GoSemver(major, "0", "0", List.of(), ""));
        }
        String minor = c.skip('.') ? c.number() : null;
        if (minor == null) {
            return Optional.empty();
        }
        if (c.atEnd()) {
            return Optional.of(new GoSemver(major, minor, "0", List.of(), ""));
        }
        String patch = c.skip('.') ? c.number() : null;
        if (patch == null) {
            return Optional.empty();
        }
        List<String> prerelease = List.of();
        if (c.skip('-')) {
            prerelease = c.identifiers(true);
            if (prerelease == null) {
                return Optional.empty();
            }
        }
        String build = "";
        if (c.skip('+')) {
            List<String> ids = c.identifiers(false);
            if (ids == null) {
                return Optional.empty();
            }
            build = String.join(".", ids);
        }
        return c.atEnd() ? Optional.of(new GoSemver(major, minor, patch, prerelease, build)) : Optional.empty();
    }

    /** x/mod's Compare for two valid versions: numbers by value, then prereleases; build ignored. */
    @Override
    public int compareTo(GoSemver other) {
        int c = compareDecimal(major, other.major);
        if (c == 0) {
            c = compareDecimal(minor, other.minor);
        }
        if (c == 0) {
            c = compareDecimal(patch, other.patch);
        }
        return c != 0 ? c : comparePrerelease(prerelease, other.prerelease);
    }

    /**
     * No prerelease sorts after any; otherwise identifiers left to right, numeric ones by value and before
     * alphanumeric ones, those in ASCII order; if one list runs out first, it sorts first.
     */
    private static int comparePrerelease(List<String> x, List<String> y) {
        if (x.isEmpty() || y.isEmpty()) {
            return Boolean.compare(x.isEmpty(), y.isEmpty());
        }
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            String a = x.get(i);
            String b = y.get(i);
            if (a.equals(b)) {
                continue;
            }
            boolean numA = isNumeric(a);
            boolean numB = isNumeric(b);
            if (numA != numB) {
                return numA ? -1 : 1;
            }
            return numA ? compareDecimal(a, b) : Integer.signum(a.compareTo(b));
        }
        return Integer.compare(x.size(), y.size());
    }

    /** Decimal strings without leading zeros: the longer is larger, else the text decides. */
    static int compareDecimal(String a, String b) {
        if (a.length() != b.length()) {
            return a.length() < b.length() ? -1 : 1;
        }
        return Integer.signum(a.compareTo(b));
    }

    static boolean isNumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** x/mod's Canonical: all three numbers, the prerelease, no build. */
    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch + (prerelease.isEmpty() ? "" : "-" + String.join(".", prerelease));
    }

    /** Reads a version left to right. */
    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s, int i) {
            this.s = s;
            this.i = i;
        }

        boolean atEnd() {
            return i == s.length();
        }

        boolean skip(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        /** Decimal digits without a leading zero (a lone {@code 0} is fine), or null. */
        String number() {
            int start = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == start || (s.charAt(start) == '0' && i - start > 1)) {
                return null;
            }
            return s.substring(start, i);
        }

        /**
         * Dot-separated non-empty identifiers of {@code [0-9A-Za-z-]}, up to a {@code +} (prerelease) or the end;
         * or null. In a prerelease an all-digit identifier may not have a leading zero.
         */
        List<String> identifiers(boolean prerelease) {
            int start = i;
            while (i < s.length() && !(prerelease && s.charAt(i) == '+')) {
                char c = s.charAt(i);
                boolean ident = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
                if (!ident && c != '.') {
                    return null;
                }
                i++;
            }
            List<String> ids = List.of(s.substring(start, i).split("\\.", -1));
            for (String id : ids) {
                if (id.isEmpty() || (prerelease && id.length() > 1 && id.charAt(0) == '0' && isNumeric(id))) {
                    return null;
                }
            }
            return ids;
        }
    }
}
