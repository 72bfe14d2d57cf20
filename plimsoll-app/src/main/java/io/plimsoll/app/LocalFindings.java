package io.plimsoll.app;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.vuln.advice.Advice;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.store.RowCache;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.store.VulnStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Findings from the embedded SQLite store through {@link MatchService}. Without a store (no database yet, or
 * {@code --offline} before the first update) there is no data: the scan still lists the packages and says so.
 *
 * @param store    the opened store, or empty when there is no database
 * @param database where the database is (or would be), for the report
 * @param rows     the store behind a {@link RowCache}: advice reads the rows matching read, without the database
 */
public record LocalFindings(Optional<SqliteVulnStore> store, Path database, Optional<VulnStore> rows)
        implements FindingSource {

    public LocalFindings(Optional<SqliteVulnStore> store, Path database) {
        this(store, database, store.map(RowCache::new));
    }

    @Override
    public DataFreshness freshness(List<String> expected, Duration maxAge, Instant now) {
        return store.map(s -> new MatchService(s).freshness(database, expected, maxAge, now))
                .orElseGet(() -> DataFreshness.unavailable(expected, maxAge));
    }

    @Override
    public List<String> releasesWithoutData(Inventory inventory) {
        return store.map(s -> new MatchService(s).releasesWithoutData(inventory)).orElse(List.of());
    }

    @Override
    public Optional<String> problem() {
        return store.isPresent() ? Optional.empty() : Optional.of("no vulnerability database at " + database);
    }

    @Override
    public List<Finding> findings(Inventory inventory) {
        return rows.map(s -> new MatchService(s).findings(inventory)).orElse(List.of());
    }

    @Override
    public Optional<Advice> advice(Inventory inventory, List<Finding> findings, BaseImage base) {
        return rows.map(s -> new AdviseService(s).advise(inventory, findings, base));
    }
}
