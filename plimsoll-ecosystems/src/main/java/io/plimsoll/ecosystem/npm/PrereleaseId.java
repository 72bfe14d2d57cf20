package io.plimsoll.ecosystem.npm;

/**
 * One dot-separated prerelease identifier as node-semver holds it: digits below 2^53 - 1 become a JavaScript
 * number, everything else (words, and digit runs too long for a safe integer) stays a string.
 *
 * @param text     the identifier; for a number its decimal form, so {@code 01} read loosely is {@code 1}
 * @param isNumber whether node-semver turned it into a number
 */
record PrereleaseId(String text, boolean isNumber) {

    static PrereleaseId of(String text) {
        if (JsText.isAsciiDigits(text)) {
            double value = Double.parseDouble(text);
            if (value < SemverVersion.MAX_SAFE_INTEGER) {
                return new PrereleaseId(Long.toString((long) value), true);
            }
        }
        return new PrereleaseId(text, false);
    }

    /** node-semver's {@code ===} between two identifiers: same type, same value. */
    boolean sameAs(PrereleaseId other) {
        return isNumber == other.isNumber && text.equals(other.text);
    }

    /**
     * node-semver's compareIdentifiers: numbers before words; two digit runs compare as JavaScript numbers, so
     * runs beyond 2^53 that round to the same double compare equal; words compare by UTF-16 code units.
     */
    int compareTo(PrereleaseId other) {
        boolean digits = JsText.isAsciiDigits(text);
        boolean otherDigits = JsText.isAsciiDigits(other.text);
        if (digits && otherDigits) {
            return Double.compare(Double.parseDouble(text), Double.parseDouble(other.text));
        }
        if (digits != otherDigits) {
            return digits ? -1 : 1;
        }
        return Integer.signum(text.compareTo(other.text));
    }

    @Override
    public String toString() {
        return text;
    }
}
