package io.plimsoll.ecosystem.golang;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Go string literals, as Go quotes build settings ({@code -ldflags="-s -w"}) and go.mod tokens: interpreted
 * {@code "..."} with Go's escapes, and raw {@code `...`}.
 */
final class GoQuoted {

    private GoQuoted() {
    }

    /** Whether {@code s} starts with a quote character. */
    static boolean startsQuoted(String s) {
        return !s.isEmpty() && (s.charAt(0) == '"' || s.charAt(0) == '`');
    }

    /** The length of the literal {@code s} starts with, quotes included; -1 when it is not terminated. */
    static int prefixLength(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        char q = s.charAt(0);
        if (q == '`') {
            int end = s.indexOf('`', 1);
            return end < 0 ? -1 : end + 1;
        }
        if (q != '"') {
            return -1;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            } else if (c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    /** The value of a complete literal; null when it is malformed (an unknown escape, a bad hex digit). */
    static String unquote(String lit) {
        if (lit.length() < 2 || lit.charAt(lit.length() - 1) != lit.charAt(0)) {
            return null;
        }
        String body = lit.substring(1, lit.length() - 1);
        if (lit.charAt(0) == '`') {
            return body.replace("\r", ""); // Go drops carriage returns from raw strings
        }
        if (lit.charAt(0) != '"') {
            return null;
        }
        // \x and octal escapes are bytes that may form UTF-8 together, so collect bytes first
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                int cp = body.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
                continue;
            }
            if (++i >= body.length()) {
                return null;
            }
            char e = body.charAt(i);
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(11);
                case '\\', '"', '\'' -> out.write(e);
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    int v = hex(body, i + 1, digits);
                    if (v < 0 || (e != 'x' && !Character.isValidCodePoint(v))) {
                        return null;
                    }
                    if (e == 'x') {
                        out.write(v);
                    } else {
                        out.writeBytes(new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8));
                    }
                    i += digits;
                }
                default -> {
                    int v = octal(body, i);
                    if (v < 0) {
                        return null;
                    }
                    out.write(v);
                    i += 2;
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(String s, int from, int digits) {
        if (from + digits > s.length()) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < from + digits; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /** Three octal digits for one byte, as in {@code \377}. */
    private static int octal(String s, int from) {
        if (from + 3 > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + 3; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 7) {
                return -1;
            }
            v = v * 8 + d;
        }
        return v > 255 ? -1 : v;
    }
}
