package io.plimsoll.ecosystem.debian;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The licenses a Debian package declares in {@code /usr/share/doc/NAME/copyright}: the short names of DEP-5
 * {@code License:} fields ({@code GPL-2+}, {@code LGPL-2.1}; {@code A or B} gives both), and the
 * {@code /usr/share/common-licenses/NAME} files older free-form copyright files point to.
 *
 * <p>The text is scanned by hand, not by regular expressions: a root filesystem holds a copyright file per package,
 * some of them hundreds of KB, and searching each whole for a pattern that may start anywhere was a cold scan's
 * largest piece of Java code, besides the compiler's time on the regex engine (docs/performance.md). Regular
 * expressions still split the few short field values.
 */
public final class DebianCopyright {

    private static final String LICENSE_FIELD = "License:";
    private static final String COMMON_LICENSES = "/usr/share/common-licenses/";
    private static final Pattern SHORT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_~-]*");
    private static final Pattern OPERATORS = Pattern.compile("\\s+(?:or|and)\\s+|\\s*,\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXCEPTION = Pattern.compile("\\s+with\\s+.*$");

    private DebianCopyright() {
    }

    public static List<String> licenses(byte[] copyright) {
        String text = new String(copyright, StandardCharsets.UTF_8);
        Set<String> out = new TreeSet<>();
        int n = text.length();
        // "License:" at the start of a line (after \n, \r or the other line terminators a multi-line ^ knows); its
        // value runs to the end of the line
        int from = 0;
        for (int at = text.indexOf(LICENSE_FIELD); at >= 0; at = text.indexOf(LICENSE_FIELD, from)) {
            from = at + 1;
            if (at > 0 && !isLineTerminator(text.charAt(at - 1))) {
                continue;
            }
            int start = at + LICENSE_FIELD.length();
            int end = start;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            from = end; // the next field is after this value, which may hold any other line terminator
            for (String part : OPERATORS.split(text.substring(start, end).strip())) {
                String p = EXCEPTION.matcher(part.strip()).replaceAll("");
                // a field whose first line is prose ("Permission is hereby granted…") names no license
                if (SHORT_NAME.matcher(p).matches()) {
                    out.add(p);
                }
            }
        }
        for (int at = text.indexOf(COMMON_LICENSES); at >= 0; at = text.indexOf(COMMON_LICENSES, at + 1)) {
            int start = at + COMMON_LICENSES.length();
            if (start >= n || !isAsciiLetterOrDigit(text.charAt(start))) {
                continue;
            }
            int end = start + 1;
            while (end < n && isNameChar(text.charAt(end))) {
                end++;
            }
            while (end > start && text.charAt(end - 1) == '.') {
                end--; // the end of a sentence, not of the name
            }
            if (end > start) {
                out.add(text.substring(start, end));
            }
        }
        return List.copyOf(out);
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isNameChar(char c) {
        return isAsciiLetterOrDigit(c) || c == '.' || c == '+' || c == '_' || c == '-';
    }
}
