package io.plimsoll.vuln;

import java.util.Objects;

/**
 * One CVSS assessment as a source published it.
 *
 * @param version the CVSS version: {@code 2.0}, {@code 3.0}, {@code 3.1}, {@code 4.0}
 * @param vector  the vector string as written, e.g. {@code CVSS:3.1/AV:N/AC:L/...}
 * @param score   the base score, 0.0–10.0; {@code NaN} when the source gave only a vector
 * @param source  who scored it: {@code nvd@nist.gov}, {@code secalert@redhat.com}, {@code ghsa}, …
 */
public record Cvss(String version, String vector, double score, String source) {

    public Cvss {
        Objects.requireNonNull(version, "version");
        vector = vector == null ? "" : vector;
        source = source == null ? "" : source;
    }

    public boolean hasScore() {
        return !Double.isNaN(score);
    }

    /** The version a vector string declares ({@code CVSS:3.1/…} → {@code 3.1}); {@code 2.0} for bare v2 vectors. */
    public static String versionOf(String vector) {
        if (vector != null && vector.startsWith("CVSS:")) {
            int slash = vector.indexOf('/');
            return slash > 5 ? vector.substring(5, slash) : vector.substring(5);
        }
        return "2.0";
    }
}
