package io.plimsoll.policy.gate.vulnerabilities;

import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.ParamType;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.store.SourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code stale_feed_data}: fires when the oldest vulnerability data the scan used was fetched more than
 * {@code max_days_since_sync} days before the evaluation, or when there is no data at all.
 */
final class StaleFeedDataTrigger extends BaseTrigger {

    StaleFeedDataTrigger() {
        super("stale_feed_data", "Triggers if the vulnerability data is older than the window specified by the "
                + "parameter (unit is number of days).", List.of(Param.required("max_days_since_sync",
                ParamType.INTEGER, "Fire the trigger if the last sync was more than this number of days ago.")));
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        long days = params.integer("max_days_since_sync").orElse(0L);
        String anchore = "The vulnerability feed for this image distro is older than MAXAGE (" + days + ") days";
        String id = LegacyTriggerId.of(VulnerabilitiesGate.NAME, name(), anchore);
        DataFreshness data = image.vulnerabilityData();
        Optional<SourceStatus> oldest = data.sources().stream().filter(s -> s.updatedAt().isPresent())
                .min(Comparator.comparing(s -> s.updatedAt().get()));
        if (data.unavailable() || oldest.isEmpty()) {
            return List.of(new TriggerHit(id, anchore + ": there is no vulnerability data"));
        }
        Instant updated = oldest.get().updatedAt().get();
        Duration age = Duration.between(updated, image.now());
        if (age.compareTo(Duration.ofDays(days)) <= 0) {
            return List.of();
        }
        return List.of(new TriggerHit(id, anchore + ": " + oldest.get().name() + " was last updated " + updated
                + " (" + age.toDays() + " days ago)"));
    }
}
