package io.plimsoll.ecosystem.python;

/**
 * The two bits of Python string behaviour that PEP 440 parsing depends on. packaging trims versions with the
 * regex {@code \s*} and specifier clauses with {@code str.strip()}; in Python 3 both mean Unicode whitespace, a
 * different set from Java's {@link String#strip()} (which skips U+00A0 and U+0085, for one).
 */
final class PythonText {

    private PythonText() {
    }

    /**
     * Python's {@code str.isspace()}: the ASCII blanks and controls 0x09-0x0D and 0x1C-0x1F, NEL (U+0085), and
     * every space, line or paragraph separator (which is what {@link Character#isSpaceChar} tests).
     */
    static boolean isSpace(char c) {
        if (c < 0x80) {
            return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
        }
        return c == 0x85 || Character.isSpaceChar(c);
    }

    /** Python's {@code s.strip()} with no argument. */
    static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    static boolean containsSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isSpace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
