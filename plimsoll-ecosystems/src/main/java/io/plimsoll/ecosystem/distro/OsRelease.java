package io.plimsoll.ecosystem.distro;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads os-release(5) files, and lsb-release which uses the same shell-style assignments. One
 * {@code KEY=value} a line; blank lines and lines starting with {@code #} are skipped. A value may be bare or
 * quoted with {@code "..."} (backslash escapes {@code \" \\ \$ \`}) or {@code '...'} (no escapes), and quoted
 * parts may be joined as in the shell. A quote left open ends with its line rather than swallowing the rest of
 * the file. Lines that are not assignments are ignored, so binary junk yields at most junk-free keys.
 */
public final class OsRelease {

    private OsRelease() {
    }

    /** Every assignment in file order; a key assigned twice keeps its last value, as the shell would. */
    public static Map<String, String> parse(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Map<String, String> values = new LinkedHashMap<>();
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            int lineEnd = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
            assignment(text, pos, lineEnd, values);
            pos = end + 1;
        }
        return values;
    }

    private static void assignment(String text, int from, int to, Map<String, String> values) {
        int i = from;
        while (i < to && isBlank(text.charAt(i))) {
            i++;
        }
        if (i == to || text.charAt(i) == '#') {
            return;
        }
        int keyStart = i;
        if (!isKeyStart(text.charAt(i))) {
            return;
        }
        while (i < to && isKeyPart(text.charAt(i))) {
            i++;
        }
        if (i == to || text.charAt(i) != '=') {
            return;
        }
        values.put(text.substring(keyStart, i), value(text, i + 1, to));
    }

    private static String value(String text, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c == '"') {
                i = doubleQuoted(text, i + 1, to, out);
            } else if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                int end = close < 0 || close > to ? to : close;
                out.append(text, i + 1, end);
                i = end + 1;
            } else if (c == '\\' && i + 1 < to) {
                out.append(text.charAt(i + 1));
                i += 2;
            } else if (isBlank(c)) {
                // An unquoted blank ends the value; what follows is a comment or junk.
                break;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Appends a double-quoted part starting after its quote; returns the index after the closing quote. */
    private static int doubleQuoted(String text, int i, int to, StringBuilder out) {
        while (i < to) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < to && isEscapable(text.charAt(i + 1))) {
                out.append(text.charAt(i + 1));
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return to;
    }

    private static boolean isEscapable(char c) {
        return c == '"' || c == '\\' || c == '$' || c == '`';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static boolean isKeyStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isKeyPart(char c) {
        return isKeyStart(c) || (c >= '0' && c <= '9');
    }
}
