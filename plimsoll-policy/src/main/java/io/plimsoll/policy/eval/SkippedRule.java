package io.plimsoll.policy.eval;

/**
 * A rule that is not evaluated, and why (lenient mode only: in strict mode the same problem is an error). The
 * report lists these so a lenient run never passes an image silently on rules it could not run.
 */
public record SkippedRule(String policyId, String ruleId, String gate, String trigger, String reason) {

    public SkippedRule {
        gate = gate == null ? "" : gate;
        trigger = trigger == null ? "" : trigger;
        ruleId = ruleId == null ? "" : ruleId;
    }

    @Override
    public String toString() {
        return "policy " + policyId + " rule " + ruleId + " (" + gate + "/" + trigger + "): " + reason;
    }
}
