package io.plimsoll.policy.eval;

import io.plimsoll.policy.AllowlistSource;
import io.plimsoll.policy.PolicyBundle;
import java.util.List;

/**
 * A bundle checked against the registered gates, ready to evaluate: every rule left names a known gate and trigger
 * with valid parameters, spelled as the gate declares them. Rules that failed (lenient mode) are in {@code skipped}.
 *
 * @param allowlists allowlists given beside the bundle, applied to every image
 */
public record ValidatedBundle(PolicyBundle bundle, List<AllowlistSource> allowlists, List<SkippedRule> skipped,
                              List<String> warnings) {

    public ValidatedBundle {
        allowlists = List.copyOf(allowlists);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }
}
