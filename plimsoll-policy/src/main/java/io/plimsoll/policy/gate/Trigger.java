package io.plimsoll.policy.gate;

import java.util.List;

/**
 * One check of a gate, with the parameters a rule may give it. Triggers are stateless: one instance evaluates every
 * rule that names it.
 */
public interface Trigger {

    /** The trigger name exactly as Anchore bundles write it ({@code effective_user}). */
    String name();

    String description();

    List<Param> params();

    /**
     * Every hit of this check on the image, each with a stable trigger id (the key allowlist items match) and a
     * message a person can act on. {@code params} have already been validated against {@link #params()}.
     */
    List<TriggerHit> evaluate(ImageContext image, TriggerParams params);

    /**
     * What is wrong with a rule's parameters beyond what each {@link Param} checks alone: a value one check needs
     * ({@code check: like} without {@code value}), a regular expression that does not compile, a number list with
     * a word in it. Empty when the rule can be evaluated. The validator reports each problem naming the rule.
     */
    default List<String> validate(TriggerParams params) {
        return List.of();
    }
}
