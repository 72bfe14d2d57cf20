package io.plimsoll.policy.gate.vulnerabilities;

import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.vuln.match.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code fix_within_minor_version} (Plimsoll): a {@code package}-style hit for a vulnerability that an upgrade
 * within the installed version's major.minor fixes (openssl 3.0.11 → 3.0.13, Go 1.22.1 → 1.22.7): the cheap,
 * low-risk upgrades a team should never leave undone. Major and minor are the version's first two numbers, after
 * an epoch ({@code 1:}) and a {@code v}; a version without two leading numbers never triggers.
 */
final class FixWithinMinorVersionTrigger extends BaseTrigger {

    private static final Pattern MAJOR_MINOR = Pattern.compile("^(?:\\d+:)?[vV]?(\\d+)\\.(\\d+)(?!\\d)");

    FixWithinMinorVersionTrigger() {
        super("fix_within_minor_version", "Plimsoll: triggers for a vulnerability with a fix in the same major and "
                + "minor version as the installed package.", OwnLayersOnlyTrigger.selectionParams());
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        PackageTrigger.Criteria criteria = PackageTrigger.Criteria.of(params, image.now());
        List<TriggerHit> hits = new ArrayList<>();
        for (Finding f : image.findings()) {
            Optional<String> fix = sameMinorFix(f);
            if (fix.isPresent() && criteria.selects(f)) {
                hits.add(new TriggerHit(VulnerabilitiesGate.vulnerabilityId(f) + "+" + f.pkg().name(),
                        f.severity().label().toUpperCase(Locale.ROOT) + " Vulnerability in " + f.pkg().name() + " "
                                + f.pkg().version() + " fixed within its minor version in " + fix.get() + " ("
                                + f.advisory().id() + ")").alsoKnownAs(VulnerabilitiesGate.aliasIds(f)));
            }
        }
        return OwnLayersOnlyTrigger.dedupe(hits);
    }

    /** The first of the finding's fixes with the compared version's major.minor. */
    static Optional<String> sameMinorFix(Finding f) {
        Optional<String> installed = majorMinor(f.matchedVersion());
        if (installed.isEmpty()) {
            return Optional.empty();
        }
        return f.fixedVersions().stream().filter(v -> majorMinor(v).equals(installed)).findFirst();
    }

    static Optional<String> majorMinor(String version) {
        Matcher m = MAJOR_MINOR.matcher(version == null ? "" : version.strip());
        return m.find() ? Optional.of(Long.parseLong(m.group(1)) + "." + Long.parseLong(m.group(2)))
                : Optional.empty();
    }
}
