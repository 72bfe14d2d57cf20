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
}
