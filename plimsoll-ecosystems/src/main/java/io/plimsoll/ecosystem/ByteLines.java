package io.plimsoll.ecosystem;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over the lines of a byte array, for parsers of line-based databases that can be tens of megabytes:
 * it finds line bounds without copying, so a parser makes Strings only of the values it keeps. A line's bounds
 * exclude its {@code \n} and a {@code \r} before it.
 */
public final class ByteLines {

    private final byte[] data;
    private int next;
    private int start;
    private int end;
    private int number;
    private boolean newlineEnded = true;

    public ByteLines(byte[] data) {
        this.data = data;
    }

    /** Moves to the next line; false at the end of the data. */
    public boolean next() {
        if (next >= data.length) {
            return false;
        }
        start = next;
        int i = next;
        while (i < data.length && data[i] != '\n') {
            i++;
        }
        newlineEnded = i < data.length;
        next = newlineEnded ? i + 1 : i;
        end = i > start && data[i - 1] == '\r' ? i - 1 : i;
        number++;
        return true;
    }

    /** Moves to the next line that is not blank; false when none is left. */
    public boolean skipBlank() {
        while (next()) {
            if (!isBlank()) {
                return true;
            }
        }
        return false;
    }

    public byte[] data() {
        return data;
    }

    /** Offset of the current line's first byte. */
    public int start() {
        return start;
    }

    /** Offset just past the current line's last byte. */
    public int end() {
        return end;
    }

    public int length() {
        return end - start;
    }

    /** 1-based number of the current line. */
    public int number() {
        return number;
    }

    /** Whether the last line read was ended by a newline; false means the data stopped mid-line. */
    public boolean newlineEnded() {
        return newlineEnded;
    }

    /** The byte at {@code offset} from the line's start, or -1 past its end. */
    public int byteAt(int offset) {
        int i = start + offset;
        return i < end ? data[i] & 0xff : -1;
    }

    /** Whether the line holds nothing but spaces and tabs. */
    public boolean isBlank() {
        for (int i = start; i < end; i++) {
            if (data[i] != ' ' && data[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Offset (absolute) of the first {@code b} in the current line at or after absolute {@code from}, or -1. */
    public int indexOf(byte b, int from) {
        for (int i = from; i < end; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The bytes between absolute offsets as UTF-8 (malformed bytes become U+FFFD), trimmed of spaces and tabs. */
    public String trimmed(int from, int to) {
        while (from < to && isSpace(data[from])) {
            from++;
        }
        while (to > from && isSpace(data[to - 1])) {
            to--;
        }
        return from == to ? "" : new String(data, from, to - from, StandardCharsets.UTF_8);
    }

    /** The whole current line as trimmed UTF-8. */
    public String line() {
        return trimmed(start, end);
    }

    /** Whether absolute {@code [from, to)} equals the ASCII {@code word} ignoring ASCII case. */
    public boolean equalsIgnoreCase(int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            int a = data[from + i];
            int b = word.charAt(i);
            if (a != b && (a | 0x20) != (b | 0x20)) {
                return false;
            }
            // '|0x20' folds letters; make sure it did not also equate non-letters such as '@' and '`'.
            if (a != b && !Character.isLetter((char) b)) {
                return false;
            }
        }
        return true;
    }

    public static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }
}
