package io.plimsoll.ecosystem.python;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A PEP 440 version specifier set such as {@code >=1.0,<2.0,!=1.5.*}, {@code ~=2.2}, {@code ==1.4.*} or
 * {@code ===foo}: a version is contained when every comma-separated clause matches it. Clause semantics follow
 * pypa {@code packaging.specifiers}; see {@link #contains(String)} for pre-releases.
 *
 * <p>Where packaging's handling of {@code ~=} depends on spelling, this follows PEP 440: {@code ~=2.2.r1} (2.2.post1)
 * means {@code >=2.2.post1, ==2.*} here, while packaging 26 builds its prefix from the text and reads
 * {@code ==2.2.*}; likewise {@code ~=v2.2} here means {@code ~=2.2}, where packaging matches nothing.
 */
public final class Pep440Specifier {

    private final List<Pep440Clause> clauses;

    private Pep440Specifier(List<Pep440Clause> clauses) {
        this.clauses = clauses;
    }

    /**
     * Parses a comma-separated set. Empty clauses are skipped, so {@code ""} is the set that allows every version.
     *
     * @throws IllegalArgumentException when a clause is not a valid PEP 440 specifier
     */
    public static Pep440Specifier parse(String specifiers) {
        List<Pep440Clause> clauses = new ArrayList<>();
        for (String clause : Objects.requireNonNull(specifiers, "specifiers").split(",", -1)) {
            String stripped = PythonText.strip(clause);
            if (!stripped.isEmpty()) {
                clauses.add(Pep440Clause.parse(stripped));
            }
        }
        return new Pep440Specifier(Collections.unmodifiableList(clauses));
    }

    /**
     * Whether {@code version} satisfies every clause, with PEP 440's default for pre-releases: a pre-release or
     * development release ({@code 2.0b1}, {@code 2.0.dev3}) is excluded unless a clause names one
     * ({@link #mentionsPrerelease()}), so {@code >=1.0} does not contain {@code 2.0b1} but {@code >=1.0b1} does.
     */
    public boolean contains(String version) {
        return contains(version, mentionsPrerelease());
    }

    /**
     * Whether {@code version} satisfies every clause, with pre-releases allowed or excluded as told. PEP 440 says
     * to accept a pre-release that is already installed, so a matcher asking about an installed package passes
     * {@code true}.
     *
     * <p>A string that is not PEP 440 can only satisfy {@code ===} clauses (and the empty set), as in packaging.
     */
    public boolean contains(String version, boolean prereleases) {
        Objects.requireNonNull(version, "version");
        Optional<Pep440Version> parsed = Pep440Version.parse(version);
        if (parsed.isPresent() && parsed.get().isPrerelease() && !prereleases) {
            return false;
        }
        Pep440Version candidate = parsed.orElse(null);
        return clauses.stream().allMatch(c -> c.matches(candidate, version));
    }

    /** Whether a clause names a pre-release (other than through {@code !=}), which lets pre-releases in. */
    public boolean mentionsPrerelease() {
        return clauses.stream().anyMatch(Pep440Clause::mentionsPrerelease);
    }

    /** The clauses as parsed, joined with commas. */
    @Override
    public String toString() {
        return clauses.stream().map(Pep440Clause::toString).collect(Collectors.joining(","));
    }
}
