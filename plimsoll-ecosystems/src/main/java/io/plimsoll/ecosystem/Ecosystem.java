package io.plimsoll.ecosystem;

import io.plimsoll.catalog.Cataloger;
import io.plimsoll.ecosystem.binary.ExecutableReader;
import io.plimsoll.ecosystem.osv.OsvEcosystem;
import io.plimsoll.ecosystem.osv.OsvMatchRule;
import io.plimsoll.model.PackageType;
import io.plimsoll.model.version.VersionScheme;
import io.plimsoll.vuln.advice.UpgradeCommand;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.match.MatchRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything one ecosystem package gives the engine, in one place, so that {@link Ecosystems} can derive every
 * cross-ecosystem table (catalogers, feeds, match rules, version schemes, OS package types, distro → feed) from the
 * registered descriptors instead of each front end keeping its own copy. Modelled on claircore's per-distro
 * packages: the package that knows how Debian files its packages also says which feed covers Debian.
 *
 * @param name              the package's short name ({@code debian}, {@code redhat}, {@code npm})
 * @param os                whether this is a distribution's ecosystem (its packages' data comes from the distro's
 *                          own feed, and an image with them needs that feed)
 * @param packageTypes      PURL type of the packages its catalogers find → the name of the version scheme they are
 *                          ordered by ({@code npm} → {@code semver}); a type another package's scheme orders (Rust's
 *                          {@code cargo} → {@code semver}) names it here too
 * @param versionSchemes    the version schemes this package implements
 * @param catalogers        fresh catalogers per run (streaming catalogers keep state for one run)
 * @param executableReaders what it finds inside executables; all are run by one executable cataloger
 * @param updaters          fresh feed updaters, in the order {@code db update} lists them
 * @param matchRules        how its packages are looked up in the vulnerability data (stateless)
 * @param distros           the distributions it serves, with the feed that covers each
 * @param namespaces        the namespace families its match rules file packages under ({@code debian},
 *                          {@code Maven}) → the version scheme those rows compare with
 * @param osv               the OSV ecosystems its packages are looked up in ({@code osv/npm} data)
 * @param upgradeCommands   PURL type → the command fix advice gives to upgrade such a package
 * @param sourceParts       the parts of its feed a package needs beyond the feed as a whole (Amazon Linux 2's
 *                          extras topics); OSV's ecosystems are named by {@code osv} instead
 */
public record Ecosystem(String name, boolean os, Map<PackageType, String> packageTypes,
                        List<VersionScheme> versionSchemes,
                        Supplier<List<Cataloger>> catalogers, Supplier<List<ExecutableReader>> executableReaders,
                        Supplier<List<Updater>> updaters, List<MatchRule> matchRules, List<DistroFamily> distros,
                        Map<String, String> namespaces, List<OsvEcosystem> osv,
                        Map<PackageType, UpgradeCommand> upgradeCommands, SourceParts sourceParts) {

    public Ecosystem {
        Objects.requireNonNull(name, "name");
        packageTypes = Map.copyOf(packageTypes);
        versionSchemes = List.copyOf(versionSchemes);
        matchRules = List.copyOf(matchRules);
        distros = List.copyOf(distros);
        namespaces = Map.copyOf(namespaces);
        osv = List.copyOf(osv);
        upgradeCommands = Map.copyOf(upgradeCommands);
        Objects.requireNonNull(sourceParts, "sourceParts");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a descriptor a line per contribution; what is not given is empty. */
    public static final class Builder {
        private final String name;
        private boolean os;
        private final Map<PackageType, String> packageTypes = new LinkedHashMap<>();
        private final List<VersionScheme> schemes = new ArrayList<>();
        private Supplier<List<Cataloger>> catalogers = List::of;
        private Supplier<List<ExecutableReader>> executableReaders = List::of;
        private Supplier<List<Updater>> updaters = List::of;
        private final List<MatchRule> matchRules = new ArrayList<>();
        private final List<DistroFamily> distros = new ArrayList<>();
        private final Map<String, String> namespaces = new LinkedHashMap<>();
        private final List<OsvEcosystem> osv = new ArrayList<>();
        private final Map<PackageType, UpgradeCommand> upgradeCommands = new LinkedHashMap<>();
        private SourceParts sourceParts = SourceParts.NONE;

        private Builder(String name) {
            this.name = name;
        }

        /** A distribution's ecosystem. */
        public Builder os() {
            this.os = true;
            return this;
        }

        public Builder packageType(PackageType purlType, String schemeName) {
            packageTypes.put(purlType, schemeName);
            return this;
        }

        public Builder schemes(VersionScheme... s) {
            schemes.addAll(List.of(s));
            return this;
        }

        public Builder catalogers(Supplier<List<Cataloger>> s) {
            catalogers = s;
            return this;
        }

        public Builder executableReaders(Supplier<List<ExecutableReader>> s) {
            executableReaders = s;
            return this;
        }

        public Builder updaters(Supplier<List<Updater>> s) {
            updaters = s;
            return this;
        }

        public Builder matchRules(MatchRule... rules) {
            matchRules.addAll(List.of(rules));
            return this;
        }

        public Builder distros(DistroFamily... families) {
            distros.addAll(List.of(families));
            return this;
        }

        /** Packages filed under {@code family} (the part of a namespace before ':') compare by {@code schemeName}. */
        public Builder namespace(String family, String schemeName) {
            namespaces.put(family, schemeName);
            return this;
        }

        /**
         * Its packages are looked up in OSV's {@code ecosystem}: one match rule, the namespace OSV rows are filed
         * under with the scheme of their ranges, and {@code osv/ECOSYSTEM} as the data an image with them needs.
         */
        public Builder osv(OsvEcosystem ecosystem) {
            osv.add(ecosystem);
            matchRules.add(new OsvMatchRule(ecosystem));
            return namespace(ecosystem.osvName(), ecosystem.scheme());
        }

        /** How fix advice words the upgrade of a {@code purlType} package, in the ecosystem's own tool. */
        public Builder upgradeCommand(PackageType purlType, UpgradeCommand command) {
            upgradeCommands.put(purlType, command);
            return this;
        }

        /** The parts of its feed a package needs beyond the feed as a whole. */
        public Builder sourceParts(SourceParts parts) {
            sourceParts = parts;
            return this;
        }

        public Ecosystem build() {
            return new Ecosystem(name, os, packageTypes, schemes, catalogers, executableReaders, updaters, matchRules,
                    distros, namespaces, osv, upgradeCommands, sourceParts);
        }
    }
}
