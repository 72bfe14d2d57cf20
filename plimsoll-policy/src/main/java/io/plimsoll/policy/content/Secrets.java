package io.plimsoll.policy.content;

/** Small text measures the rules share: masking a value for a report, Shannon entropy, binary detection. */
public final class Secrets {

    /** Masked values longer than this many stars are shortened: a 2 KB token reads no better with 2,000 stars. */
    static final int MAX_STARS = 64;

    /** How much of a file's head decides whether it is text. */
    public static final int SNIFF_BYTES = 8192;

    private Secrets() {
    }

    /**
     * Keeps at most the first and last four characters and stars the rest: a quarter of the value on each side
     * when it is shorter than 16 characters, nothing of values under 4 ({@code AKIA************MPLE}).
     */
    public static String mask(CharSequence value) {
        int n = value.length();
        int keep = Math.min(4, n / 4);
        StringBuilder sb = new StringBuilder(Math.min(n, 2 * keep + MAX_STARS));
        sb.append(value, 0, keep);
        sb.append("*".repeat(Math.min(n - 2 * keep, MAX_STARS)));
        sb.append(value, n - keep, n);
        return sb.toString();
    }

    /** Shannon entropy in bits per character: 0 for {@code aaaa}, 4 for random hex, about 5.9 for random base64. */
    public static double entropy(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        for (int c : counts) {
            h -= term(c, n);
        }
        return h - term(other, n);
    }

    private static double term(int count, int n) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / n;
        return p * Math.log(p) / Math.log(2);
    }

    /**
     * Whether a file is binary: a NUL byte or bytes that are not UTF-8 in its first {@link #SNIFF_BYTES} bytes
     * (a multi-byte character cut by the end of the sample counts as text).
     */
    public static boolean isBinary(byte[] b, int length) {
        int n = Math.min(length, SNIFF_BYTES);
        int i = 0;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c == 0) {
                return true;
            }
            if (c < 0x80) {
                i++;
                continue;
            }
            int more;
            if (c >= 0xc2 && c <= 0xdf) {
                more = 1;
            } else if (c >= 0xe0 && c <= 0xef) {
                more = 2;
            } else if (c >= 0xf0 && c <= 0xf4) {
                more = 3;
            } else {
                return true; // a continuation byte out of place, an overlong lead (c0, c1) or beyond U+10FFFF
            }
            for (int k = 1; k <= more; k++) {
                if (i + k >= n) {
                    return n == length; // the file itself ends inside a character; the sample merely cut one
                }
                if ((b[i + k] & 0xc0) != 0x80) {
                    return true;
                }
            }
            i += more + 1;
        }
        return false;
    }
}
