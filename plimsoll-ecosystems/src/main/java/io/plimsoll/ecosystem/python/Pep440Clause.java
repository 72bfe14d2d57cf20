package io.plimsoll.ecosystem.python;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** One clause of a specifier set, such as {@code >=1.0}, {@code !=1.5.*} or {@code ===foo}. */
final class Pep440Clause {

    /** What may stand before {@code .*}: a bare release, with optional {@code v} and epoch. */
    private static final Pattern WILDCARD_PREFIX = Pattern.compile("v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*",
            Pattern.CASE_INSENSITIVE);

    private final Pep440Operator operator;
    /** The version as written after the operator (without {@code .*}). */
    private final String text;
    /** The parsed version; null only for {@code ===} with a string that is not PEP 440. */
    private final Pep440Version version;
    /** {@code ==X.*} or {@code !=X.*}: prefix matching. */
    private final boolean wildcard;

    private Pep440Clause(Pep440Operator operator, String text, Pep440Version version, boolean wildcard) {
        this.operator = operator;
        this.text = text;
        this.version = version;
        this.wildcard = wildcard;
    }

    /**
     * A clause with surrounding whitespace already stripped. Follows packaging's specifier grammar: local labels
     * only with {@code ==} and {@code !=}, {@code .*} only after a bare release and only with those two,
     * {@code ~=} needs at least two release numbers, and {@code ===} takes any text without whitespace,
     * {@code ;} or {@code )}.
     *
     * @throws IllegalArgumentException when packaging would raise {@code InvalidSpecifier}
     */
    static Pep440Clause parse(String clause) {
        Pep440Operator op = Pep440Operator.startOf(clause)
                .orElseThrow(() -> invalid(clause, "no operator (~=, ==, !=, <=, >=, <, >, ===)"));
        String text = PythonText.strip(clause.substring(op.symbol().length()));
        if (op == Pep440Operator.ARBITRARY) {
            if (PythonText.containsSpace(text) || text.contains(";") || text.contains(")")) {
                throw invalid(clause, "=== takes one word");
            }
            return new Pep440Clause(op, text, Pep440Version.parse(text).orElse(null), false);
        }
        boolean wildcard = text.endsWith(".*");
        if (wildcard) {
            text = text.substring(0, text.length() - 2);
            if (!(op == Pep440Operator.EQUAL || op == Pep440Operator.NOT_EQUAL)) {
                throw invalid(clause, ".* is only allowed with == and !=");
            }
            if (!WILDCARD_PREFIX.matcher(text).matches()) {
                throw invalid(clause, ".* must follow a release such as 1.2");
            }
        }
        Pep440Version v = PythonText.containsSpace(text) ? null : Pep440Version.parse(text).orElse(null);
        if (v == null) {
            throw invalid(clause, "'" + text + "' is not a PEP 440 version");
        }
        if (v.hasLocal() && !(op == Pep440Operator.EQUAL || op == Pep440Operator.NOT_EQUAL)) {
            throw invalid(clause, "a local version label is only allowed with == and !=");
        }
        if (op == Pep440Operator.COMPATIBLE && v.release().size() < 2) {
            throw invalid(clause, "~= needs at least two release numbers");
        }
        return new Pep440Clause(op, text, v, wildcard);
    }

    private static IllegalArgumentException invalid(String clause, String why) {
        return new IllegalArgumentException("invalid version specifier '" + clause + "': " + why);
    }

    /**
     * Whether this clause names a pre-release, which lets the whole set match pre-releases. {@code !=} never
     * does (excluding a pre-release is no request for others), nor does {@code ==X.*}, which cannot name one.
     */
    boolean mentionsPrerelease() {
        return operator != Pep440Operator.NOT_EQUAL && !wildcard && version != null && version.isPrerelease();
    }

    /**
     * Whether {@code candidate} (null when {@code written} is not PEP 440) satisfies this clause. Only
     * {@code ===} can match a string that is not PEP 440: it compares the strings as written, ignoring case.
     */
    boolean matches(Pep440Version candidate, String written) {
        if (operator == Pep440Operator.ARBITRARY) {
            return written.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT));
        }
        if (candidate == null) {
            return false;
        }
        switch (operator) {
            case EQUAL:
                return equal(candidate);
            case NOT_EQUAL:
                return !equal(candidate);
            case COMPATIBLE:
                // ~=2.2.1 means >=2.2.1 and ==2.2.*: drop the last release number (and any suffix) for the prefix.
                return candidate.publicVersion().compareTo(version) >= 0
                        && prefixMatches(candidate, version.release().subList(0, version.release().size() - 1));
            case LESS_EQUAL:
                return candidate.publicVersion().compareTo(version) <= 0;
            case GREATER_EQUAL:
                return candidate.publicVersion().compareTo(version) >= 0;
            case LESS:
                return less(candidate);
            case GREATER:
                return greater(candidate);
            default:
                throw new AssertionError(operator);
        }
    }

    private boolean equal(Pep440Version candidate) {
        if (wildcard) {
            return prefixMatches(candidate, version.release());
        }
        // Without a local label in the clause, the candidate's own label does not count.
        Pep440Version compared = version.hasLocal() ? candidate : candidate.publicVersion();
        return compared.compareTo(version) == 0;
    }

    /**
     * Prefix matching: same epoch, and the candidate's release, padded with zeros, starts with {@code prefix}.
     * Its pre-, post-, dev-release and local parts do not matter, so 1.1a1 and 1.1.post1 both match 1.1.*.
     */
    private boolean prefixMatches(Pep440Version candidate, List<BigInteger> prefix) {
        if (!candidate.epoch().equals(version.epoch())) {
            return false;
        }
        List<BigInteger> release = candidate.release();
        for (int i = 0; i < prefix.size(); i++) {
            BigInteger n = i < release.size() ? release.get(i) : BigInteger.ZERO;
            if (!n.equals(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code <V} must not match a pre-release of V itself unless V is one: {@code <3.1} excludes 3.1rc1. */
    private boolean less(Pep440Version candidate) {
        if (candidate.compareTo(version) >= 0) {
            return false;
        }
        return version.isPrerelease() || !candidate.isPrerelease()
                || candidate.compareTo(version.earliestPrerelease()) < 0;
    }

    /**
     * {@code >V} must not match a post-release of V unless V is one ({@code >1.7} excludes 1.7.post1), nor a
     * local version of V ({@code >1.7} excludes 1.7+local).
     */
    private boolean greater(Pep440Version candidate) {
        if (candidate.compareTo(version) <= 0) {
            return false;
        }
        if (!version.isPostrelease() && candidate.isPostrelease() && candidate.postBase().compareTo(version) == 0) {
            return false;
        }
        return !(candidate.hasLocal() && candidate.publicVersion().compareTo(version) == 0);
    }

    @Override
    public String toString() {
        return operator.symbol() + text + (wildcard ? ".*" : "");
    }
}
