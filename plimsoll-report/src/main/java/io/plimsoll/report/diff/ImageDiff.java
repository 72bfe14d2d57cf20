package io.plimsoll.report.diff;

import io.plimsoll.catalog.Package;
import io.plimsoll.policy.Action;
import io.plimsoll.report.scan.ScanReport;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What changed from one image to another: packages added, removed and changed, findings new and fixed, and the
 * policy's final action before and after.
 *
 * <p>A package is the same package on both sides when its type and name (and architecture) are: one version on each
 * side is a change; otherwise the versions only one side has are added or removed. A finding is the same when its
 * advisory and package type and name are, so a finding that survives an upgrade is neither new nor fixed.
 */
public record ImageDiff(ScanReport before, ScanReport after, List<Package> added, List<Package> removed,
                        List<Change> changed, List<Finding> newFindings, List<Finding> fixedFindings,
                        Optional<Action> policyBefore, Optional<Action> policyAfter) {

    public ImageDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        newFindings = List.copyOf(newFindings);
        fixedFindings = List.copyOf(fixedFindings);
    }

    /** One package at another version. */
    public record Change(Package before, Package after) {
    }

    /** The difference from {@code before} to {@code after}, given the policy's final action on each. */
    public static ImageDiff between(ScanReport before, ScanReport after, Optional<Action> policyBefore,
                                    Optional<Action> policyAfter) {
        Map<String, List<Package>> old = byKey(before.inventory().packages());
        Map<String, List<Package>> now = byKey(after.inventory().packages());
        List<Package> added = new ArrayList<>();
        List<Package> removed = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(old.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            List<Package> o = old.getOrDefault(key, List.of());
            List<Package> n = now.getOrDefault(key, List.of());
            if (o.size() == 1 && n.size() == 1) {
                if (!o.get(0).version().equals(n.get(0).version())) {
                    changed.add(new Change(o.get(0), n.get(0)));
                }
                continue;
            }
            Set<String> oldVersions = new LinkedHashSet<>(o.stream().map(Package::version).toList());
            Set<String> newVersions = new LinkedHashSet<>(n.stream().map(Package::version).toList());
            n.stream().filter(p -> !oldVersions.contains(p.version())).forEach(added::add);
            o.stream().filter(p -> !newVersions.contains(p.version())).forEach(removed::add);
        }
        Set<String> oldFindings = new LinkedHashSet<>(before.findings().stream().map(ImageDiff::findingKey).toList());
        Set<String> newFindingKeys = new LinkedHashSet<>(after.findings().stream().map(ImageDiff::findingKey).toList());
        return new ImageDiff(before, after, added, removed, changed,
                after.findings().stream().filter(f -> !oldFindings.contains(findingKey(f))).toList(),
                before.findings().stream().filter(f -> !newFindingKeys.contains(findingKey(f))).toList(),
                policyBefore, policyAfter);
    }

    /** Whether the new image adds a finding at or above {@code threshold}. */
    public boolean addsAtLeast(Severity threshold) {
        return newFindings.stream().anyMatch(f -> f.severity().atLeast(threshold));
    }

    private static Map<String, List<Package>> byKey(List<Package> packages) {
        Map<String, List<Package>> out = new LinkedHashMap<>();
        packages.forEach(p -> out.computeIfAbsent(p.type() + "\u0000" + p.name() + "\u0000" + p.arch(),
                k -> new ArrayList<>()).add(p));
        return out;
    }

    private static String findingKey(Finding f) {
        return f.advisory().id() + "\u0000" + f.pkg().type() + "\u0000" + f.pkg().name();
    }
}
