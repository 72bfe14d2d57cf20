package io.plimsoll.policy.gate.always;

import io.plimsoll.policy.gate.Gate;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Trigger;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import java.util.List;

/** Anchore's {@code always} gate: its one trigger fires whenever a rule names it (trigger id {@code always}). */
public final class AlwaysGate implements Gate {

    public static final String NAME = "always";

    private static final List<Trigger> TRIGGERS = List.of(new Always());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Triggers that fire unconditionally if present in policy, useful for things like testing and "
                + "blacklisting.";
    }

    @Override
    public List<Trigger> triggers() {
        return TRIGGERS;
    }

    static final class Always extends BaseTrigger {
        Always() {
            super("always", "Fires if present in a policy being evaluated. Useful for things like blacklisting images "
                    + "or testing mappings and whitelists.", List.of());
        }

        @Override
        public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
            return List.of(new TriggerHit("always", "Unconditional trigger match"));
        }
    }
}
