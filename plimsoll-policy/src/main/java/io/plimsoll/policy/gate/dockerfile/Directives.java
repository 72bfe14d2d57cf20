package io.plimsoll.policy.gate.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The Dockerfile instructions, as Anchore's {@code instruction} parameter accepts them. */
public final class Directives {

    public static final List<String> ALL = List.of("ADD", "ARG", "COPY", "CMD", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "USER", "RUN", "SHELL", "STOPSIGNAL", "VOLUME",
            "WORKDIR");

    private Directives() {
    }

    /** The instruction keyword {@code word} names, upper-cased, or empty when it is none. */
    public static Optional<String> keyword(String word) {
        String k = word.toUpperCase(Locale.ROOT);
        return ALL.contains(k) ? Optional.of(k) : Optional.empty();
    }
}
