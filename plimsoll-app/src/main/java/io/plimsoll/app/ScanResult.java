package io.plimsoll.app;

import io.plimsoll.policy.Action;
import io.plimsoll.report.scan.ScanReport;
import java.util.Optional;

/**
 * A finished scan: the report every format renders, and the policy's final action when a policy was evaluated.
 * The report's findings are the ones shown (after VEX, ignores, severity and fix filters): what an exit code counts.
 */
public record ScanResult(ScanReport report, Optional<Action> finalAction) {

    /** Whether the policy said STOP. */
    public boolean stopped() {
        return finalAction.filter(a -> a == Action.STOP).isPresent();
    }
}
