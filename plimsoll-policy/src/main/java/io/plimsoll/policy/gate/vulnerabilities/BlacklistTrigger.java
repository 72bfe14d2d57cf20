package io.plimsoll.policy.gate.vulnerabilities;

import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.ParamType;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import io.plimsoll.policy.gate.common.PythonText;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.match.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code blacklist}: fires once, as Anchore does, when any of the listed vulnerabilities (by advisory id or alias) is
 * found; with {@code vendor_only} (default true) findings the vendor will not fix do not count.
 */
final class BlacklistTrigger extends BaseTrigger {

    BlacklistTrigger() {
        super("blacklist", "Triggers if any of a list of specified vulnerabilities has been detected in the image.",
                List.of(Param.listOf("vulnerability_ids", true, List.of(),
                                "List of vulnerability IDs, will cause the trigger to fire if any are detected."),
                        Param.optional("vendor_only", ParamType.BOOLEAN, "If true (default), discard matches the "
                                + "vendor has marked as will not fix.")));
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        boolean vendorOnly = params.bool("vendor_only").orElse(true);
        List<String> found = new ArrayList<>();
        for (String id : params.list("vulnerability_ids")) {
            for (Finding f : image.findings()) {
                if (vendorOnly && f.status() == AffectedStatus.WILL_NOT_FIX) {
                    continue;
                }
                if (f.advisory().ids().matches(id)) {
                    found.add(id);
                    break;
                }
            }
        }
        return found.isEmpty() ? List.of() : List.of(LegacyTriggerId.hit(VulnerabilitiesGate.NAME, name(),
                "Blacklisted vulnerabilities detected: " + PythonText.list(found)));
    }
}
