package io.plimsoll.image.layer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

/** Byte counts as people read them. */
public final class Bytes {

    private Bytes() {
    }

    /**
     * A stream whose length is known (a tar entry's, not a sparse one's) read straight into one array of that length:
     * {@code InputStream.readNBytes(int)} reads 8 KiB pieces and copies them together again, twice the memory traffic
     * for every wanted file. Fewer bytes if the stream ends first.
     */
    public static byte[] readKnownSize(InputStream in, int size) throws IOException {
        byte[] bytes = new byte[size];
        int n = in.readNBytes(bytes, 0, size);
        return n == size ? bytes : Arrays.copyOf(bytes, n);
    }

    /** 1536 → "1.5 KiB"; binary units, because that is what the limits are set in. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }

    /**
     * The one size syntax of options and settings: {@code 1000} (bytes), {@code 512M}, {@code 4G}, {@code 1.5GiB}
     * (binary: K, M, G, T with or without {@code iB}, as Docker and the limits read them), {@code 500MB} (decimal:
     * KB, MB, GB, TB, as SI writes them). Throws IllegalArgumentException naming the text.
     */
    public static long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        boolean decimal = t.length() > 2 && t.endsWith("B") && !t.endsWith("IB")
                && "KMGT".indexOf(t.charAt(t.length() - 2)) >= 0;
        t = t.replace("IB", "").replace("B", "").trim();
        long multiplier = 1;
        if (!t.isEmpty()) {
            int power = "KMGT".indexOf(t.charAt(t.length() - 1)) + 1;
            if (power > 0) {
                multiplier = decimal ? (long) Math.pow(1000, power) : 1L << (10 * power);
                t = t.substring(0, t.length() - 1).trim();
            }
        }
        try {
            double value = Double.parseDouble(t);
            if (value <= 0 || Double.isNaN(value) || value * multiplier >= Long.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (long) (value * multiplier);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size '" + text + "' (e.g. 512M, 4G, 1.5GiB, 500MB)");
        }
    }
}
