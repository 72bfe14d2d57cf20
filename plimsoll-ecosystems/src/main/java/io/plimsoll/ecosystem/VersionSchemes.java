package io.plimsoll.ecosystem;

import io.plimsoll.model.version.VersionScheme;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Every version scheme the registered ecosystems implement, looked up by the short name users type. */
public final class VersionSchemes {

    private static final List<VersionScheme> ALL = Ecosystems.versionSchemes();

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
