package io.plimsoll.ecosystem.testing;

/**
 * One expected comparison: the sign of {@code compare(a, b)}.
 *
 * @param where file and line it came from, for failure messages
 */
public record VersionVector(String where, String a, String b, int expected) {

    public VersionVector {
        if (expected < -1 || expected > 1) {
            throw new IllegalArgumentException(where + ": expected sign must be -1, 0 or 1, got " + expected);
        }
    }
}
