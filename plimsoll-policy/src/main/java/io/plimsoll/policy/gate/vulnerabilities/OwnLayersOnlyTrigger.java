package io.plimsoll.policy.gate.vulnerabilities;

import io.plimsoll.catalog.Package;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.Comparison;
import io.plimsoll.policy.gate.common.PackageTypes;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.match.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code own_layers_only} (Plimsoll): a {@code package}-style hit, trigger id {@code VULNERABILITY+package}, only
 * for vulnerable packages the image's own layers added, not its base image's: the findings whoever builds this image
 * can fix by changing their own steps. The base is told as {@code plimsoll advise} tells it: the OCI annotation
 * {@code org.opencontainers.image.base.name} with the history boundary of the last FROM, or that boundary alone.
 * When no base can be told every layer counts as the image's own (the finding is not proved to be someone else's).
 */
final class OwnLayersOnlyTrigger extends BaseTrigger {

    OwnLayersOnlyTrigger() {
        super("own_layers_only", "Plimsoll: triggers for a vulnerability in a package that the image's own layers "
                + "added (not its base image's).", selectionParams());
    }

    /** The {@code package} trigger's package type and severity selection, which both Plimsoll triggers take. */
    static List<Param> selectionParams() {
        return List.of(
                Param.oneOf("package_type", false, PackageTypes.VALUES, "Only trigger for specific package type."),
                Param.oneOf("severity_comparison", false, Comparison.SYMBOLS,
                        "The type of comparison to perform for severity evaluation. Default >."),
                Param.oneOf("severity", false, PackageTrigger.SEVERITIES, "Severity to compare against. Default unknown."));
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        PackageTrigger.Criteria criteria = PackageTrigger.Criteria.of(params, image.now());
        BaseImage base = BaseImage.of(image.inventory().image());
        List<TriggerHit> hits = new ArrayList<>();
        for (Finding f : image.findings()) {
            Package p = f.pkg();
            boolean own = p.provenance() == null || !base.contains(p.provenance().layer()).orElse(false);
            if (own && criteria.selects(f)) {
                hits.add(new TriggerHit(VulnerabilitiesGate.vulnerabilityId(f) + "+" + p.name(),
                        f.severity().label().toUpperCase(java.util.Locale.ROOT) + " Vulnerability in " + p.name() + " "
                                + p.version() + ", added by the image's own "
                                + (p.provenance() == null ? "layers" : "layer " + p.provenance().layer()
                                + p.provenance().createdBy().map(c -> " (" + c + ")").orElse(""))
                                + " (" + f.advisory().id() + ")").alsoKnownAs(VulnerabilitiesGate.aliasIds(f)));
            }
        }
        return dedupe(hits);
    }

    /** Two advisories of one CVE in one package are one hit, known by the ids of both (as {@code package}). */
    static List<TriggerHit> dedupe(List<TriggerHit> hits) {
        Map<String, TriggerHit> out = new java.util.LinkedHashMap<>();
        hits.forEach(h -> out.merge(h.triggerId(), h, (a, b) -> a.alsoKnownAs(b.aliases())));
        return List.copyOf(out.values());
    }
}
