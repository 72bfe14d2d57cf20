package io.plimsoll.policy.gate.dockerfile;

import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import java.util.List;

/**
 * {@code effective_user}: the user the container runs as, against a list of allowed ({@code whitelist}) or denied
 * ({@code blacklist}) names. The user comes from the image config (unset means root), or from the final stage's last
 * USER of a given Dockerfile. {@code user:group} also matches an entry naming just the user.
 */
final class EffectiveUserTrigger extends BaseTrigger {

    EffectiveUserTrigger() {
        super("effective_user", "Checks if the effective user matches the provided user names, either as a whitelist "
                + "or blacklist depending on the type parameter setting.", List.of(
                Param.listOf("users", true, List.of(), "User names (or ids) to check the effective user against."),
                Param.oneOf("type", true, List.of("whitelist", "blacklist"), "How to treat the provided user names.")));
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        String user = DockerfileView.of(image).effectiveUser();
        List<String> users = params.list("users");
        boolean listed = users.contains(user) || (user.contains(":") && users.contains(user.split(":", 2)[0]));
        boolean allowList = params.string("type").orElse("").equalsIgnoreCase("whitelist");
        String message;
        if (allowList && !listed) {
            message = "User " + user + " found as effective user, which is not on the allowed list";
        } else if (!allowList && listed) {
            // "explicity" is Anchore's spelling; the legacy trigger id hashes it.
            message = "User " + user + " found as effective user, which is explicity not allowed";
        } else {
            return List.of();
        }
        return List.of(LegacyTriggerId.hit(DockerfileGate.NAME, name(), message));
    }
}
