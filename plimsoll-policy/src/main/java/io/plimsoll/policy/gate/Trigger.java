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
}
