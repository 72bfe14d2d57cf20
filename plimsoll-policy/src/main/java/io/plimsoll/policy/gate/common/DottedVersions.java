package io.plimsoll.policy.gate.common;

/**
 * Orders distribution releases and other dotted versions ({@code 7.9}, {@code 22.04}, {@code 3.19.1}) segment by
 * segment, numbers as numbers, so {@code 10 > 9} and {@code 3.19 > 3.9}; segments that are not numbers compare as
 * text.
 */
public final class DottedVersions {

    private DottedVersions() {
    }

    public static int compare(String a, String b) {
        String[] x = a.strip().split("[.\\-_]");
        String[] y = b.strip().split("[.\\-_]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c = p.matches("\\d+") && q.matches("\\d+")
                    ? new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q)) : p.compareTo(q);
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return 0;
    }

    /**
     * {@code version} compared at the precision of {@code reference}: {@code 12.5} against {@code 12} compares
     * {@code 12} with {@code 12}, so "debian = 12" holds for every Debian 12 point release.
     */
    public static int compareAtPrecisionOf(String version, String reference) {
        int segments = reference.strip().split("[.\\-_]").length;
        String[] v = version.strip().split("[.\\-_]");
        String truncated = String.join(".", java.util.Arrays.copyOf(v, Math.min(v.length, segments)));
        return compare(truncated, reference);
    }
}
