package io.plimsoll.ecosystem.java;

import java.math.BigInteger;

/**
 * A run of digits. Maven keeps such a run as an int, a long or a BigInteger chosen by its length after leading
 * ASCII zeros are stripped, and orders a shorter kind before a longer one before it looks at the values. For
 * ASCII digits that is just numeric order; it is kept as a rule because {@link Character#isDigit} also takes
 * other scripts' digits, and there the kind, not the value, can decide.
 */
record MavenNumber(int width, BigInteger value) implements MavenItem {

    /** An empty piece, as in {@code 1..2} or a leading {@code -}, counts as zero. */
    static final MavenNumber ZERO = new MavenNumber(0, BigInteger.ZERO);

    /** Digits that fit in 2^31 - 1 whatever they are. */
    private static final int MAX_INT_DIGITS = 9;
    /** Digits that fit in 2^63 - 1 whatever they are. */
    private static final int MAX_LONG_DIGITS = 18;

    static MavenNumber of(String digits) {
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        // An all-zero run is kept whole, as Maven does; its value is 0 either way.
        String stripped = digits.charAt(first) == '0' ? digits : digits.substring(first);
        int width = stripped.length() <= MAX_INT_DIGITS ? 0 : stripped.length() <= MAX_LONG_DIGITS ? 1 : 2;
        return new MavenNumber(width, new BigInteger(stripped));
    }

    @Override
    public int compareTo(MavenItem other) {
        if (other == null) {
            return isNull() ? 0 : 1;
        }
        if (other instanceof MavenNumber n) {
            int c = Integer.compare(width, n.width);
            return c != 0 ? c : value.compareTo(n.value);
        }
        // 1.1 > 1-1 and 1.1 > 1-sp: a number beats anything else in the same place.
        return 1;
    }

    @Override
    public boolean isNull() {
        return value.signum() == 0;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
