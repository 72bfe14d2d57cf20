package io.plimsoll.policy.gate.distro;

import io.plimsoll.model.Distro;
import io.plimsoll.policy.gate.Gate;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.ParamType;
import io.plimsoll.policy.gate.Trigger;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.Comparison;
import io.plimsoll.policy.gate.common.DottedVersions;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import java.util.List;
import java.util.Optional;

/**
 * Anchore Enterprise's {@code distro} gate: {@code deny} fires when the image's distribution is {@code distro} (its
 * os-release ID, any case) and its release compares to {@code version} as {@code check} says. The release is
 * compared at the rule's precision: Debian 12.5 against {@code 12} is equal, against {@code 12.6} lower.
 */
public final class DistroGate implements Gate {

    public static final String NAME = "distro";

    private static final List<Trigger> TRIGGERS = List.of(new Deny());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Matches the operating system distribution and version.";
    }

    @Override
    public List<Trigger> triggers() {
        return TRIGGERS;
    }

    static final class Deny extends BaseTrigger {
        Deny() {
            super("deny", "Triggers if the image distro and version match the criteria.", List.of(
                    Param.required("distro", ParamType.STRING, "Name of the distribution to match (os-release ID)."),
                    Param.required("version", ParamType.STRING, "Version of distribution to compare against."),
                    Param.oneOf("check", true, Comparison.SYMBOLS, "The comparison to use in the evaluation.")));
        }

        @Override
        public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
            Optional<Distro> d = image.inventory().distro();
            String distro = params.string("distro").orElse("");
            String version = params.string("version").orElse("");
            Optional<Comparison> op = params.string("check").flatMap(Comparison::parse);
            if (d.isEmpty() || op.isEmpty() || !d.get().id().equalsIgnoreCase(distro)) {
                return List.of();
            }
            String actual = d.get().versionId();
            if (actual.isEmpty() || !op.get().holds(DottedVersions.compareAtPrecisionOf(actual, version))) {
                return List.of();
            }
            return List.of(LegacyTriggerId.hit(NAME, name(), "Image distro " + d.get().id() + " " + actual
                    + " matches the denied distro " + distro + " " + op.get().symbol() + " " + version));
        }
    }
}
