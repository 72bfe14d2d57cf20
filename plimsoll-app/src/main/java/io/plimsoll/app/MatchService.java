package io.plimsoll.app;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.model.Distro;
import io.plimsoll.model.version.VersionScheme;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.MatchRule;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.store.VulnStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Packages → findings over one vulnerability store (the CLI's SQLite file, the server's PostgreSQL), through the
 * registered ecosystems' match rules and version schemes: the one place a {@link Matcher} is built. It holds no
 * per-request state, so one instance serves every request.
 */
public final class MatchService {

    private final VulnStore store;
    private final List<MatchRule> rules;
    private final Function<String, Optional<VersionScheme>> schemes;
    private final Matcher matcher;

    /** Over every registered ecosystem's match rules and version schemes. */
    public MatchService(VulnStore store) {
        this(store, Ecosystems.matchRules(), VersionSchemes::byName);
    }

    /** Over other rules and schemes than the registered ones (a front end wired for a test). */
    public MatchService(VulnStore store, List<MatchRule> rules, Function<String, Optional<VersionScheme>> schemes) {
        this.store = store;
        this.rules = List.copyOf(rules);
        this.schemes = schemes;
        this.matcher = new Matcher(store, this.rules, schemes);
    }

    /** The same rules and schemes over other data (the notifier's "before": the data with an update reverted). */
    public MatchService over(VulnStore other) {
        return new MatchService(other, rules, schemes);
    }

    /** The findings for an inventory's packages under its distro, sorted by package then advisory. */
    public List<Finding> findings(Inventory inventory) {
        return findings(inventory.packages(), inventory.distro());
    }

    /** The findings for stored packages (an indexed manifest's), sorted by package then advisory. */
    public List<Finding> findings(List<Package> packages, Optional<Distro> distro) {
        return matcher.match(packages, distro);
    }

    /**
     * The OS release namespaces the match rules look {@code inventory}'s OS packages up in ({@code rocky:10}) for
     * which the store has no row at all: with a feed for the distro but none of its data for this release, "no
     * findings" would mean "not checked". Language-package lookups are judged by their sources' freshness instead.
     */
    public List<String> releasesWithoutData(Inventory inventory) {
        java.util.Set<String> namespaces = new java.util.TreeSet<>();
        for (Package pkg : inventory.packages()) {
            if (!Ecosystems.isOsPackageType(pkg.type())) {
                continue;
            }
            for (MatchRule rule : rules) {
                rule.queries(pkg, inventory.distro()).forEach(q -> namespaces.add(q.namespace()));
            }
        }
        return namespaces.stream().filter(ns -> !store.hasRows(ns)).toList();
    }

    /**
     * The state of the data behind the findings: which of the {@code expected} sources and parts the store has, and
     * whether they are older than {@code maxAge}.
     *
     * @param database where the store is, as reports name it
     */
    public DataFreshness freshness(Path database, List<String> expected, Duration maxAge, Instant now) {
        return DataFreshness.of(database, store.sources(), expected, maxAge, now);
    }
}
