package io.plimsoll.ecosystem;

import io.plimsoll.ecosystem.alpine.ApkVersionScheme;
import io.plimsoll.ecosystem.debian.DebianVersionScheme;
import io.plimsoll.ecosystem.dotnet.NugetVersionScheme;
import io.plimsoll.ecosystem.golang.GoVersionScheme;
import io.plimsoll.ecosystem.maven.MavenVersionScheme;
import io.plimsoll.ecosystem.npm.SemverVersionScheme;
import io.plimsoll.ecosystem.php.ComposerVersionScheme;
import io.plimsoll.ecosystem.python.Pep440VersionScheme;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import io.plimsoll.ecosystem.ruby.GemVersionScheme;
import io.plimsoll.model.version.VersionScheme;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Every version scheme Plimsoll knows, looked up by the short name users type. Add a scheme with one line. */
public final class VersionSchemes {

    private static final List<VersionScheme> ALL = List.of(
            new DebianVersionScheme(),
            new RpmVersionScheme(),
            new ApkVersionScheme(),
            new MavenVersionScheme(),
            new SemverVersionScheme(),
            new GoVersionScheme(),
            new Pep440VersionScheme(),
            new GemVersionScheme(),
            new NugetVersionScheme(),
            new ComposerVersionScheme());

    private VersionSchemes() {
    }

    public static List<VersionScheme> all() {
        return ALL;
    }

    /** The scheme whose {@link VersionScheme#name()} is exactly {@code name}. */
    public static Optional<VersionScheme> byName(String name) {
        Objects.requireNonNull(name, "name");
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
