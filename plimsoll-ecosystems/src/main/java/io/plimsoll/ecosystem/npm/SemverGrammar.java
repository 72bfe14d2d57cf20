package io.plimsoll.ecosystem.npm;

import java.util.regex.Pattern;

/**
 * node-semver 7's grammar for versions and range pieces, as regular expressions. Ranges are desugared by
 * rewriting text with these patterns (that is how node-semver does it, and its edge cases follow from the exact
 * patterns), so they are spelled out here rather than replaced by a hand-written parser.
 *
 * <p>Where node-semver writes {@code \s} it means JavaScript's white space ({@link JsText#SPACE}). A range has
 * all of it collapsed to single spaces before any pattern sees it, so the range patterns say {@code " "}: the
 * same matches, and several times faster in Java than a twelve-part character class. node-semver's {@code $}
 * is Java's {@code \z}. Capturing groups are numbered as in node-semver: a plain version captures major, minor,
 * patch, prerelease, build.
 */
final class SemverGrammar {

    /** White space inside a range, once collapsed. */
    private static final String S = " ";
    /**
     * node-semver's {@code [v=\s]*} before a version. Possessive, which changes no match (what follows is always
     * a digit, {@code x}, {@code X} or {@code *}, none of which it could give back) but spares a long run of
     * {@code v v v ...} from backtracking at every start position.
     */
    private static final String V_EQ_S = "[v= ]*+";
    private static final String V_EQ_JS_SPACE = "[v=" + JsText.SPACE_CLASS_BODY + "]*+";

    /** {@code 0} or a number without leading zeros. */
    private static final String NUMBER = "0|[1-9]\\d*";
    private static final String NUMBER_LOOSE = "\\d+";
    /** Digits and at least one letter or hyphen: an identifier compared as text. */
    private static final String NON_NUMBER = "\\d*[a-zA-Z-][a-zA-Z0-9-]*";

    private static final String MAIN = "(" + NUMBER + ")\\.(" + NUMBER + ")\\.(" + NUMBER + ")";
    private static final String MAIN_LOOSE =
            "(" + NUMBER_LOOSE + ")\\.(" + NUMBER_LOOSE + ")\\.(" + NUMBER_LOOSE + ")";
    // Non-numeric first: it also matches what starts like a number but goes on with letters.
    private static final String PRE_ID = "(?:" + NON_NUMBER + "|" + NUMBER + ")";
    private static final String PRE_ID_LOOSE = "(?:" + NON_NUMBER + "|" + NUMBER_LOOSE + ")";
    private static final String PRERELEASE = "(?:-(" + PRE_ID + "(?:\\." + PRE_ID + ")*))";
    private static final String PRERELEASE_LOOSE = "(?:-?(" + PRE_ID_LOOSE + "(?:\\." + PRE_ID_LOOSE + ")*))";
    private static final String BUILD_ID = "[a-zA-Z0-9-]+";
    private static final String BUILD = "(?:\\+(" + BUILD_ID + "(?:\\." + BUILD_ID + ")*))";

    static final String FULL_PLAIN = "v?" + MAIN + PRERELEASE + "?" + BUILD + "?";
    /** node-semver's loose version after its {@code [v=\s]*} prefix: leading zeros, {@code 1.2.3beta}. */
    private static final String LOOSE_TAIL = MAIN_LOOSE + PRERELEASE_LOOSE + "?" + BUILD + "?";

    private static final String GTLT = "((?:<|>)?=?)";
    private static final String X_ID = NUMBER + "|x|X|\\*";
    /** A partial version: {@code 1}, {@code 1.2}, {@code 1.x}, {@code *}, {@code 1.2.3-pre+build}. */
    private static final String X_PLAIN = V_EQ_S + "(" + X_ID + ")(?:\\.(" + X_ID + ")(?:\\.(" + X_ID + ")"
            + "(?:" + PRERELEASE + ")?" + BUILD + "?)?)?";

    static final Pattern STRICT_VERSION = Pattern.compile("^" + FULL_PLAIN + "\\z");
    /** Also {@code =1.2.3} and {@code v 1.2.3}. */
    static final Pattern LOOSE_VERSION = Pattern.compile("^" + V_EQ_JS_SPACE + LOOSE_TAIL + "\\z");

    /** Build metadata anywhere; a range drops it before anything else. */
    static final Pattern BUILD_ANYWHERE = Pattern.compile(BUILD);

    /** Groups: from, fM, fm, fp, fpr, fbuild, to, tM, tm, tp, tpr, tbuild. */
    static final Pattern HYPHEN_RANGE = Pattern.compile(
            "^" + S + "*(" + X_PLAIN + ")" + S + "+-" + S + "+(" + X_PLAIN + ")" + S + "*\\z");

    /** Joins an operator to its version: {@code > 1.2.3} becomes {@code >1.2.3}. Replacement {@code $1$2$3}. */
    static final Pattern COMPARATOR_TRIM = Pattern.compile(
            "(" + S + "*)" + GTLT + S + "*(" + V_EQ_S + LOOSE_TAIL + "|" + X_PLAIN + ")");
    /** {@code ~ 1.2} becomes {@code ~1.2}. Replacement {@code $1~}. */
    static final Pattern TILDE_TRIM = Pattern.compile("(" + S + "*)(?:~>?)" + S + "+");
    /** {@code ^ 1.2} becomes {@code ^1.2}. Replacement {@code $1^}. */
    static final Pattern CARET_TRIM = Pattern.compile("(" + S + "*)(?:\\^)" + S + "+");

    /** Groups: M, m, p, prerelease, build. */
    static final Pattern TILDE = Pattern.compile("^(?:~>?)" + X_PLAIN + "\\z");
    static final Pattern CARET = Pattern.compile("^(?:\\^)" + X_PLAIN + "\\z");
    /** Groups: operator, M, m, p, prerelease, build. */
    static final Pattern X_RANGE = Pattern.compile("^" + GTLT + S + "*" + X_PLAIN + "\\z");

    static final Pattern STAR = Pattern.compile("(<|>)?=?" + S + "*\\*");
    static final Pattern GTE0 = Pattern.compile("^" + S + "*>=" + S + "*0\\.0\\.0" + S + "*\\z");

    /** A primitive comparator, or nothing at all (any version). Groups: operator, version. */
    static final Pattern COMPARATOR = Pattern.compile("^" + GTLT + S + "*(" + FULL_PLAIN + ")\\z|^\\z");

    private SemverGrammar() {
    }
}
