package io.plimsoll.image.layer;

import java.util.Locale;

/** Byte counts as people read them. */
public final class Bytes {

    private Bytes() {
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

    /** Parses "512M", "4G", "1.5GiB", "1000" (bytes); throws IllegalArgumentException naming the text. */
    public static long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long multiplier = 1;
        if (!t.isEmpty()) {
            char last = t.charAt(t.length() - 1);
            int shift = switch (last) {
                case 'K' -> 10;
                case 'M' -> 20;
                case 'G' -> 30;
                case 'T' -> 40;
                default -> 0;
            };
            if (shift > 0) {
                multiplier = 1L << shift;
                t = t.substring(0, t.length() - 1);
            }
        }
        try {
            double value = Double.parseDouble(t);
            if (value <= 0 || Double.isNaN(value) || value * multiplier >= Long.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (long) (value * multiplier);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size '" + text + "' (e.g. 512M, 4G, 1T)");
        }
    }
}
