package io.plimsoll.ecosystem.npm;

import java.util.regex.Matcher;

/**
 * One primitive comparator of a desugared range: {@code <}, {@code <=}, {@code >}, {@code >=} or equality with
 * a full version, or "any version" (node-semver's ANY, written as nothing).
 *
 * @param operator {@code ""} (equality), {@code <}, {@code <=}, {@code >} or {@code >=}
 * @param version  {@code null} for any version
 */
record SemverComparator(String operator, SemverVersion version) {

    /** @throws IllegalArgumentException when {@code text} is not a primitive comparator */
    static SemverComparator parse(String text) {
        String comp = String.join(" ", JsText.splitOnSpace(JsText.trim(text)));
        Matcher m = SemverGrammar.COMPARATOR.matcher(comp);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid comparator: " + comp);
        }
        String operator = m.group(1) == null || m.group(1).equals("=") ? "" : m.group(1);
        if (m.group(2) == null) {
            return new SemverComparator(operator, null);
        }
        SemverVersion version = SemverVersion.parse(m.group(2))
                .orElseThrow(() -> new IllegalArgumentException("invalid version in comparator: " + comp));
        return new SemverComparator(operator, version);
    }

    boolean isAny() {
        return version == null;
    }

    /** {@code <0.0.0-0}: node-semver's way of writing "no version at all". */
    boolean isNullSet() {
        return value().equals("<0.0.0-0");
    }

    boolean test(SemverVersion candidate) {
        if (version == null) {
            return true;
        }
        int c = candidate.compareTo(version);
        switch (operator) {
            case "":
                return c == 0;
            case "<":
                return c < 0;
            case "<=":
                return c <= 0;
            case ">":
                return c > 0;
            case ">=":
                return c >= 0;
            default:
                throw new IllegalStateException("operator " + operator);
        }
    }

    /** node-semver's {@code comparator.value}: operator and formatted version, or empty for any version. */
    String value() {
        return version == null ? "" : operator + version;
    }

    @Override
    public String toString() {
        return value();
    }
}
