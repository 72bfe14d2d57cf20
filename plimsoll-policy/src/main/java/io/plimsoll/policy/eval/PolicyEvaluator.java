package io.plimsoll.policy.eval;

import io.plimsoll.policy.Action;
import io.plimsoll.policy.Allowlist;
import io.plimsoll.policy.AllowlistSource;
import io.plimsoll.policy.ImageRule;
import io.plimsoll.policy.Mapping;
import io.plimsoll.policy.Policy;
import io.plimsoll.policy.PolicyBundle;
import io.plimsoll.policy.Rule;
import io.plimsoll.policy.gate.Gate;
import io.plimsoll.policy.gate.Gates;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.policy.gate.Trigger;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates one image against a validated bundle, following Anchore's documented order:
 * <ol>
 *   <li>the first mapping (in bundle order) whose registry, repository and tag/digest/id selector match the image
 *       chooses the policies and allowlists; with no matching mapping nothing is evaluated and the policy result
 *       is GO (Anchore's fall-through), with a note saying so;</li>
 *   <li>every rule of those policies runs its trigger; each hit gets the rule's action, or GO when an allowlist item
 *       of the mapping (or one given beside the bundle) matches its gate and its trigger id or one of the id's aliases
 *       (an item naming {@code GHSA-jfh8-c2jp-5v3q+log4j-core} allows the hit {@code CVE-2021-44228+log4j-core}) and
 *       has not expired at {@link ImageContext#now()};</li>
 *   <li>the policy result is the worst effective action (STOP beats WARN beats GO);</li>
 *   <li>a denied ({@code blacklisted_images}) image is STOP and a trusted ({@code whitelisted_images}) one GO
 *       whatever the policies say; an image on both lists is denied (Anchore: "the Denied Image takes
 *       precedence").</li>
 * </ol>
 * A trigger that throws does not end the evaluation: the rule gets an {@value EvaluatedHit#EVALUATION_ERROR} hit
 * with action WARN (as Anchore records rule failures) and a note naming the rule.
 */
public final class PolicyEvaluator {

    private final Map<String, Gate> gates = new LinkedHashMap<>();

    public PolicyEvaluator() {
        this(Gates.all());
    }

    public PolicyEvaluator(List<Gate> gates) {
        gates.forEach(g -> this.gates.put(g.name(), g));
    }

    public Evaluation evaluate(ValidatedBundle validated, ImageContext image) {
        PolicyBundle bundle = validated.bundle();
        ImageName name = image.reference();
        List<String> notes = new ArrayList<>();
        List<EvaluatedHit> hits = new ArrayList<>();
        List<SkippedRule> skipped = new ArrayList<>();

        Optional<Mapping> mapping = bundle.mappings().stream()
                .filter(m -> ImageSelectors.matches(m.selector(), name)).findFirst();
        if (mapping.isEmpty()) {
            notes.add("no mapping of bundle " + bundle.id() + " matches " + name + "; no policy was evaluated");
        } else {
            Mapping m = mapping.get();
            AllowlistIndex allowlists = new AllowlistIndex(allowlists(validated, m, name, notes));
            for (String policyId : m.policyIds()) {
                Optional<Policy> policy = bundle.policy(policyId);
                if (policy.isEmpty()) {
                    notes.add("mapping " + m.id() + " names policy " + policyId
                            + ", which the bundle does not contain; it was not evaluated");
                    continue;
                }
                validated.skipped().stream().filter(s -> s.policyId().equals(policyId)).forEach(skipped::add);
                for (Rule rule : policy.get().rules()) {
                    evaluateRule(policyId, rule, image, allowlists, hits, skipped, notes);
                }
            }
        }

        Action policyAction = hits.stream().map(EvaluatedHit::effectiveAction).reduce(Action.GO, Action::worst);
        Optional<ImageRule> denied = bundle.deniedImages().stream()
                .filter(r -> ImageSelectors.matches(r.selector(), name)).findFirst();
        Optional<ImageRule> trusted = bundle.trustedImages().stream()
                .filter(r -> ImageSelectors.matches(r.selector(), name)).findFirst();
        Action finalAction;
        String reason;
        if (denied.isPresent()) {
            finalAction = Action.STOP;
            reason = Evaluation.DENIED + ": " + describe(denied.get()) + (trusted.isPresent()
                    ? " (also trusted by " + describe(trusted.get()) + "; denied takes precedence)" : "");
        } else if (trusted.isPresent()) {
            finalAction = Action.GO;
            reason = Evaluation.TRUSTED + ": " + describe(trusted.get()) + "; policies said " + policyAction;
        } else if (mapping.isEmpty()) {
            finalAction = Action.GO;
            reason = Evaluation.NO_MAPPING + ": no mapping matches " + name;
        } else {
            finalAction = policyAction;
            reason = Evaluation.POLICY + ": mapping " + mapping.get().name() + ", " + hits.size() + " hit(s), "
                    + hits.stream().filter(EvaluatedHit::allowlisted).count() + " allowlisted";
        }
        return new Evaluation(name, finalAction, mapping, hits, skipped, notes, reason);
    }

    private List<Allowlist> allowlists(ValidatedBundle validated, Mapping m, ImageName name, List<String> notes) {
        List<Allowlist> out = new ArrayList<>();
        for (String id : m.allowlistIds()) {
            validated.bundle().allowlist(id).ifPresentOrElse(out::add, () -> notes.add("mapping " + m.id()
                    + " names whitelist " + id + ", which the bundle does not contain"));
        }
        for (AllowlistSource s : validated.allowlists()) {
            out.add(s.forImage(name));
        }
        return out;
    }

    private void evaluateRule(String policyId, Rule rule, ImageContext image, AllowlistIndex allowlists,
                              List<EvaluatedHit> hits, List<SkippedRule> skipped, List<String> notes) {
        Optional<Trigger> trigger = Optional.ofNullable(gates.get(rule.gate()))
                .flatMap(g -> g.trigger(rule.trigger()));
        if (trigger.isEmpty()) {
            skipped.add(new SkippedRule(policyId, rule.id(), rule.gate(), rule.trigger(),
                    "no such gate/trigger registered"));
            return;
        }
        List<TriggerHit> fired;
        try {
            fired = trigger.get().evaluate(image, new TriggerParams(rule.params()));
        } catch (RuntimeException | StackOverflowError e) {
            // one rule's failure (a bundle's regex too deep for the stack, a defect) is shown as that rule's
            // evaluation error, by class and message, rather than ending the evaluation of every other rule. The
            // gate fails closed: a STOP rule that could not be evaluated might have fired, so it stops the image
            // (passing it would let a crafted image through by breaking the rule); any other rule warns.
            String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            notes.add("policy " + policyId + " rule " + rule.id() + " (" + rule.gate() + "/" + rule.trigger()
                    + ") could not be evaluated: " + why);
            Action failed = rule.action() == Action.STOP ? Action.STOP : Action.WARN;
            hits.add(new EvaluatedHit(policyId, rule.id(), rule.gate(), rule.trigger(),
                    EvaluatedHit.EVALUATION_ERROR, "rule could not be evaluated: " + why, failed,
                    Optional.empty(), failed));
            return;
        }
        for (TriggerHit hit : fired == null ? List.<TriggerHit>of() : fired) {
            AllowlistIndex.Match match = allowlists.match(rule.gate(), hit.triggerIds(), image.now());
            match.expired().ifPresent(item -> notes.add("allowlist item " + item.id() + " (" + item.triggerId()
                    + ") expired on " + item.expiresOn().orElseThrow() + " and no longer covers " + hit.triggerId()));
            hits.add(new EvaluatedHit(policyId, rule.id(), rule.gate(), rule.trigger(), hit.triggerId(),
                    hit.message(), rule.action(), match.active(),
                    match.active().isPresent() ? Action.GO : rule.action(), hit.location(), hit.aliases()));
        }
    }

    private static String describe(ImageRule r) {
        return (r.name() == null || r.name().isBlank() ? r.id() : r.name()) + " (" + r.selector().registry() + "/"
                + r.selector().repository() + " " + r.selector().type() + " " + r.selector().value() + ")";
    }
}
