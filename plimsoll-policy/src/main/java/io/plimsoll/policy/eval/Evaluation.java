package io.plimsoll.policy.eval;

import io.plimsoll.policy.Action;
import io.plimsoll.policy.Mapping;
import io.plimsoll.policy.gate.ImageName;
import java.util.List;
import java.util.Optional;

/**
 * The result of evaluating one image against a bundle.
 *
 * @param finalAction STOP, WARN or GO after allowlists and trusted/denied images
 * @param mapping     the mapping that chose the policies; empty when none matched
 * @param hits        every trigger hit of the mapped policies, in policy and rule order (also for trusted and
 *                    denied images, so the report shows what the override hid)
 * @param skipped     rules of the mapped policies that were not evaluated, and why
 * @param notes       things the reader should know: no mapping, a missing policy, a trigger that failed, an expired
 *                    allowlist item that would have matched
 * @param reason      why the final action is what it is: {@link #DENIED}, {@link #TRUSTED}, {@link #NO_MAPPING} or
 *                    {@link #POLICY}, then details
 */
public record Evaluation(ImageName image, Action finalAction, Optional<Mapping> mapping, List<EvaluatedHit> hits,
                         List<SkippedRule> skipped, List<String> notes, String reason) {

    public static final String DENIED = "denied image";
    public static final String TRUSTED = "trusted image";
    public static final String NO_MAPPING = "no mapping";
    public static final String POLICY = "policy evaluation";

    public Evaluation {
        hits = List.copyOf(hits);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    /** The worst effective action of the hits alone, before trusted/denied overrides. */
    public Action policyAction() {
        return hits.stream().map(EvaluatedHit::effectiveAction).reduce(Action.GO, Action::worst);
    }
}
