package io.plimsoll.policy.gate.vulnerabilities;

import io.plimsoll.policy.gate.Gate;
import io.plimsoll.policy.gate.Trigger;
import io.plimsoll.vuln.match.Finding;
import java.util.List;

/** Anchore's {@code vulnerabilities} gate over the scan's findings and the state of the data behind them. */
public final class VulnerabilitiesGate implements Gate {

    public static final String NAME = "vulnerabilities";

    private static final List<Trigger> TRIGGERS = List.of(new PackageTrigger(), new StaleFeedDataTrigger(),
            new DataUnavailableTrigger(), new BlacklistTrigger(), new OwnLayersOnlyTrigger(),
            new FixWithinMinorVersionTrigger());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "CVE/Vulnerability checks.";
    }

    @Override
    public List<Trigger> triggers() {
        return TRIGGERS;
    }

    /**
     * The id a finding is known by in trigger ids: the advisory's own id when it is a CVE; the CVE it aliases when
     * it names exactly one (a GHSA or distribution advisory for one CVE, so {@code CVE-2021-44228+log4j-core} whatever
     * feed reported it, and allowlists written with CVE ids keep working); otherwise the advisory's id. The trigger id
     * stays in this Anchore form, stable whichever feed found the CVE; the advisory's own id, which reports show first,
     * and its other aliases are the hit's {@link #aliasIds alias trigger ids}.
     */
    static String vulnerabilityId(Finding f) {
        String id = f.advisory().id();
        if (id.startsWith("CVE-")) {
            return id;
        }
        List<String> cves = f.advisory().cveIds();
        return cves.size() == 1 ? cves.get(0) : id;
    }

    /**
     * The finding's other trigger ids: {@code ID+package} for each of its ids besides {@link #vulnerabilityId}, so an
     * allowlist or baseline naming the GHSA matches the hit named by the CVE, and the other way round.
     */
    static List<String> aliasIds(Finding f) {
        String used = vulnerabilityId(f);
        List<String> out = new java.util.ArrayList<>();
        for (String id : f.advisory().ids().all()) {
            if (!id.equals(used)) {
                out.add(id + "+" + f.pkg().name());
            }
        }
        return out;
    }
}
