package io.plimsoll.policy.gate;

import java.util.List;
import java.util.Optional;

/** One Anchore gate (a family of checks: {@code dockerfile}, {@code files}, {@code vulnerabilities}, …). */
public interface Gate {

    /** The gate name exactly as Anchore bundles write it. */
    String name();

    String description();

    List<Trigger> triggers();

    default Optional<Trigger> trigger(String name) {
        return triggers().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
