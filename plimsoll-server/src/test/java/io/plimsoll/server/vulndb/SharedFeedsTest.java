package io.plimsoll.server.vulndb;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.store.VulnStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real feed samples in ../shared, loaded once into PostgreSQL by {@link FeedLoader} and once into SQLite by the
 * CLI's {@link UpdateRunner}: the same rows per source and table, and the same answers to lookups. Every source
 * with a sample is in it, the rpm and apk distributions' feeds ({@link DistroFeedSamples}) included.
 */
class SharedFeedsTest {

    @TempDir
    Path tmp;

    @Test
    void theRealFeedsLoadIntoPostgresAsIntoTheClisSqliteStore() throws Exception {
        Path from = tmp.resolve("feeds");
        link(from.resolve("osv"), SharedCorpus.require("feeds/osv"));
        link(from.resolve("alpine"), SharedCorpus.require("feeds/alpine-secdb-2020"));
        Path enricher = SharedCorpus.require("corpus/claircore/enricher");
        link(from.resolve("kev/known_exploited_vulnerabilities.json"),
                enricher.resolve("kev/testdata/known_exploited_vulnerabilities.json"));
        link(from.resolve("epss/epss_scores-current.csv.gz"), enricher.resolve("epss/testdata/data.csv"));
        link(from.resolve("nvd/feed.json"), enricher.resolve("cvss/testdata/feed.json"));
        Path archive = SharedCorpus.require("corpus/claircore/rhel/vex/testdata/server/csaf_vex_2023-10-31.tar.zst");
        link(from.resolve("redhat/" + archive.getFileName()), archive);
        Files.writeString(from.resolve("redhat/archive_latest.txt"), archive.getFileName() + "\n");
        VulnTestFeeds.debian(from, 50);
        DistroFeedSamples.layOut(from);
        List<Updater> updaters = Ecosystems.updaters(Optional.empty());

        Path sqlite = tmp.resolve("vuln.db");
        UpdateRunner.Report cli = new UpdateRunner(updaters, FeedProgress.NONE, 2)
                .run(sqlite, new UpdateRunner.LocalDirectory(from));
        try (Database db = TestPostgres.newDatabase(); SqliteVulnStore lite = SqliteVulnStore.open(sqlite)) {
            FeedLoader.Result server = new FeedLoader(db.dataSource(), updaters, FeedProgress.NONE, 2,
                    Clock.systemUTC()).load(new UpdateRunner.LocalDirectory(from));
            PostgresVulnStore pg = new PostgresVulnStore(db.dataSource());

            // the same sources succeeded (or failed) both ways
            Map<String, Boolean> cliOk = new TreeMap<>();
            cli.outcomes().forEach(o -> cliOk.put(o.source(), o.ok()));
            Map<String, Boolean> serverOk = new TreeMap<>();
            server.sources().forEach(s -> serverOk.put(s.source(), s.ok()));
            assertThat(serverOk).isEqualTo(cliOk);
            assertThat(serverOk).containsEntry("osv", true).containsEntry("alpine", true).containsEntry("debian", true);
            DistroFeedSamples.SOURCES.forEach(source -> assertThat(serverOk).as(source).containsEntry(source, true));

            Map<String, Map<String, Long>> counts = pg.counts();
            assertThat(counts).isEqualTo(lite.counts());
            assertThat(counts.get("osv").get("affected")).isGreaterThan(5_000L);
            DistroFeedSamples.SOURCES.forEach(source -> assertThat(counts.get(source)).as(source)
                    .hasEntrySatisfying("affected", n -> assertThat(n).isPositive()));
            // what /v1/system/feeds lists as groups: each source with data
            assertThat(pg.sources()).extracting(SourceStatus::name).containsAll(DistroFeedSamples.SOURCES);

            // a sample of lookups answers the same: every 50th (namespace, name), batched per namespace
            Map<String, List<String>> sample = new TreeMap<>();
            try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                    "SELECT namespace, name FROM (SELECT DISTINCT namespace, name FROM affected) t"
                            + " ORDER BY namespace, name");
                 ResultSet rs = p.executeQuery()) {
                int i = 0;
                while (rs.next()) {
                    if (i++ % 50 == 0) {
                        sample.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
            }
            assertThat(sample).isNotEmpty();
            List<String> cves = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : sample.entrySet()) {
                Map<String, List<AffectedPackage>> a = pg.affected(e.getKey(), e.getValue());
                Map<String, List<AffectedPackage>> b = lite.affected(e.getKey(), e.getValue());
                for (String name : e.getValue()) {
                    assertThat(sorted(a.get(name))).as(e.getKey() + " " + name).isEqualTo(sorted(b.get(name)));
                    assertThat(a.get(name)).isNotEmpty();
                    for (AffectedPackage row : a.get(name)) {
                        assertThat(pg.advisory(row.source(), row.advisoryId()))
                                .isEqualTo(lite.advisory(row.source(), row.advisoryId()));
                        pg.advisory(row.source(), row.advisoryId()).ifPresent(adv -> cves.addAll(adv.cveIds()));
                    }
                }
                assertThat(pg.affected(e.getKey(), "no-such-package")).isEmpty();
            }
            // enrichment of the sampled CVEs plus every CVE the enrichment feeds know
            try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                    "SELECT cve FROM kev UNION SELECT cve FROM epss UNION SELECT cve FROM cvss");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    cves.add(rs.getString(1));
                }
            }
            VulnStore.Enrichment x = pg.enrichment(cves);
            VulnStore.Enrichment y = lite.enrichment(cves);
            assertThat(x.kev()).isEqualTo(y.kev());
            assertThat(x.epss()).isEqualTo(y.epss());
            assertThat(x.cvss().keySet()).isEqualTo(y.cvss().keySet());
            x.cvss().forEach((cve, list) -> assertThat(list).containsExactlyInAnyOrderElementsOf(y.cvss().get(cve)));
            assertThat(x.kev().size() + x.epss().size() + x.cvss().size()).isPositive();
        }
    }

    private static List<AffectedPackage> sorted(List<AffectedPackage> rows) {
        List<AffectedPackage> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(AffectedPackage::toString));
        return out;
    }

    private static void link(Path link, Path target) throws Exception {
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
    }
}
