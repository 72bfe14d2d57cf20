package io.plimsoll.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one fuzz input into several files at each line {@code %%}: a byte format the mutator can grow and shrink
 * and a person can write by hand, where {@code FuzzedDataProvider}'s layout is neither.
 */
public final class Parts {

    public static final byte[] SEPARATOR = "\n%%\n".getBytes(StandardCharsets.ISO_8859_1);

    private Parts() {
    }

    /** At most {@code max} parts: the last one keeps any further separators. */
    public static List<byte[]> split(byte[] input, int max) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + SEPARATOR.length <= input.length && parts.size() < max - 1; i++) {
            if (Arrays.equals(input, i, i + SEPARATOR.length, SEPARATOR, 0, SEPARATOR.length)) {
                parts.add(Arrays.copyOfRange(input, start, i));
                start = i + SEPARATOR.length;
                i = start - 1;
            }
        }
        parts.add(Arrays.copyOfRange(input, start, input.length));
        return parts;
    }

    /** Joins files the way {@link #split} reads them (for writing seeds). */
    public static byte[] join(List<byte[]> parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.writeBytes(SEPARATOR);
            }
            out.writeBytes(parts.get(i));
        }
        return out.toByteArray();
    }
}
