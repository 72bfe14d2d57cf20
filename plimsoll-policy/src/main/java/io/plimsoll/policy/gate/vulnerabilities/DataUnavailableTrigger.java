package io.plimsoll.policy.gate.vulnerabilities;

import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import io.plimsoll.vuln.store.DataFreshness;
import java.util.List;

/**
 * {@code vulnerability_data_unavailable}: fires when there is no vulnerability database, or when a source the image
 * needs (one the scan expected for its distro and ecosystems) has no data, so "no findings" would mean "not
 * checked".
 */
final class DataUnavailableTrigger extends BaseTrigger {

    DataUnavailableTrigger() {
        super("vulnerability_data_unavailable", "Triggers if vulnerability data is unavailable for the image's "
                + "packages (no database, or a source the image needs has no data).", List.of());
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        DataFreshness data = image.vulnerabilityData();
        if (!data.unavailable() && data.missing().isEmpty()) {
            return List.of();
        }
        String namespace = image.inventory().distro().map(Ecosystems::namespaceOf).filter(n -> !n.isEmpty())
                .orElse("None");
        String anchore = "Distro-specific feed data not found for distro namespace: " + namespace
                + ". Cannot perform CVE scan OS/distro packages";
        String detail = data.unavailable() ? "there is no vulnerability data"
                : "no data from " + String.join(", ", data.missing());
        return List.of(new TriggerHit(LegacyTriggerId.of(VulnerabilitiesGate.NAME, name(), anchore),
                anchore + ": " + detail));
    }
}
