package io.plimsoll.policy.gate.packages;

import io.plimsoll.catalog.Package;
import io.plimsoll.policy.gate.Gate;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.ParamType;
import io.plimsoll.policy.gate.Trigger;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import io.plimsoll.policy.gate.common.PackageTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Anchore's {@code packages} gate: required and denied packages, and package file verification. */
public final class PackagesGate implements Gate {

    public static final String NAME = "packages";

    private static final List<Trigger> TRIGGERS = List.of(new RequiredPackage(), new VerifyTrigger(),
            new Blacklist());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Distro package checks.";
    }

    @Override
    public List<Trigger> triggers() {
        return TRIGGERS;
    }

    /**
     * {@code required_package}: fires when no package of that name is installed, or (with a version) none is at that
     * version ({@code exact}) or at least that version ({@code minimum}, compared by the package's ecosystem rules).
     */
    static final class RequiredPackage extends BaseTrigger {
        RequiredPackage() {
            super("required_package", "Triggers if the specified package and optionally a specific version is not "
                    + "found in the image.", List.of(
                    Param.required("name", ParamType.STRING, "Name of package that must be found installed in image."),
                    Param.optional("version", ParamType.STRING, "Optional version of package for exact version match."),
                    Param.oneOf("version_match_type", false, List.of("exact", "minimum"),
                            "The type of comparison to use for version if a version is provided.")));
        }

        @Override
        public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
            String name = params.string("name").orElse("");
            Optional<String> version = params.string("version");
            boolean minimum = params.string("version_match_type").orElse("exact").equals("minimum");
            List<Package> found = image.inventory().packages().stream().filter(p -> p.name().equals(name)).toList();
            String message;
            if (found.isEmpty()) {
                message = version.map(v -> "Required input package (" + name + "," + v + ") is not present in "
                        + "container image").orElse("Required input package (" + name + ") is not present in "
                        + "container image");
            } else if (version.isEmpty()) {
                return List.of();
            } else if (!minimum) {
                if (found.stream().anyMatch(p -> PackageVersions.same(p, version.get()))) {
                    return List.of();
                }
                message = "Required input package (" + name + ") is present (" + found.get(0).version()
                        + "), but not at the version specified in policy (" + version.get() + ")";
            } else {
                if (found.stream().anyMatch(p -> PackageVersions.same(p, version.get())
                        || PackageVersions.of(p).compare(p.version(), version.get()) >= 0)) {
                    return List.of();
                }
                message = "Required min-version input package (" + name + ") is present (" + found.get(0).version()
                        + "), but is lower version than what is specified in policy (" + version.get() + ")";
            }
            return List.of(LegacyTriggerId.hit(NAME, name(), message));
        }
    }

    /** {@code blacklist}: one hit per installed package of that name (and version, and ecosystem, when given). */
    static final class Blacklist extends BaseTrigger {
        Blacklist() {
            super("blacklist", "Triggers if the evaluated image has a package installed that matches the named "
                    + "package optionally with a specific version as well.", List.of(
                    Param.required("name", ParamType.STRING, "Package name to blacklist."),
                    Param.optional("version", ParamType.STRING, "Specific version of package to blacklist."),
                    Param.oneOf("package_type", false, PackageTypes.VALUES,
                            "Only packages of this kind (os, non-os, or an ecosystem such as deb or maven); "
                                    + "a Plimsoll addition.")));
        }

        @Override
        public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
            String name = params.string("name").orElse("");
            Optional<String> version = params.string("version");
            String type = params.string("package_type").orElse("all");
            List<TriggerHit> hits = new ArrayList<>();
            for (Package p : image.inventory().packages()) {
                if (!p.name().equals(name) || !PackageTypes.matches(type, p)
                        || version.filter(v -> !PackageVersions.same(p, v)).isPresent()) {
                    continue;
                }
                TriggerHit h = LegacyTriggerId.hit(NAME, name(), version.isPresent()
                        ? "Package is blacklisted: " + p.name() + "-" + p.version()
                        : "Package is blacklisted: " + p.name());
                if (hits.stream().noneMatch(x -> x.triggerId().equals(h.triggerId()))) {
                    hits.add(h);
                }
            }
            return hits;
        }
    }
}
