package io.plimsoll.ecosystem.rpm;

/**
 * rpm's segment comparison of one version or release string (rpmvercmp, rpm 4.18).
 *
 * <p>Only ASCII letters and digits form segments; every other character (including any non-ASCII one)
 * separates them and otherwise does not count, so {@code 1.0 == 1_0}. {@code ~} sorts before anything, even the
 * end of the string; {@code ^} sorts after the end but before anything else. A numeric segment beats an alphabetic
 * one, numbers compare by value at any length, letters by ASCII code.
 */
public final class Rpmvercmp {

    private Rpmvercmp() {
    }

    /** -1, 0 or 1 as {@code a} is older than, the same as or newer than {@code b}. */
    public static int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            i = skipSeparators(a, i);
            j = skipSeparators(b, j);
            char x = charAt(a, i);
            char y = charAt(b, j);

            if (x == '~' || y == '~') {
                if (x != '~') {
                    return 1;
                }
                if (y != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            // Unlike '~', a caret loses to more segments but still beats the end of the string.
            if (x == '^' || y == '^') {
                if (i >= a.length()) {
                    return -1;
                }
                if (j >= b.length()) {
                    return 1;
                }
                if (x != '^') {
                    return 1;
                }
                if (y != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }

            boolean numeric = isDigit(x);
            int iEnd = numeric ? digitsEnd(a, i) : lettersEnd(a, i);
            int jEnd = numeric ? digitsEnd(b, j) : lettersEnd(b, j);
            // The other side has a segment of the other kind here: a number is newer than letters.
            if (jEnd == j) {
                return numeric ? 1 : -1;
            }
            int c = numeric ? compareNumbers(a, i, iEnd, b, j, jEnd) : compareText(a, i, iEnd, b, j, jEnd);
            if (c != 0) {
                return c;
            }
            i = iEnd;
            j = jEnd;
        }
        // Everything matched segment by segment; whichever string still has characters left is newer.
        boolean aDone = i >= a.length();
        boolean bDone = j >= b.length();
        if (aDone && bDone) {
            return 0;
        }
        return aDone ? -1 : 1;
    }

    private static int skipSeparators(String s, int i) {
        while (i < s.length() && !isAlnum(s.charAt(i)) && s.charAt(i) != '~' && s.charAt(i) != '^') {
            i++;
        }
        return i;
    }

    private static int compareNumbers(String a, int aFrom, int aTo, String b, int bFrom, int bTo) {
        while (aFrom < aTo && a.charAt(aFrom) == '0') {
            aFrom++;
        }
        while (bFrom < bTo && b.charAt(bFrom) == '0') {
            bFrom++;
        }
        int lengths = Integer.compare(aTo - aFrom, bTo - bFrom);
        if (lengths != 0) {
            return lengths;
        }
        return compareText(a, aFrom, aTo, b, bFrom, bTo);
    }

    private static int compareText(String a, int aFrom, int aTo, String b, int bFrom, int bTo) {
        int c = CharSequence.compare(a.subSequence(aFrom, aTo), b.subSequence(bFrom, bTo));
        return Integer.signum(c);
    }

    private static int digitsEnd(String s, int i) {
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int lettersEnd(String s, int i) {
        while (i < s.length() && isLetter(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The end of the string reads as NUL, as in C. */
    private static char charAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || isLetter(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
