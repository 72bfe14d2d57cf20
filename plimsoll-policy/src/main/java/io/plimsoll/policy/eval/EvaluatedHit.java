package io.plimsoll.policy.eval;

import io.plimsoll.policy.Action;
import io.plimsoll.policy.AllowlistItem;
import java.util.Optional;

/**
 * One trigger hit in an evaluation: which policy rule fired, its trigger id and message, the rule's action, the
 * allowlist item that matched (if any and not expired) and the action that counts ({@code GO} when allowlisted).
 */
public record EvaluatedHit(String policyId, String ruleId, String gate, String trigger, String triggerId,
                           String message, Action action, Optional<AllowlistItem> allowlistedBy,
                           Action effectiveAction) {

    /** The trigger id of the hit recorded when a trigger fails: it counts as WARN, as Anchore's rule failures do. */
    public static final String EVALUATION_ERROR = "evaluation_error";

    public boolean allowlisted() {
        return allowlistedBy.isPresent();
    }
}
