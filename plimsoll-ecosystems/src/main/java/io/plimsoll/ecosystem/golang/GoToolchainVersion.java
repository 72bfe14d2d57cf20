package io.plimsoll.ecosystem.golang;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Go toolchain (standard library) version in Go's own syntax, {@code MAJOR[.MINOR[.PATCH][KIND[N]]]} as in
 * {@code 1.21.5}, {@code 1.22rc1}, {@code 1.9beta2} (Go's internal/gover grammar: numbers without leading
 * zeros, a kind of lower-case letters), mapped onto a module version so one order serves both.
 *
 * <p>The mapping is the Go vulnerability database's (golang.org/x/vuln, GoTagToSemver), since a toolchain
 * version is compared to know whether a standard library fix is in: a missing minor or patch is 0 and
 * {@code KIND N} becomes the prerelease {@code KIND.N}. So {@code 1.22rc1} is {@code v1.22.0-rc.1}, below
 * {@code 1.22.0}. One consequence differs from gover's own order: since Go 1.21 a bare {@code 1.21} names the
 * language, which gover sorts below {@code 1.21rc1}; here it is {@code v1.21.0}, the release. No real toolchain is misplaced by
 * this: up to 1.20 a release was named {@code go1.20}, and from 1.21 on every release has a patch
 * ({@code go1.21.0}).
 */
final class GoToolchainVersion {

    private static final String NUMBER = "(0|[1-9][0-9]*)";
    /** MAJOR, then optionally .MINOR[.PATCH] and a prerelease kind with its number (never on a bare major). */
    private static final Pattern SYNTAX = Pattern.compile(
            NUMBER + "(?:\\." + NUMBER + "(?:\\." + NUMBER + ")?(?:([a-z]+)" + NUMBER + "?)?)?");

    private GoToolchainVersion() {
    }

    /** The module version that {@code version} (without any {@code go} prefix) maps to, if it is well formed. */
    static Optional<GoSemver> parse(String version) {
        Matcher m = SYNTAX.matcher(version);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> prerelease = new ArrayList<>(2);
        if (m.group(4) != null) {
            prerelease.add(m.group(4));
            if (m.group(5) != null) {
                prerelease.add(m.group(5));
            }
        }
        return Optional.of(new GoSemver(m.group(1), orZero(m.group(2)), orZero(m.group(3)), List.copyOf(prerelease), ""));
    }

    private static String orZero(String number) {
        return number == null ? "0" : number;
    }
}
