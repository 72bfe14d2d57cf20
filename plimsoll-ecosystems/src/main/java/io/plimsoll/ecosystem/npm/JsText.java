package io.plimsoll.ecosystem.npm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The few JavaScript string rules node-semver's behaviour rests on, where Java's differ: what {@code trim()} and
 * {@code \s} count as white space (JavaScript includes no-break and other Unicode spaces), and that
 * {@code split} keeps empty pieces.
 */
final class JsText {

    /** JavaScript's WhiteSpace and LineTerminator characters, as the body of a regex character class. */
    static final String SPACE_CLASS_BODY =
            "\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";

    /** JavaScript's {@code \s}. */
    static final String SPACE = "[" + SPACE_CLASS_BODY + "]";

    private static final Pattern SPACES = Pattern.compile(SPACE + "+");

    private JsText() {
    }

    static boolean isSpace(char c) {
        switch (c) {
            case '\t': case '\n': case '\u000B': case '\f': case '\r': case ' ':
            case '\u00A0': case '\u1680': case '\u2028': case '\u2029': case '\u202F': case '\u205F':
            case '\u3000': case '\uFEFF':
                return true;
            default:
                return c >= '\u2000' && c <= '\u200A';
        }
    }

    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code s.split(separator)} for a literal separator: every piece kept, empty ones too. */
    static List<String> split(String s, String separator) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        for (int at = s.indexOf(separator); at >= 0; at = s.indexOf(separator, from)) {
            pieces.add(s.substring(from, at));
            from = at + separator.length();
        }
        pieces.add(s.substring(from));
        return pieces;
    }

    /** {@code s.split(/\s+/)}: a leading or trailing run of space gives an empty piece, as in JavaScript. */
    static List<String> splitOnSpace(String s) {
        return List.of(SPACES.split(s, -1));
    }

    /** {@code s.replace(/\s+/g, ' ')}. */
    static String collapseSpace(String s) {
        return SPACES.matcher(s).replaceAll(" ");
    }

    static boolean isAsciiDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
