package io.plimsoll.policy.gate.dockerfile;

import io.plimsoll.policy.gate.Gate;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.ParamType;
import io.plimsoll.policy.gate.Trigger;
import java.util.List;

/**
 * Anchore's {@code dockerfile} gate: checks on the Dockerfile given with {@code --dockerfile}, or on the one inferred
 * from the image history and config when none was given.
 */
public final class DockerfileGate implements Gate {

    public static final String NAME = "dockerfile";

    static final Param ACTUAL_ONLY = Param.optional("actual_dockerfile_only", ParamType.BOOLEAN,
            "Only evaluate against a Dockerfile given by the user, skip the one inferred from the image history. "
                    + "Default false.");

    private static final List<Trigger> TRIGGERS = List.of(new InstructionTrigger(), new EffectiveUserTrigger(),
            new ExposedPortsTrigger(), new NoDockerfileTrigger());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Checks against the content of a Dockerfile if provided, or a guessed Dockerfile based on the image "
                + "history and config if not.";
    }

    @Override
    public List<Trigger> triggers() {
        return TRIGGERS;
    }
}
