package io.plimsoll.policy.gate.metadata;

import io.plimsoll.policy.gate.Gate;
import io.plimsoll.policy.gate.Trigger;
import java.util.List;

/** Anchore's {@code metadata} gate: image size, architecture, OS, distro and layer count. */
public final class MetadataGate implements Gate {

    public static final String NAME = "metadata";

    private static final List<Trigger> TRIGGERS = List.of(new AttributeTrigger());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Checks against image metadata, such as size, OS, distro, architecture, etc.";
    }

    @Override
    public List<Trigger> triggers() {
        return TRIGGERS;
    }
}
