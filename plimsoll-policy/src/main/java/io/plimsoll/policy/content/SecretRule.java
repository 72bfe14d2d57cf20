package io.plimsoll.policy.content;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of secret: the literal keywords that must occur for it to be there at all, and the regex that reads it
 * from a keyword on. The scanner looks for keywords first (all rules' keywords in one pass over the bytes) and runs a
 * rule's regex only where one of its keywords starts, once ({@code lookingAt}), over at most {@link #span} characters:
 * the regex must begin with the keyword's text, and never sees more than {@code span} characters.
 *
 * <p>Regexes must stay linear: bounded quantifiers, character classes that exclude the character that ends them, no
 * nested quantifiers over overlapping classes. Lookbehind may look before the keyword (the region is transparent).
 *
 * <p>The secret itself is the first capturing group that took part in the match (rules put alternatives in several
 * groups and everything else in {@code (?:…)}), or the whole match when no group took part.
 *
 * @param precheck     a test on the bytes after the keyword, before the regex is tried at all: most occurrences of
 *                     {@code password} in code are not followed by {@code =} or {@code :}
 * @param anchoreRegex for rules that carry one of Anchore's default {@code secret_search} names, the regex Anchore's
 *                     analyzer configures under that name: Anchore's trigger ids hash it, so allowlists written for
 *                     Anchore keep matching
 * @param generic      a catch-all rule ({@code password=…}) that judges a value by its context: it gives way when a
 *                     specific rule found the same value, and in the documentation of source files (comments,
 *                     docstrings, POD; see {@link SourceSyntax}), where such assignments are usage examples. Rules
 *                     for real key formats are not generic: a live token pasted into a comment is still a leak
 * @param minEntropy   the value's Shannon entropy (bits per character) must reach this; 0 for none
 */
public record SecretRule(String name, String description, List<Keyword> keywords, Precheck precheck, Pattern pattern,
                         int span, double minEntropy, Check check, boolean generic, Optional<String> anchoreRegex) {

    /**
     * A literal that must start where the rule's regex starts. {@code anchor} is the offset of the two bytes the
     * prefilter looks for: the rarest pair in ordinary text ({@code sw} in {@code password}, not {@code pa}) keeps
     * the number of places checked small.
     */
    public record Keyword(String text, boolean ignoreCase, int anchor) {
        public Keyword {
            if (text.length() < 2 || anchor < 0 || anchor + 2 > text.length()) {
                throw new IllegalArgumentException("keyword " + text + ": anchor " + anchor + " outside it");
            }
            for (char c : text.toCharArray()) {
                if (c >= 128) {
                    throw new IllegalArgumentException("keyword " + text + ": not ASCII");
                }
            }
            if (ignoreCase) {
                text = text.toLowerCase(Locale.ROOT);
            }
        }

        public static Keyword exact(String text, int anchor) {
            return new Keyword(text, false, anchor);
        }

        public static Keyword anyCase(String text, int anchor) {
            return new Keyword(text, true, anchor);
        }
    }

    /**
     * A cheap test of the bytes right after a keyword, so that the regex (a matcher reset and a match attempt, some
     * hundred nanoseconds) is tried only where it may match.
     */
    @FunctionalInterface
    public interface Precheck {
        Precheck NONE = (b, length, end) -> true;

        /**
         * An assignment follows: up to {@code suffix} more name characters ({@code _KEY}, {@code .value}), an
         * optional closing quote, blanks, an operator ({@code =}, {@code :}, {@code >}, {@code :=}, {@code =>}),
         * blanks, an optional opening quote, then a value of at least {@code minValue} characters (up to a blank,
         * quote or separator) whose first character is none of {@code notFirst}.
         */
        static Precheck assignment(int suffix, int minValue, String notFirst) {
            return (b, length, end) -> {
                int i = end;
                int limit = Math.min(length, end + suffix);
                while (i < limit && isNameByte(b[i])) {
                    i++;
                }
                if (i < length && (b[i] == '"' || b[i] == '\'')) {
                    i++;
                }
                i = skipBlanks(b, length, i);
                int operators = 0;
                while (i < length && operators < 2 && (b[i] == '=' || b[i] == ':' || b[i] == '>')) {
                    i++;
                    operators++;
                }
                if (operators == 0) {
                    return false;
                }
                i = skipBlanks(b, length, i);
                if (i < length && (b[i] == '"' || b[i] == '\'')) {
                    i++;
                }
                if (i >= length || notFirst.indexOf(b[i]) >= 0) {
                    return false;
                }
                int start = i;
                while (i < length && i - start < minValue && !endsValue(b[i])) {
                    i++;
                }
                return i - start >= minValue;
            };
        }

        private static int skipBlanks(byte[] b, int length, int i) {
            while (i < length && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            return i;
        }

        private static boolean endsValue(byte c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' || c == ';' || c == ','
                    || c == '<' || c == '(' || c == ')';
        }

        private static boolean isNameByte(byte c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                    || c == '-';
        }

        /**
         * Whether the rule's regex is worth trying for a keyword ending at {@code end}.
         *
         * @param b the file, of which the first {@code length} bytes are valid
         */
        boolean test(byte[] b, int length, int end);
    }

    /** A further test of a match: a JWT's header must be JSON with {@code alg}, a password must not be a placeholder. */
    @FunctionalInterface
    public interface Check {
        Check NONE = (value, match, text) -> true;

        /**
         * @param value the secret (see {@link SecretRule})
         * @param match the match, positions in {@code text}
         * @param text  the whole file
         */
        boolean accept(String value, Matcher match, CharSequence text);
    }

    public SecretRule {
        keywords = List.copyOf(keywords);
        if (keywords.isEmpty()) {
            throw new IllegalArgumentException(name + ": a rule needs at least one keyword");
        }
        if (span < 1) {
            throw new IllegalArgumentException(name + ": span must be positive");
        }
    }

    /** The secret in a match: the first capturing group that took part, else the whole match. */
    public static String value(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.start(g) >= 0) {
                return m.group(g);
            }
        }
        return m.group();
    }

    /** Whether this match is a secret: entropy and the rule's own check. */
    boolean accepts(String value, Matcher m, CharSequence text) {
        return (minEntropy <= 0 || Secrets.entropy(value) >= minEntropy) && check.accept(value, m, text);
    }

    /**
     * What Anchore's messages (and so its trigger ids) name the regex by: {@code NAME=regex} for its default names,
     * the bare name for Plimsoll's own rules (whose regexes may be refined without changing anyone's allowlist).
     */
    public String idText() {
        return anchoreRegex.map(r -> name + "=" + r).orElse(name);
    }
}
