package io.plimsoll.vuln.suppress;

import io.plimsoll.vuln.match.Finding;
import java.util.ArrayList;
import java.util.List;

/** Findings after a suppression step: those that still count, and those it cleared. */
public record Filtered(List<Finding> kept, List<Suppressed> suppressed) {

    public Filtered {
        kept = List.copyOf(kept);
        suppressed = List.copyOf(suppressed);
    }

    /** This step's result followed by a later step's, which was applied to {@link #kept()}. */
    public Filtered then(Filtered later) {
        List<Suppressed> all = new ArrayList<>(suppressed);
        all.addAll(later.suppressed());
        return new Filtered(later.kept(), all);
    }
}
