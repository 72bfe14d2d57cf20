package io.plimsoll.policy.gate.dockerfile;

import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import java.util.List;

/** {@code no_dockerfile_provided}: fires when the scan was not given the image's Dockerfile. */
final class NoDockerfileTrigger extends BaseTrigger {

    NoDockerfileTrigger() {
        super("no_dockerfile_provided", "Triggers if the analysis was performed without supplying the actual image "
                + "Dockerfile.", List.of());
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        return image.dockerfile().isPresent() ? List.of()
                : List.of(LegacyTriggerId.hit(DockerfileGate.NAME, name(),
                        "Image was not analyzed with an actual Dockerfile"));
    }
}
