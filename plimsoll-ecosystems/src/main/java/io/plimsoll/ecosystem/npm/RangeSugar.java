package io.plimsoll.ecosystem.npm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one {@code ||}-free piece of an npm range into primitive comparators written out as text, by the same
 * rewriting steps node-semver 7 takes (with {@code includePrerelease} off): hyphen ranges, then operator
 * spacing, then per word carets, tildes, x-ranges and stars. Upper bounds get a {@code -0} prerelease, so
 * {@code ^1.2.3} is {@code >=1.2.3 <2.0.0-0} and no 2.0.0 prerelease slips in.
 *
 * <p>Pieces that are not valid are left as they are; {@link SemverComparator#parse} then rejects them.
 */
final class RangeSugar {

    private RangeSugar() {
    }

    /** The piece's comparators as text, one per word (empty words stand for "any version"). */
    static List<String> desugar(String piece) {
        String range = SemverGrammar.BUILD_ANYWHERE.matcher(piece).replaceAll("");
        range = replaceFirst(SemverGrammar.HYPHEN_RANGE, range, RangeSugar::hyphen);
        range = SemverGrammar.COMPARATOR_TRIM.matcher(range).replaceAll("$1$2$3");
        range = SemverGrammar.TILDE_TRIM.matcher(range).replaceAll("$1~");
        range = SemverGrammar.CARET_TRIM.matcher(range).replaceAll("$1^");

        List<String> words = new ArrayList<>();
        for (String word : JsText.split(range, " ")) {
            words.add(primitives(word));
        }
        List<String> comparators = new ArrayList<>();
        for (String comparator : JsText.splitOnSpace(String.join(" ", words))) {
            // >=0.0.0 becomes "any version", which matters when the range is simplified: a set that is only
            // "any version" replaces all others, so >=0.0.0 || 1.2.3-beta no longer takes 1.2.3-beta.
            comparators.add(replaceFirst(SemverGrammar.GTE0, JsText.trim(comparator), m -> ""));
        }
        return comparators;
    }

    /** One word: its build dropped, then its caret, tilde, x-range and star sugar rewritten. */
    private static String primitives(String word) {
        String comp = SemverGrammar.BUILD_ANYWHERE.matcher(word).replaceFirst("");
        comp = eachWord(JsText.trim(comp), SemverGrammar.CARET, RangeSugar::caret);
        comp = eachWord(JsText.trim(comp), SemverGrammar.TILDE, RangeSugar::tilde);
        comp = eachWord(comp, SemverGrammar.X_RANGE, RangeSugar::xRange);
        return replaceFirst(SemverGrammar.STAR, JsText.trim(comp), m -> "");
    }

    /** Rewrites each space-separated word of {@code comp} that matches {@code pattern} whole. */
    private static String eachWord(String comp, Pattern pattern, Function<MatchResult, String> rewrite) {
        List<String> out = new ArrayList<>();
        for (String w : JsText.splitOnSpace(comp)) {
            out.add(replaceFirst(pattern, w, rewrite));
        }
        return String.join(" ", out);
    }

    private static String replaceFirst(Pattern pattern, String text, Function<MatchResult, String> rewrite) {
        Matcher m = pattern.matcher(text);
        return m.replaceFirst(r -> Matcher.quoteReplacement(rewrite.apply(r)));
    }

    /** {@code 1.2 - 3.4} is {@code >=1.2.0 <3.5.0-0}; a full upper version is inclusive. */
    private static String hyphen(MatchResult m) {
        String from;
        if (isX(m.group(2))) {
            from = "";
        } else if (isX(m.group(3))) {
            from = ">=" + m.group(2) + ".0.0";
        } else if (isX(m.group(4))) {
            from = ">=" + m.group(2) + "." + m.group(3) + ".0";
        } else {
            from = ">=" + m.group(1);
        }
        String to;
        if (isX(m.group(8))) {
            to = "";
        } else if (isX(m.group(9))) {
            to = "<" + plusOne(m.group(8)) + ".0.0-0";
        } else if (isX(m.group(10))) {
            to = "<" + m.group(8) + "." + plusOne(m.group(9)) + ".0-0";
        } else if (m.group(11) != null && !m.group(11).isEmpty()) {
            to = "<=" + m.group(8) + "." + m.group(9) + "." + m.group(10) + "-" + m.group(11);
        } else {
            to = "<=" + m.group(7);
        }
        return JsText.trim(from + " " + to);
    }

    /** {@code ~1.2.3} allows patch changes, {@code ~1} minor ones: {@code <1.3.0-0}, {@code <2.0.0-0}. */
    private static String tilde(MatchResult m) {
        String major = m.group(1);
        String minor = m.group(2);
        String patch = m.group(3);
        String pre = m.group(4);
        if (isX(major)) {
            return "";
        }
        if (isX(minor)) {
            return ">=" + major + ".0.0 <" + plusOne(major) + ".0.0-0";
        }
        String upper = " <" + major + "." + plusOne(minor) + ".0-0";
        if (isX(patch)) {
            return ">=" + major + "." + minor + ".0" + upper;
        }
        return ">=" + major + "." + minor + "." + patch + (isEmpty(pre) ? "" : "-" + pre) + upper;
    }

    /** {@code ^} keeps the left-most non-zero part: {@code ^1.2.3 <2.0.0-0}, {@code ^0.2.3 <0.3.0-0}. */
    private static String caret(MatchResult m) {
        String major = m.group(1);
        String minor = m.group(2);
        String patch = m.group(3);
        String pre = m.group(4);
        if (isX(major)) {
            return "";
        }
        if (isX(minor)) {
            return ">=" + major + ".0.0 <" + plusOne(major) + ".0.0-0";
        }
        if (isX(patch)) {
            String upper = major.equals("0")
                    ? major + "." + plusOne(minor) + ".0-0"
                    : plusOne(major) + ".0.0-0";
            return ">=" + major + "." + minor + ".0 <" + upper;
        }
        String upper;
        if (!major.equals("0")) {
            upper = plusOne(major) + ".0.0-0";
        } else if (!minor.equals("0")) {
            upper = major + "." + plusOne(minor) + ".0-0";
        } else {
            upper = major + "." + minor + "." + plusOne(patch) + "-0";
        }
        return ">=" + major + "." + minor + "." + patch + (isEmpty(pre) ? "" : "-" + pre) + " <" + upper;
    }

    /**
     * {@code 1.x} and {@code 1.2} are {@code >=1.0.0 <2.0.0-0} and {@code >=1.2.0 <1.3.0-0}; with an operator
     * the missing parts become zeros, pushed up for {@code >} and {@code <=} ({@code >1.2} is {@code >=1.3.0},
     * {@code <=1.2} is {@code <1.3.0-0}). Words without an x stay as they are.
     */
    private static String xRange(MatchResult m) {
        String comp = m.group();
        String op = m.group(1);
        String major = m.group(2);
        String minor = m.group(3);
        String patch = m.group(4);
        // 1.x.2 or x.1 make no sense; left alone, they fail as comparators.
        if ((isX(major) && !isX(minor)) || (isX(minor) && !isEmpty(patch) && !isX(patch))) {
            return comp;
        }
        boolean xMajor = isX(major);
        boolean xMinor = xMajor || isX(minor);
        boolean anyX = xMinor || isX(patch);
        if (op.equals("=") && anyX) {
            op = "";
        }
        if (xMajor) {
            return op.equals(">") || op.equals("<") ? "<0.0.0-0" : "*";
        }
        if (!op.isEmpty() && anyX) {
            String mj = major;
            String mn = xMinor ? "0" : minor;
            if (op.equals(">")) {
                op = ">=";
                if (xMinor) {
                    mj = plusOne(major);
                } else {
                    mn = plusOne(minor);
                }
            } else if (op.equals("<=")) {
                op = "<";
                if (xMinor) {
                    mj = plusOne(major);
                } else {
                    mn = plusOne(minor);
                }
            }
            return op + mj + "." + mn + ".0" + (op.equals("<") ? "-0" : "");
        }
        if (xMinor) {
            return ">=" + major + ".0.0 <" + plusOne(major) + ".0.0-0";
        }
        if (anyX) {
            return ">=" + major + "." + minor + ".0 <" + major + "." + plusOne(minor) + ".0-0";
        }
        return comp;
    }

    /** node-semver's isX: missing, empty, {@code x}, {@code X} or {@code *}. */
    private static boolean isX(String id) {
        return id == null || id.isEmpty() || id.equalsIgnoreCase("x") || id.equals("*");
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    /**
     * A decimal plus one. node-semver adds in floating point; wherever the two differ the result is above
     * 2^53 - 1, which the comparator then rejects either way.
     */
    private static String plusOne(String decimal) {
        return new BigInteger(decimal).add(BigInteger.ONE).toString();
    }
}
