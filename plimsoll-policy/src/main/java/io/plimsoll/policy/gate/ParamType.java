package io.plimsoll.policy.gate;

/** How a parameter's string value is read and validated. */
public enum ParamType {
    /** Any text. */
    STRING,
    /** A whole number. */
    INTEGER,
    /** A decimal number (CVSS scores, EPSS probabilities). */
    NUMBER,
    /** {@code true} or {@code false} (case-insensitive). */
    BOOLEAN,
    /** One of {@link Param#allowed()}. */
    ENUM,
    /** A comma-separated list (of {@link Param#allowed()} values when that is not empty). */
    CSV,
    /** A Java regular expression that must compile. */
    REGEX,
    /** A file mode, octal: {@code 0o4755}, {@code 04755} or {@code 4755}. */
    MODE
}
