package io.plimsoll.ecosystem.debian;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The licenses a Debian package declares in {@code /usr/share/doc/NAME/copyright}: the short names of DEP-5
 * {@code License:} fields ({@code GPL-2+}, {@code LGPL-2.1}; {@code A or B} gives both), and the
 * {@code /usr/share/common-licenses/NAME} files older free-form copyright files point to.
 *
 * <p>The bytes are scanned by hand, not decoded whole and searched by regular expressions: a root filesystem holds a
 * copyright file per package, some of them hundreds of KB, and that was 4% of a cold scan's Java samples, besides
 * the compiler's time on the regex engine (docs/performance.md). Only the values found are decoded, and
 * regular expressions still split those few short strings.
 */
public final class DebianCopyright {

    private static final byte[] LICENSE_FIELD = "License:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMON_LICENSES = "/usr/share/common-licenses/".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern SHORT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_~-]*");
    private static final Pattern OPERATORS = Pattern.compile("\\s+(?:or|and)\\s+|\\s*,\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXCEPTION = Pattern.compile("\\s+with\\s+.*$");

    private DebianCopyright() {
    }

    public static List<String> licenses(byte[] text) {
        Set<String> out = new TreeSet<>();
        int n = text.length;
        // "License:" at the start of a line (after \n, \r or the other line terminators a multi-line ^ knows); its
        // value runs to the end of the line
        int from = 0;
        for (int at = indexOf(text, LICENSE_FIELD, 0); at >= 0; at = indexOf(text, LICENSE_FIELD, from)) {
            from = at + 1;
            if (!startsLine(text, at)) {
                continue;
            }
            int start = at + LICENSE_FIELD.length;
            int end = start;
            while (end < n && text[end] != '\n' && text[end] != '\r') {
                end++;
            }
            from = end; // the next field is after this value, which may hold any other line terminator
            String value = new String(text, start, end - start, StandardCharsets.UTF_8);
            for (String part : OPERATORS.split(value.strip())) {
                String p = EXCEPTION.matcher(part.strip()).replaceAll("");
                // a field whose first line is prose ("Permission is hereby granted…") names no license
                if (SHORT_NAME.matcher(p).matches()) {
                    out.add(p);
                }
            }
        }
        for (int at = indexOf(text, COMMON_LICENSES, 0); at >= 0; at = indexOf(text, COMMON_LICENSES, at + 1)) {
            int start = at + COMMON_LICENSES.length;
            if (start >= n || !isAsciiLetterOrDigit(text[start])) {
                continue;
            }
            int end = start + 1;
            while (end < n && isNameChar(text[end])) {
                end++;
            }
            while (end > start && text[end - 1] == '.') {
                end--; // the end of a sentence, not of the name
            }
            out.add(new String(text, start, end - start, StandardCharsets.US_ASCII));
        }
        return List.copyOf(out);
    }

    private static int indexOf(byte[] text, byte[] word, int from) {
        byte first = word[0];
        for (int i = from, last = text.length - word.length; i <= last; i++) {
            if (text[i] == first && Arrays.equals(text, i + 1, i + word.length, word, 1, word.length)) {
                return i;
            }
        }
        return -1;
    }

    /** After \n, \r, or U+0085, U+2028 or U+2029 in UTF-8 (their last byte never starts or continues another). */
    private static boolean startsLine(byte[] text, int at) {
        if (at == 0 || text[at - 1] == '\n' || text[at - 1] == '\r') {
            return true;
        }
        if (at >= 2 && text[at - 2] == (byte) 0xC2 && text[at - 1] == (byte) 0x85) {
            return true;
        }
        return at >= 3 && text[at - 3] == (byte) 0xE2 && text[at - 2] == (byte) 0x80
                && (text[at - 1] == (byte) 0xA8 || text[at - 1] == (byte) 0xA9);
    }

    private static boolean isAsciiLetterOrDigit(byte c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isNameChar(byte c) {
        return isAsciiLetterOrDigit(c) || c == '.' || c == '+' || c == '_' || c == '-';
    }
}
