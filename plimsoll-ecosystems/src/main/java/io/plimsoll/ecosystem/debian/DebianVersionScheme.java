package io.plimsoll.ecosystem.debian;

import io.plimsoll.model.version.VersionScheme;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Debian package versions, {@code [epoch:]upstream[-revision]}, ordered exactly as {@code dpkg --compare-versions}.
 *
 * <p>The epoch is compared as a number, then the upstream version and the revision with dpkg's character
 * ordering: {@code ~} before everything (even the end of the string), then the end, then letters, then all
 * other characters; runs of digits compare as numbers of any length.
 */
public final class DebianVersionScheme implements VersionScheme {

    public static final String NAME = "deb";

    /** dpkg parses the epoch into an int and refuses anything larger. */
    private static final String MAX_EPOCH = String.valueOf(Integer.MAX_VALUE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int compare(String a, String b) {
        Parsed x = Parsed.of(Objects.requireNonNull(a, "a"));
        Parsed y = Parsed.of(Objects.requireNonNull(b, "b"));
        int c = compareDigits(x.epoch, 0, x.epoch.length, y.epoch, 0, y.epoch.length);
        if (c == 0) {
            c = verrevcmp(x.upstream, y.upstream);
        }
        if (c == 0) {
            c = verrevcmp(x.revision, y.revision);
        }
        return Integer.signum(c);
    }

    /**
     * dpkg's parseversion: errors and warnings alike make a version invalid here, because a warning
     * ("does not start with digit", "invalid character") marks a string dpkg would not let a package carry.
     */
    @Override
    public boolean isValid(String version) {
        String v = trimBlanks(version);
        if (v.isEmpty() || v.indexOf(' ') >= 0 || v.indexOf('\t') >= 0) {
            return false;
        }
        int colon = v.indexOf(':');
        if (colon >= 0) {
            if (!isValidEpoch(v.substring(0, colon)) || colon == v.length() - 1) {
                return false;
            }
            v = v.substring(colon + 1);
        }
        int hyphen = v.lastIndexOf('-');
        String upstream = hyphen >= 0 ? v.substring(0, hyphen) : v;
        String revision = hyphen >= 0 ? v.substring(hyphen + 1) : "";
        if (upstream.isEmpty() || !isAsciiDigit(upstream.charAt(0)) || (hyphen >= 0 && revision.isEmpty())) {
            return false;
        }
        return allowed(upstream, ".-+~:") && allowed(revision, ".+~");
    }

    /** dpkg reads the epoch with strtol: an optional sign, then digits, not negative, at most INT_MAX. */
    private static boolean isValidEpoch(String epoch) {
        boolean negative = epoch.startsWith("-");
        String digits = epoch.startsWith("+") || negative ? epoch.substring(1) : epoch;
        if (digits.isEmpty() || !digits.chars().allMatch(DebianVersionScheme::isAsciiDigit)) {
            return false;
        }
        String significant = stripLeadingZeros(digits);
        if (negative && !significant.isEmpty()) {
            return false;
        }
        return significant.length() < MAX_EPOCH.length()
                || (significant.length() == MAX_EPOCH.length() && significant.compareTo(MAX_EPOCH) <= 0);
    }

    private static boolean allowed(String part, String punctuation) {
        return part.chars().allMatch(c -> isAsciiDigit(c) || isAsciiLetter(c) || punctuation.indexOf(c) >= 0);
    }

    /**
     * dpkg's verrevcmp. It runs over the UTF-8 bytes because dpkg does: dpkg orders an "other" character at
     * c + 256, and on amd64 (where the reference answers come from) a non-ASCII byte is a negative signed char,
     * so it lands at 128..255, after the letters but before ASCII punctuation. Java bytes are signed the same way.
     */
    static int verrevcmp(byte[] a, byte[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            while ((i < a.length && !isAsciiDigit(a[i])) || (j < b.length && !isAsciiDigit(b[j]))) {
                int ac = order(a, i);
                int bc = order(b, j);
                if (ac != bc) {
                    return ac - bc;
                }
                i++;
                j++;
            }
            int aEnd = digitRunEnd(a, i);
            int bEnd = digitRunEnd(b, j);
            int c = compareDigits(a, i, aEnd, b, j, bEnd);
            if (c != 0) {
                return c;
            }
            i = aEnd;
            j = bEnd;
        }
        return 0;
    }

    /** Where {@code ~} sorts first, the end next, then letters, then everything else. */
    private static int order(byte[] s, int i) {
        if (i >= s.length) {
            return 0;
        }
        byte c = s[i];
        if (isAsciiDigit(c)) {
            return 0;
        }
        if (isAsciiLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    private static int digitRunEnd(byte[] s, int from) {
        int i = from;
        while (i < s.length && isAsciiDigit(s[i])) {
            i++;
        }
        return i;
    }

    /** Two runs of ASCII digits as numbers of any length: without leading zeros, longer is larger. */
    private static int compareDigits(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        while (aFrom < aTo && a[aFrom] == '0') {
            aFrom++;
        }
        while (bFrom < bTo && b[bFrom] == '0') {
            bFrom++;
        }
        int lengths = Integer.compare(aTo - aFrom, bTo - bFrom);
        if (lengths != 0) {
            return lengths;
        }
        for (; aFrom < aTo; aFrom++, bFrom++) {
            if (a[aFrom] != b[bFrom]) {
                return a[aFrom] - b[bFrom];
            }
        }
        return 0;
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** dpkg trims blanks (space and tab) only, not other whitespace. */
    private static String trimBlanks(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /**
     * A version split the way dpkg splits it. Comparison must answer for invalid input too, so a prefix
     * before the first colon that is not a number is simply not an epoch here (dpkg would refuse the string).
     */
    private record Parsed(byte[] epoch, byte[] upstream, byte[] revision) {

        static Parsed of(String version) {
            String v = trimBlanks(version);
            String epoch = "0";
            int colon = v.indexOf(':');
            if (colon >= 0) {
                String candidate = v.substring(0, colon);
                String digits = candidate.startsWith("+") ? candidate.substring(1) : candidate;
                if (!digits.isEmpty() && digits.chars().allMatch(DebianVersionScheme::isAsciiDigit)) {
                    epoch = digits;
                    v = v.substring(colon + 1);
                }
            }
            int hyphen = v.lastIndexOf('-');
            String upstream = hyphen >= 0 ? v.substring(0, hyphen) : v;
            String revision = hyphen >= 0 ? v.substring(hyphen + 1) : "";
            return new Parsed(bytes(epoch), bytes(upstream), bytes(revision));
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }
}
