package io.plimsoll.report.scan;

import io.plimsoll.policy.Action;
import io.plimsoll.policy.Policy;
import io.plimsoll.policy.Rule;
import io.plimsoll.policy.eval.EvaluatedHit;
import io.plimsoll.policy.eval.Evaluation;
import io.plimsoll.policy.eval.ValidatedBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A policy evaluation as reports need it.
 *
 * @param inBaseline  {@link #key} of every hit a {@code --baseline} report already had (they do not fail the build)
 * @param finalAction the action that decides the exit code (after the baseline)
 * @param warnings    bundle warnings and skipped rules, as the table prints them
 */
public record PolicyResult(ValidatedBundle bundle, Evaluation evaluation, Set<String> inBaseline, Action finalAction,
                           List<String> warnings) {

    public PolicyResult {
        inBaseline = Set.copyOf(inBaseline);
        warnings = List.copyOf(warnings);
    }

    /** How a hit is recognised in a baseline: its gate and trigger id (trigger ids are stable across runs). */
    public static String key(String gate, String triggerId) {
        return gate + "\u0000" + triggerId;
    }

    /**
     * A hit's aliases as people read them: the trigger id's other forms without the part they share with it
     * ({@code GHSA-jfh8-c2jp-5v3q} for {@code GHSA-jfh8-c2jp-5v3q+log4j-core} beside {@code CVE-2021-44228+log4j-core}).
     */
    public static List<String> shortAliases(EvaluatedHit h) {
        int plus = h.triggerId().indexOf('+');
        String shared = plus < 0 ? null : h.triggerId().substring(plus);
        List<String> out = new ArrayList<>();
        for (String a : h.aliases()) {
            out.add(shared != null && a.endsWith(shared) && a.length() > shared.length()
                    ? a.substring(0, a.length() - shared.length()) : a);
        }
        return out;
    }

    /** The trigger id with its aliases, compact: {@code CVE-2021-44228+log4j-core (GHSA-jfh8-c2jp-5v3q)}. */
    public static String triggerIdWithAliases(EvaluatedHit h) {
        List<String> aliases = shortAliases(h);
        return aliases.isEmpty() ? h.triggerId() : h.triggerId() + " (" + String.join(", ", aliases) + ")";
    }

    public boolean inBaseline(EvaluatedHit h) {
        return inBaseline.contains(key(h.gate(), h.triggerId()));
    }

    /** The action a hit counts for in this run: GO when allowlisted or already in the baseline. */
    public Action counted(EvaluatedHit h) {
        return inBaseline(h) ? Action.GO : h.effectiveAction();
    }

    /** A policy rule of the mapped policies, with the policy it belongs to. */
    public record PolicyRule(String policyId, String policyName, Rule rule) {
    }

    /** The rules of the policies the image's mapping chose, in policy and rule order. */
    public List<PolicyRule> mappedRules() {
        List<PolicyRule> out = new ArrayList<>();
        evaluation.mapping().ifPresent(m -> {
            for (String id : m.policyIds()) {
                Optional<Policy> p = bundle.bundle().policy(id);
                p.ifPresent(policy -> policy.rules().forEach(r -> out.add(new PolicyRule(id, policy.name(), r))));
            }
        });
        return out;
    }
}
