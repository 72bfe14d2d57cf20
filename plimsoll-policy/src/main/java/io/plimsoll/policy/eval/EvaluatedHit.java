package io.plimsoll.policy.eval;

import io.plimsoll.policy.Action;
import io.plimsoll.policy.AllowlistItem;
import io.plimsoll.policy.gate.TriggerHit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One trigger hit in an evaluation: which policy rule fired, its trigger id and message, the rule's action, the
 * allowlist item that matched (if any and not expired), the action that counts ({@code GO} when allowlisted), and the
 * file the hit is about, when it is about one, and the other trigger ids it is known by (see {@link TriggerHit#aliases}).
 */
public record EvaluatedHit(String policyId, String ruleId, String gate, String trigger, String triggerId,
                           String message, Action action, Optional<AllowlistItem> allowlistedBy,
                           Action effectiveAction, Optional<TriggerHit.FileLocation> location,
                           List<String> aliases) {

    public EvaluatedHit {
        aliases = List.copyOf(aliases);
    }

    public EvaluatedHit(String policyId, String ruleId, String gate, String trigger, String triggerId, String message,
                        Action action, Optional<AllowlistItem> allowlistedBy, Action effectiveAction) {
        this(policyId, ruleId, gate, trigger, triggerId, message, action, allowlistedBy, effectiveAction,
                Optional.empty(), List.of());
    }

    public EvaluatedHit(String policyId, String ruleId, String gate, String trigger, String triggerId, String message,
                        Action action, Optional<AllowlistItem> allowlistedBy, Action effectiveAction,
                        Optional<TriggerHit.FileLocation> location) {
        this(policyId, ruleId, gate, trigger, triggerId, message, action, allowlistedBy, effectiveAction, location,
                List.of());
    }

    /** The trigger id, then its aliases: every id an allowlist or a baseline may name this hit by. */
    public List<String> triggerIds() {
        List<String> all = new ArrayList<>(aliases.size() + 1);
        all.add(triggerId);
        all.addAll(aliases);
        return all;
    }

    /** The trigger id of the hit recorded when a trigger fails: it counts as WARN, as Anchore's rule failures do. */
    public static final String EVALUATION_ERROR = "evaluation_error";

    public boolean allowlisted() {
        return allowlistedBy.isPresent();
    }
}
