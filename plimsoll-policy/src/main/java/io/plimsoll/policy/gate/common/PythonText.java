package io.plimsoll.policy.gate.common;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How Anchore's Python formats values inside trigger messages. Its legacy trigger ids hash the message, so the text
 * must be the same to the byte: {@code oct(33261)} is {@code 0o100755}, {@code str(['22', '80'])} is
 * {@code ['22', '80']}.
 */
public final class PythonText {

    private PythonText() {
    }

    public static String oct(long value) {
        return (value < 0 ? "-0o" : "0o") + Long.toOctalString(Math.abs(value));
    }

    /** {@code str(list_of_strings)} for strings without quotes or backslashes in them. */
    public static String list(List<String> items) {
        return items.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
