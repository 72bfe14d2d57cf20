package io.plimsoll.model.version;

import java.util.Comparator;

/**
 * One ecosystem's rules for ordering version strings (dpkg, rpmvercmp, apk-tools, Maven, …).
 *
 * <p>Matching asks "is the installed version below the fixed one?" with exactly these rules, so an
 * implementation must agree with the ecosystem's reference tool on every input it accepts.
 */
public interface VersionScheme extends Comparator<String> {

    /** The short name users type, e.g. {@code deb}, {@code rpm}, {@code apk}. */
    String name();

    /** Negative, zero or positive as {@code a} sorts before, equal to or after {@code b}. */
    @Override
    int compare(String a, String b);

    /**
     * Whether the ecosystem's tool would accept {@code version} as written. Comparison still gives an
     * answer for invalid input (the reference tools do too), but callers may want to warn.
     */
    boolean isValid(String version);

    /**
     * Whether {@code version} is a pre-release in this ecosystem's own terms (SemVer's {@code -rc.1}, PEP 440's
     * {@code a1}/{@code .dev0}, Maven's alpha/beta/milestone/rc/snapshot qualifiers): what its package manager does
     * not pick unless asked, so fix advice does not either. Distribution schemes have none (Debian's {@code ~} also
     * marks backports), hence false by default.
     */
    default boolean isPreRelease(String version) {
        return false;
    }

    /**
     * Orders two version strings by their parsed form, for schemes whose reference tool refuses to compare what it
     * cannot parse: such strings sort below every valid version, and by plain string order among themselves, so the
     * order stays total and stable.
     */
    static <V extends Comparable<V>> int compareParsed(String a, String b,
                                                       java.util.function.Function<String, java.util.Optional<V>> parse) {
        java.util.Optional<V> x = parse.apply(java.util.Objects.requireNonNull(a, "a"));
        java.util.Optional<V> y = parse.apply(java.util.Objects.requireNonNull(b, "b"));
        if (x.isPresent() && y.isPresent()) {
            return Integer.signum(x.get().compareTo(y.get()));
        }
        if (x.isEmpty() && y.isEmpty()) {
            return Integer.signum(a.compareTo(b));
        }
        return x.isEmpty() ? -1 : 1;
    }
}
