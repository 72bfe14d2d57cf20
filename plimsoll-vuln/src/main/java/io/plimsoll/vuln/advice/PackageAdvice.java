package io.plimsoll.vuln.advice;

import io.plimsoll.catalog.Package;
import io.plimsoll.vuln.match.Finding;
import java.util.List;
import java.util.Optional;

/**
 * What to do about one vulnerable package.
 *
 * @param namespace  where the data files the package ({@code debian:12}, {@code Go})
 * @param name       the name the data uses (a Debian source package, Maven's {@code group:artifact})
 * @param installed  the version compared (for Debian the source version)
 * @param findings   the package's findings under that name
 * @param target     the upgrade to make; empty when the data names no fixed version above the installed one
 * @param nearestFix the highest of the findings' nearest fixes: what fixing one finding at a time would reach
 * @param command    the ecosystem's command for {@code target}
 */
public record PackageAdvice(Package pkg, String namespace, String name, String installed, List<Finding> findings,
                            Optional<UpgradeTarget> target, Optional<String> nearestFix, LayerOrigin origin,
                            Optional<String> command) {

    public PackageAdvice {
        findings = List.copyOf(findings);
    }

    /** The findings the target does not clear (all of them without a target). */
    public List<Finding> notCleared() {
        List<String> cleared = target.map(UpgradeTarget::clears).orElse(List.of());
        return findings.stream().filter(f -> !cleared.contains(f.advisory().id())).toList();
    }
}
