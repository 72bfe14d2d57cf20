package io.plimsoll.server.vulndb;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.feed.Updater;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingVulnStoreTest {

    @TempDir
    Path tmp;

    @Test
    void answersFromTheCacheUntilAnUpdateCommitsThenFromTheNewData() throws Exception {
        Path from = tmp.resolve("feeds");
        VulnTestFeeds.debian(from, 3);
        VulnTestFeeds.write(from.resolve("kev/known_exploited_vulnerabilities.json"), "{\"vulnerabilities\":[{"
                + "\"cveID\":\"CVE-2024-10001\",\"vendorProject\":\"A\",\"product\":\"B\",\"vulnerabilityName\":\"C\","
                + "\"dateAdded\":\"2024-01-01\",\"requiredAction\":\"Patch\",\"knownRansomwareCampaignUse\":\"Known\"}]}");
        List<Updater> updaters = Ecosystems.updaters(Optional.empty()).stream()
                .filter(u -> u.name().equals("debian") || u.name().equals("kev")).toList();
        try (Database db = TestPostgres.newDatabase()) {
            FeedLoader loader = new FeedLoader(db.dataSource(), updaters, FeedProgress.NONE, 2, Clock.systemUTC());
            loader.load(new UpdateRunner.LocalDirectory(from));
            CachingVulnStore cached = new CachingVulnStore(db.dataSource(), 10_000);
            PostgresVulnStore direct = new PostgresVulnStore(db.dataSource());

            List<String> names = List.of("pkg0", "pkg1", "pkg9", "pkg3");
            assertThat(cached.affected("debian:12", names)).isEqualTo(direct.affected("debian:12", names));
            assertThat(cached.affected("debian:12", "pkg9")).isEmpty();
            assertThat(cached.advisories("debian", List.of("CVE-2024-10000", "CVE-1"))).containsOnlyKeys("CVE-2024-10000");
            assertThat(cached.enrichment(List.of("CVE-2024-10001", "CVE-1")).kev()).containsOnlyKeys("CVE-2024-10001");

            // a change behind the store's back (not an update) is not seen: the answers come from the cache
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM affected WHERE name = 'pkg1'");
                s.execute("DELETE FROM kev");
            }
            assertThat(cached.affected("debian:12", "pkg1")).hasSize(1);
            assertThat(cached.kev("CVE-2024-10001")).isPresent();
            assertThat(direct.affected("debian:12", "pkg1")).isEmpty();

            // a committed update changes the data version: everything is read again
            VulnTestFeeds.debian(from, 5);
            loader.load(new UpdateRunner.LocalDirectory(from));
            List<String> more = List.of("pkg1", "pkg4", "pkg9");
            assertThat(cached.affected("debian:12", more)).isEqualTo(direct.affected("debian:12", more));
            assertThat(cached.affected("debian:12", "pkg4")).extracting(AffectedPackage::advisoryId)
                    .containsExactly("CVE-2024-10004");
            assertThat(cached.kev("CVE-2024-10001")).isPresent();
            assertThat(cached.advisory("debian", "CVE-2024-10004")).isPresent();

            // a tiny bound empties the cache instead of growing: answers stay right
            CachingVulnStore tiny = new CachingVulnStore(db.dataSource(), 2);
            for (int i = 0; i < 3; i++) {
                assertThat(tiny.affected("debian:12", List.of("pkg0", "pkg1", "pkg2", "pkg3", "pkg4")).values())
                        .allSatisfy(rows -> assertThat(rows).hasSize(1));
            }
        }
    }
}
