package io.plimsoll.ecosystem.python;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEP 440 version, parsed and normalised as pypa {@code packaging.version.Version} does, and ordered as its
 * comparison key orders it.
 *
 * <p>Numbers are {@link BigInteger}s because Python's are unbounded: {@code 1.99999999999999999999} is a valid
 * version and must not overflow into a wrong order.
 */
final class Pep440Version implements Comparable<Pep440Version> {

    /** Separators PEP 440 allows between parts (and that normalisation drops): {@code .}, {@code -}, {@code _}. */
    private static final String SEP = "[._-]";

    /**
     * The public grammar, one named part per line. Possessive quantifiers ({@code ?+}, {@code *+}) accept
     * exactly the same strings as plain ones here, since no part can start the way the next one does; they only
     * stop a long invalid string from backtracking for ages. {@code CASE_INSENSITIVE} without {@code UNICODE_CASE}
     * folds ASCII only, as packaging's {@code (?a:...)} groups do.
     */
    private static final Pattern VERSION = Pattern.compile(String.join("",
            "v?+",
            "(?:(?<epoch>[0-9]+)!)?+",
            "(?<release>[0-9]+(?:\\.[0-9]+)*+)",
            "(?:" + SEP + "?+(?<preL>alpha|a|beta|b|preview|pre|c|rc)" + SEP + "?+(?<preN>[0-9]+)?)?+",
            // "-N" alone is a post-release (1.0-1 is 1.0.post1); otherwise post, rev or r with an optional number.
            "(?:-(?<postN1>[0-9]+)|" + SEP + "?(?<postL>post|rev|r)" + SEP + "?(?<postN2>[0-9]+)?)?+",
            "(?:" + SEP + "?+(?<devL>dev)" + SEP + "?+(?<devN>[0-9]+)?)?+",
            "(?:\\+(?<local>[a-z0-9]+(?:" + SEP + "[a-z0-9]+)*+))?+"),
            Pattern.CASE_INSENSITIVE);

    private static final Pattern LOCAL_SEPARATOR = Pattern.compile(SEP);

    private final BigInteger epoch;
    /** As written, trailing zeros kept: prefix matching ({@code ==1.0.*}) needs them, ordering ignores them. */
    private final List<BigInteger> release;
    private final PreRelease pre;
    private final BigInteger post;
    private final BigInteger dev;
    private final List<LocalSegment> local;

    private Pep440Version(BigInteger epoch, List<BigInteger> release, PreRelease pre, BigInteger post,
                          BigInteger dev, List<LocalSegment> local) {
        this.epoch = epoch;
        this.release = release;
        this.pre = pre;
        this.post = post;
        this.dev = dev;
        this.local = local;
    }

    /** The version, or empty when packaging would raise {@code InvalidVersion}. */
    static Optional<Pep440Version> parse(String text) {
        Matcher m = VERSION.matcher(PythonText.strip(Objects.requireNonNull(text, "version")));
        if (!m.matches()) {
            return Optional.empty();
        }
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.")) {
            release.add(new BigInteger(part));
        }
        PreRelease pre = m.group("preL") == null ? null
                : new PreRelease(PreRelease.Letter.of(m.group("preL")), numberOrZero(m.group("preN")));
        BigInteger post = null;
        if (m.group("postN1") != null) {
            post = new BigInteger(m.group("postN1"));
        } else if (m.group("postL") != null) {
            post = numberOrZero(m.group("postN2"));
        }
        BigInteger dev = m.group("devL") == null ? null : numberOrZero(m.group("devN"));
        List<LocalSegment> local = m.group("local") == null ? null : LocalSegment.split(m.group("local"));
        return Optional.of(new Pep440Version(m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch")),
                Collections.unmodifiableList(release), pre, post, dev, local));
    }

    private static BigInteger numberOrZero(String digits) {
        // A letter without a number has an implicit 0: 1.0a is 1.0a0, 1.0.post is 1.0.post0.
        return digits == null ? BigInteger.ZERO : new BigInteger(digits);
    }

    BigInteger epoch() {
        return epoch;
    }

    List<BigInteger> release() {
        return release;
    }

    /** A pre-release or a development release: what PEP 440 excludes from specifiers by default. */
    boolean isPrerelease() {
        return pre != null || dev != null;
    }

    boolean isPostrelease() {
        return post != null;
    }

    boolean hasLocal() {
        return local != null;
    }

    /** Without its local label: what {@code >=}, {@code <=} and {@code ==} (without a label) compare. */
    Pep440Version publicVersion() {
        return local == null ? this : new Pep440Version(epoch, release, pre, post, dev, null);
    }

    /** The version this is a post-release of: 1.0.post1 and 1.0.post1.dev2 are post-releases of 1.0. */
    Pep440Version postBase() {
        return new Pep440Version(epoch, release, pre, null, null, null);
    }

    /** The first pre-release of this exact version: 1.2 gives 1.2.dev0 and 1.2.post1 gives 1.2.post1.dev0. */
    Pep440Version earliestPrerelease() {
        return new Pep440Version(epoch, release, pre, post, BigInteger.ZERO, null);
    }

    @Override
    public int compareTo(Pep440Version o) {
        int c = epoch.compareTo(o.epoch);
        if (c == 0) {
            c = compareRelease(release, o.release);
        }
        if (c == 0) {
            c = Integer.compare(preRank(), o.preRank());
        }
        if (c == 0 && pre != null) {
            c = pre.number().compareTo(o.pre.number());
        }
        if (c == 0) {
            c = compareOptional(post, o.post, -1);
        }
        if (c == 0) {
            // A development release comes before the release it leads to.
            c = compareOptional(dev, o.dev, 1);
        }
        if (c == 0) {
            c = compareLocal(local, o.local);
        }
        return Integer.signum(c);
    }

    /**
     * Where the pre-release part puts this version among versions of the same release. A development release
     * with neither pre- nor post-release part (1.0.dev1) goes before every pre-release of its release (1.0a1):
     * packaging gets that by comparing such a version's pre part as minus infinity, and a version without any
     * pre-release part as plus infinity, after rc.
     */
    private int preRank() {
        if (pre != null) {
            return pre.letter().ordinal();
        }
        return post == null && dev != null ? -1 : PreRelease.Letter.values().length;
    }

    /** Trailing zeros do not count: 1.0.0 equals 1, and a missing part compares as 0. */
    private static int compareRelease(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Two optional numbers, where {@code absent} (-1 or 1) says whether a missing one sorts first or last. */
    private static int compareOptional(BigInteger a, BigInteger b, int absent) {
        if (a == null || b == null) {
            return a == b ? 0 : (a == null ? absent : -absent);
        }
        return a.compareTo(b);
    }

    /** No label sorts first; then label by label, a shorter label first when one is a prefix of the other. */
    private static int compareLocal(List<LocalSegment> a, List<LocalSegment> b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pep440Version && compareTo((Pep440Version) o) == 0;
    }

    @Override
    public int hashCode() {
        // Consistent with equals: only what compareTo looks at, with the release's trailing zeros dropped.
        int size = release.size();
        while (size > 0 && release.get(size - 1).signum() == 0) {
            size--;
        }
        return Objects.hash(epoch, release.subList(0, size), preRank(), pre == null ? null : pre.number(),
                post, dev, local);
    }

    /** The normalised form, as {@code str(Version(...))} prints it. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (epoch.signum() != 0) {
            sb.append(epoch).append('!');
        }
        for (int i = 0; i < release.size(); i++) {
            sb.append(i == 0 ? "" : ".").append(release.get(i));
        }
        if (pre != null) {
            sb.append(pre.letter().spelling()).append(pre.number());
        }
        if (post != null) {
            sb.append(".post").append(post);
        }
        if (dev != null) {
            sb.append(".dev").append(dev);
        }
        if (local != null) {
            sb.append('+');
            for (int i = 0; i < local.size(); i++) {
                sb.append(i == 0 ? "" : ".").append(local.get(i));
            }
        }
        return sb.toString();
    }

    /** {@code a}, {@code b} or {@code rc} with its number. */
    record PreRelease(Letter letter, BigInteger number) {

        /** In sort order. */
        enum Letter {
            A("a"), B("b"), RC("rc");

            private final String spelling;

            Letter(String spelling) {
                this.spelling = spelling;
            }

            String spelling() {
                return spelling;
            }

            /** The alternative spellings PEP 440 normalises: alpha, beta, and c, pre and preview for rc. */
            static Letter of(String written) {
                switch (written.toLowerCase(Locale.ROOT)) {
                    case "a":
                    case "alpha":
                        return A;
                    case "b":
                    case "beta":
                        return B;
                    case "c":
                    case "rc":
                    case "pre":
                    case "preview":
                        return RC;
                    default:
                        throw new IllegalArgumentException("not a pre-release letter: " + written);
                }
            }
        }
    }

    /**
     * One dot-separated part of a local label: a number when all digits, otherwise lower-cased text. Text sorts
     * before any number, texts sort as strings and numbers by value (so {@code +01} equals {@code +1}).
     */
    record LocalSegment(BigInteger number, String text) implements Comparable<LocalSegment> {

        static List<LocalSegment> split(String label) {
            List<LocalSegment> segments = new ArrayList<>();
            for (String part : LOCAL_SEPARATOR.split(label, -1)) {
                segments.add(part.chars().allMatch(c -> c >= '0' && c <= '9')
                        ? new LocalSegment(new BigInteger(part), null)
                        : new LocalSegment(null, part.toLowerCase(Locale.ROOT)));
            }
            return Collections.unmodifiableList(segments);
        }

        @Override
        public int compareTo(LocalSegment o) {
            if (number != null && o.number != null) {
                return number.compareTo(o.number);
            }
            if (number == null && o.number == null) {
                return text.compareTo(o.text);
            }
            return number == null ? -1 : 1;
        }

        @Override
        public String toString() {
            return number != null ? number.toString() : text;
        }
    }
}
