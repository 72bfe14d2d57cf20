package io.plimsoll.policy;

import io.plimsoll.policy.eval.SkippedRule;
import java.util.List;

/**
 * What {@link BundleReader} made of one or more files: the bundle, the allowlists given beside it (they apply to
 * every image on top of the mapping's), rules skipped in lenient mode, and warnings to show the user.
 */
public record LoadedBundle(PolicyBundle bundle, List<AllowlistSource> allowlists, List<SkippedRule> skipped,
                           List<String> warnings) {

    public LoadedBundle {
        allowlists = List.copyOf(allowlists);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }
}
