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
        Parts x = Parts.of(Objects.requireNonNull(a, "a"));
        Parts y = Parts.of(Objects.requireNonNull(b, "b"));
        byte[] xEpoch = bytes(epochDigits(x.epoch()));
        byte[] yEpoch = bytes(epochDigits(y.epoch()));
        int c = compareDigits(xEpoch, 0, xEpoch.length, yEpoch, 0, yEpoch.length);
        if (c == 0) {
            c = verrevcmp(bytes(x.upstream()), bytes(y.upstream()));
        }
        if (c == 0) {
            c = verrevcmp(bytes(x.revisionOrEmpty()), bytes(y.revisionOrEmpty()));
        }
        return Integer.signum(c);
    }

    /**
     * dpkg's parseversion: errors and warnings alike make a version invalid here, because a warning
     * ("does not start with digit", "invalid character") marks a string dpkg would not let a package carry.
     */
    @Override
    public boolean isValid(String version) {
        if (trimBlanks(version).chars().anyMatch(c -> c == ' ' || c == '\t')) {
            return false;
        }
        Parts p = Parts.of(version);
        if (p.epoch() != null && !isValidEpoch(p.epoch())) {
            return false;
        }
        if (p.upstream().isEmpty() || !isAsciiDigit(p.upstream().charAt(0))
                || (p.revision() != null && p.revision().isEmpty())) {
            return false;
        }
        return allowed(p.upstream(), ".-+~:") && allowed(p.revisionOrEmpty(), ".+~");
    }

    /**
     * The epoch as digits for comparison. Comparison must answer for invalid input too, so an epoch that is
     * not a number (which dpkg would refuse) counts as 0 rather than failing.
     */
    private static String epochDigits(String epoch) {
        if (epoch == null) {
            return "0";
        }
        String digits = epoch.startsWith("+") || epoch.startsWith("-") ? epoch.substring(1) : epoch;
        return digits.chars().allMatch(DebianVersionScheme::isAsciiDigit) ? digits : "0";
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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A version split as parseversion splits it, after trimming blanks: the epoch is what precedes the first
     * colon, the revision what follows the last hyphen after it.
     *
     * @param epoch    null without a colon
     * @param revision null without a hyphen
     */
    private record Parts(String epoch, String upstream, String revision) {

        static Parts of(String version) {
            String v = trimBlanks(version);
            int colon = v.indexOf(':');
            String epoch = colon >= 0 ? v.substring(0, colon) : null;
            String rest = v.substring(colon + 1);
            int hyphen = rest.lastIndexOf('-');
            if (hyphen < 0) {
                return new Parts(epoch, rest, null);
            }
            return new Parts(epoch, rest.substring(0, hyphen), rest.substring(hyphen + 1));
        }

        String revisionOrEmpty() {
            return revision == null ? "" : revision;
        }
    }
}
