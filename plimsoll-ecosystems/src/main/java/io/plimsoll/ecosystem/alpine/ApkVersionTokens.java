package io.plimsoll.ecosystem.alpine;

import java.util.Locale;

/**
 * Reads an Alpine version token by token, the way apk-tools 3 lexes one:
 * {@code digits{.digits}...{letter}{_suffix{digits}}...{~hash}{-rdigits}}.
 *
 * <p>Each token is checked against the one before it; a token that may not follow its predecessor (a second
 * letter, a dot after a suffix, anything after the revision, ...) turns the reader {@link Type#INVALID} and
 * it stays there. Comparison still uses the tokens read up to that point, like apk does.
 */
final class ApkVersionTokens {

    /** Token kinds in the order a version may contain them; the order matters when two versions diverge. */
    enum Type { INITIAL_DIGIT, DIGIT, LETTER, SUFFIX, SUFFIX_NO, COMMIT_HASH, REVISION_NO, END, INVALID }

    /** The suffixes apk knows, in their order; those before NONE mark pre-releases. */
    enum Suffix {
        ALPHA, BETA, PRE, RC, NONE, CVS, SVN, GIT, HG, P;

        boolean isPreRelease() {
            return compareTo(NONE) < 0;
        }

        static Suffix named(String name) {
            for (Suffix s : values()) {
                if (s != NONE && s.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return s;
                }
            }
            return null;
        }
    }

    private final String text;
    private int pos;

    private Type type;
    private Suffix suffix;
    /** The token's digits as apk reads them: an unsigned 64-bit value that wraps on overflow. */
    private long number;
    private int valueStart;
    private int valueEnd;

    /** Positions the reader on the first token, which must be a number. */
    ApkVersionTokens(String text) {
        this.text = text;
        this.type = Type.INITIAL_DIGIT;
        readDigits();
    }

    Type type() {
        return type;
    }

    Suffix suffix() {
        return suffix;
    }

    long number() {
        return number;
    }

    String value() {
        return text.substring(valueStart, valueEnd);
    }

    void next() {
        if (type == Type.END || type == Type.INVALID) {
            return;
        }
        if (pos >= text.length()) {
            type = Type.END;
            return;
        }
        char c = text.charAt(pos);
        if (c >= 'a' && c <= 'z') {
            letter();
        } else if (c == '.' || (c >= '0' && c <= '9')) {
            digits(c == '.');
        } else if (c == '_') {
            suffixName();
        } else if (c == '~') {
            commitHash();
        } else if (c == '-') {
            revision();
        } else {
            type = Type.INVALID;
        }
    }

    private void letter() {
        if (type.compareTo(Type.DIGIT) > 0) {
            type = Type.INVALID;
            return;
        }
        valueStart = pos;
        valueEnd = ++pos;
        type = Type.LETTER;
    }

    /** A dot starts a version component; bare digits can only continue a number or follow a suffix name. */
    private void digits(boolean dot) {
        if (dot) {
            if (type.compareTo(Type.DIGIT) > 0) {
                type = Type.INVALID;
                return;
            }
            pos++;
        }
        switch (type) {
            case INITIAL_DIGIT, DIGIT -> type = Type.DIGIT;
            case SUFFIX -> type = Type.SUFFIX_NO;
            default -> {
                type = Type.INVALID;
                return;
            }
        }
        readDigits();
    }

    private void suffixName() {
        if (type.compareTo(Type.SUFFIX_NO) > 0) {
            type = Type.INVALID;
            return;
        }
        valueStart = ++pos;
        while (pos < text.length() && text.charAt(pos) >= 'a' && text.charAt(pos) <= 'z') {
            pos++;
        }
        valueEnd = pos;
        suffix = Suffix.named(value());
        type = suffix == null ? Type.INVALID : Type.SUFFIX;
    }

    private void commitHash() {
        if (type.compareTo(Type.COMMIT_HASH) >= 0) {
            type = Type.INVALID;
            return;
        }
        valueStart = ++pos;
        while (pos < text.length() && isLowerHex(text.charAt(pos))) {
            pos++;
        }
        valueEnd = pos;
        type = valueEnd == valueStart ? Type.INVALID : Type.COMMIT_HASH;
    }

    private void revision() {
        if (type.compareTo(Type.REVISION_NO) >= 0 || !text.startsWith("-r", pos)) {
            type = Type.INVALID;
            return;
        }
        pos += 2;
        type = Type.REVISION_NO;
        readDigits();
    }

    /** Reads a run of digits into number and value; an empty run makes the token invalid. */
    private void readDigits() {
        valueStart = pos;
        long n = 0;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            n = n * 10 + (text.charAt(pos) - '0');
            pos++;
        }
        valueEnd = pos;
        number = n;
        if (valueEnd == valueStart) {
            type = Type.INVALID;
        }
    }

    private static boolean isLowerHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
