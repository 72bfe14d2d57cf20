package io.plimsoll.ecosystem.ruby;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One RubyGems version, reduced to the canonical segments {@code Gem::Version#<=>} compares (RubyGems 3.3, as in
 * Ruby 3.1).
 */
final class GemVersion implements Comparable<GemVersion> {

    /** Ruby's {@code \s}: ASCII space, tab, newline, vertical tab, form feed and carriage return only. */
    private static final String SPACE = "[ \\t\\n\\x0B\\f\\r]";

    /**
     * {@code Gem::Version.correct?}: digits first, then dot-separated runs of ASCII letters and digits, then an
     * optional {@code -} part that may itself hold hyphens. Blank is correct too (it means 0).
     */
    private static final Pattern CORRECT = Pattern.compile(SPACE + "*+"
            + "(?:[0-9]++(?:\\.[0-9A-Za-z]++)*+(?:-[0-9A-Za-z-]++(?:\\.[0-9A-Za-z-]++)*+)?+)?+"
            + SPACE + "*+");

    /** What {@code scan(/[0-9]+|[a-z]+/i)} picks out; dots and the rest only separate. */
    private static final Pattern SEGMENT = Pattern.compile("[0-9]+|[A-Za-z]+");

    private final List<Segment> canonical;

    private GemVersion(List<Segment> canonical) {
        this.canonical = canonical;
    }

    /** The version, or empty when {@code Gem::Version.new} would raise "Malformed version number string". */
    static Optional<GemVersion> parse(String text) {
        Objects.requireNonNull(text, "version");
        if (!CORRECT.matcher(text).matches()) {
            return Optional.empty();
        }
        String body = stripSpace(text);
        if (body.isEmpty()) {
            body = "0";
        }
        // A hyphen starts a pre-release the way ".pre." does: 1.0-1 is 1.0.pre.1, before 1.0.
        return Optional.of(new GemVersion(canonicalSegments(body.replace("-", ".pre."))));
    }

    /**
     * Splits into numbers and letter runs ({@code 1.0.a10} is 1, 0, "a", 10), then drops trailing zeros twice:
     * from the numbers before the first letter run and from the segments after it, so that 1.0 equals 1 and
     * 1.0.a.0 equals 1.a. Only the first drop changes the order (1.0.a against 1.a); comparison pads with zeros
     * anyway, and the second keeps {@link #equals} and {@link #hashCode} in line with it, as in RubyGems.
     */
    private static List<Segment> canonicalSegments(String version) {
        List<Segment> release = new ArrayList<>();
        List<Segment> prerelease = new ArrayList<>();
        Matcher m = SEGMENT.matcher(version);
        while (m.find()) {
            Segment s = Segment.of(m.group());
            (prerelease.isEmpty() && s.number() != null ? release : prerelease).add(s);
        }
        dropTrailingZeros(release);
        dropTrailingZeros(prerelease);
        release.addAll(prerelease);
        return Collections.unmodifiableList(release);
    }

    private static void dropTrailingZeros(List<Segment> segments) {
        while (!segments.isEmpty() && segments.get(segments.size() - 1).isZero()) {
            segments.remove(segments.size() - 1);
        }
    }

    /**
     * Segment by segment, a missing one counting as 0. A letter run sorts before any number, which is what
     * makes 1.0.a (and 1.0-1) a pre-release of 1.0; letter runs compare as byte strings, so "B" sorts before "a".
     */
    @Override
    public int compareTo(GemVersion o) {
        for (int i = 0; i < Math.max(canonical.size(), o.canonical.size()); i++) {
            Segment x = i < canonical.size() ? canonical.get(i) : Segment.ZERO;
            Segment y = i < o.canonical.size() ? o.canonical.get(i) : Segment.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GemVersion && canonical.equals(((GemVersion) o).canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : canonical) {
            sb.append(sb.length() == 0 ? "" : ".").append(s);
        }
        return sb.toString();
    }

    /** Ruby's {@code String#strip} on a string {@code correct?} accepted, so only {@code \s} can surround it. */
    private static String stripSpace(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** A number or a run of letters; exactly one of the two is set. */
    private record Segment(BigInteger number, String text) implements Comparable<Segment> {

        static final Segment ZERO = new Segment(BigInteger.ZERO, null);

        static Segment of(String run) {
            char first = run.charAt(0);
            return first >= '0' && first <= '9' ? new Segment(new BigInteger(run), null) : new Segment(null, run);
        }

        boolean isZero() {
            return number != null && number.signum() == 0;
        }

        @Override
        public int compareTo(Segment o) {
            if (number != null && o.number != null) {
                return Integer.signum(number.compareTo(o.number));
            }
            if (text != null && o.text != null) {
                // ASCII letters only, so UTF-16 order is Ruby's byte order.
                return Integer.signum(text.compareTo(o.text));
            }
            return text != null ? -1 : 1;
        }

        @Override
        public String toString() {
            return number != null ? number.toString() : text;
        }
    }
}
