package io.plimsoll.policy.gate.licenses;

import io.plimsoll.catalog.Package;
import io.plimsoll.policy.gate.Gate;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.Trigger;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.PackageTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Anchore's {@code licenses} gate. Package licenses and the rule's licenses are both normalised to SPDX ids
 * ({@link SpdxLicenses}), so {@code GPL-3.0} in a rule matches a package declaring {@code GPL-3} or {@code GPL-3.0}
 * (both {@code GPL-3.0-only}); a name with no SPDX id is compared as written, ignoring case.
 *
 * <p>Anchore fires once per rule listing every package; here each package and license is its own hit, trigger id
 * {@code LICENSE+package} ({@code GPL-3.0-only+bash}), so one package can be allowed without allowing the rest.
 */
public final class LicensesGate implements Gate {

    public static final String NAME = "licenses";

    private static final List<Trigger> TRIGGERS = List.of(new Denied(true), new Denied(false));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "License checks against found software licenses in the container image.";
    }

    @Override
    public List<Trigger> triggers() {
        return TRIGGERS;
    }

    static final class Denied extends BaseTrigger {
        private final boolean exact;

        Denied(boolean exact) {
            super(exact ? "blacklist_exact_match" : "blacklist_partial_match", exact
                    ? "Triggers if the evaluated image has a package installed with software distributed under the "
                    + "specified (exact match) license(s)."
                    : "Triggers if the evaluated image has a package installed with software distributed under the "
                    + "specified (substring match) license(s).", List.of(
                    Param.listOf("licenses", true, List.of(), exact ? "List of license names to blacklist exactly."
                            : "List of strings to do substring match for blacklist."),
                    Param.oneOf("package_type", false, PackageTypes.VALUES,
                            "Only packages of this kind (all, os, non-os, or an ecosystem such as deb or npm).")));
            this.exact = exact;
        }

        @Override
        public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
            SpdxLicenses spdx = SpdxLicenses.get();
            List<String> wanted = params.list("licenses");
            List<String> wantedIds = wanted.stream().map(w -> spdx.normalise(w).orElse(w)).toList();
            String type = params.string("package_type").orElse("all");
            Map<String, TriggerHit> hits = new LinkedHashMap<>();
            for (Package p : image.inventory().packages()) {
                if (!PackageTypes.matches(type, p)) {
                    continue;
                }
                for (String declared : p.licenses()) {
                    for (String term : spdx.terms(declared)) {
                        Optional<String> id = spdx.normalise(term);
                        String shown = id.orElse(term);
                        if (matches(term, id, wanted, wantedIds)) {
                            String triggerId = shown + "+" + p.name();
                            hits.putIfAbsent(triggerId, new TriggerHit(triggerId, (exact ? "LICFULLMATCH" :
                                    "LICSUBMATCH") + " Package " + p.name() + " " + p.version() + " (" + p.type()
                                    + ") is distributed under the blacklisted license " + shown
                                    + (shown.equals(term) ? "" : " (declared as '" + term + "')")));
                        }
                    }
                }
            }
            return List.copyOf(hits.values());
        }

        private boolean matches(String term, Optional<String> id, List<String> wanted, List<String> wantedIds) {
            if (exact) {
                for (int i = 0; i < wanted.size(); i++) {
                    if (term.equalsIgnoreCase(wanted.get(i)) || (id.isPresent()
                            && id.get().equalsIgnoreCase(wantedIds.get(i)))) {
                        return true;
                    }
                }
                return false;
            }
            String t = term.toLowerCase(Locale.ROOT);
            String n = id.orElse(term).toLowerCase(Locale.ROOT);
            return wanted.stream().map(w -> w.toLowerCase(Locale.ROOT)).anyMatch(w -> t.contains(w) || n.contains(w));
        }
    }
}
