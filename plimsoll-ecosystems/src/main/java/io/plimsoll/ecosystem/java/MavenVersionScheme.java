package io.plimsoll.ecosystem.java;

import io.plimsoll.model.version.VersionScheme;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Maven versions, ordered exactly as maven-artifact 3.9's {@code ComparableVersion} orders them (the order Maven
 * itself uses to resolve version ranges and pick the newest dependency).
 *
 * <p>A version is split into numbers and qualifiers at {@code .}, {@code -} and every switch between digits and
 * letters, and the {@code -} parts nest (see {@link MavenVersionParser}). Numbers compare by value; qualifiers
 * in the order {@code alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp}, then any
 * other qualifier alphabetically; {@code a1}, {@code b1}, {@code m1} mean alpha, beta, milestone only when a
 * digit follows. Trailing zeros and release qualifiers mean nothing: {@code 1.0.0 == 1 == 1-final}.
 */
public final class MavenVersionScheme implements VersionScheme {

    public static final String NAME = "maven";

    /** Characters Maven's model validator refuses in a project version (they cannot be in a path). */
    private static final String BANNED = "\\/:\"<>|?*";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int compare(String a, String b) {
        MavenItemList x = MavenVersionParser.parse(Objects.requireNonNull(a, "a"));
        MavenItemList y = MavenVersionParser.parse(Objects.requireNonNull(b, "b"));
        return Integer.signum(x.compareTo(y));
    }

    /**
     * ComparableVersion takes any string, so validity is what Maven 3.9's model validator lets through as a
     * version: not empty, no unresolved {@code ${...}} expression, none of {@code \/:"<>|?*}. Whitespace and
     * control characters are refused as well; that is Plimsoll's own rule, since a version holding them is almost
     * surely a mistake in whatever produced it.
     */
    /**
     * Whether a qualifier that sorts below the release names it: alpha, beta, milestone, rc/cr or snapshot, spelt
     * out or as {@code a1}/{@code b1}/{@code m1} (a digit after it), as {@link MavenQualifier} reads them.
     * {@code -jre}, {@code .Final} or {@code -sp1} are releases.
     */
    @Override
    public boolean isPreRelease(String version) {
        return PRE_RELEASE.matcher(version.toLowerCase(Locale.ROOT)).find();
    }

    private static final Pattern PRE_RELEASE = Pattern.compile(
            "(?<![a-z])(?:alpha|beta|milestone|rc|cr|snapshot|[abm](?=[0-9]))(?![a-z])");

    @Override
    public boolean isValid(String version) {
        if (version.isEmpty() || version.contains("${")) {
            return false;
        }
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (BANNED.indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    /** Maven's canonical form of {@code version}, e.g. {@code 1.0.0.Final} becomes {@code 1}; for messages. */
    public static String canonical(String version) {
        return MavenVersionParser.parse(version).toString();
    }
}
