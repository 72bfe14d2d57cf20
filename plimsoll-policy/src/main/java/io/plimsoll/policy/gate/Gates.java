package io.plimsoll.policy.gate;

import java.util.List;
import java.util.Optional;

/** Every gate Plimsoll evaluates, by Anchore name. Adding a gate is one line here. */
public final class Gates {

    private Gates() {
    }

    public static List<Gate> all() {
        return List.of(
                // one line per gate
                new SecretScansGate()
        );
    }

    public static Optional<Gate> byName(String name) {
        return all().stream().filter(g -> g.name().equals(name)).findFirst();
    }
}
