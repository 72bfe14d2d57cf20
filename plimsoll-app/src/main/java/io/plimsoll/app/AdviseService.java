package io.plimsoll.app;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.vuln.advice.Advice;
import io.plimsoll.vuln.advice.Advisor;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.VulnStore;
import java.util.List;

/**
 * Findings → fix advice over one vulnerability store, through the registered ecosystems' match rules and version
 * schemes (the same ones {@link MatchService} matches with, so a target it calls clean scans clean). The one place
 * an {@link Advisor} is built.
 */
public final class AdviseService {

    private final Advisor advisor;

    public AdviseService(VulnStore store) {
        this.advisor = new Advisor(store, Ecosystems.matchRules(), VersionSchemes::byName,
                Ecosystems::upgradeCommand);
    }

    /** The advice for an inventory's findings, the base's layers told by {@code base}. */
    public Advice advise(Inventory inventory, List<Finding> findings, BaseImage base) {
        return advisor.advise(inventory.image(), findings, base);
    }

    /**
     * The advice for findings of packages known without their image (a server's indexed manifest): each package's
     * origin is the layer and step its provenance records; which layers are the base's, {@code base} says.
     */
    public Advice advise(List<Finding> findings, BaseImage base) {
        return advisor.advise(List.of(), findings, base);
    }
}
