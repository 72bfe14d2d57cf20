package io.plimsoll.server.vulndb;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.server.db.Database;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratedVulnDataTest {

    @Test
    void bulkLoadedRowsAreReadBackInOneIndexedStatementPerManifest() throws Exception {
        try (Database db = TestPostgres.newDatabase()) {
            List<String> names = GeneratedVulnData.insertAffected(db.dataSource(), "gen", "debian:12", 20_000, 5_000);
            assertThat(names).hasSize(5_000);
            PostgresVulnStore store = new PostgresVulnStore(db.dataSource());
            assertThat(store.counts().get("gen")).containsEntry("affected", 20_000L).containsEntry("advisory", 20_000L);

            List<String> manifest = names.subList(0, 500);
            Map<String, List<AffectedPackage>> rows = store.affected("debian:12", manifest);
            assertThat(rows).hasSize(500);
            assertThat(rows.values()).allSatisfy(r -> assertThat(r).hasSize(4));
            // pkg0 gets rows 0, 5000, 10000, 15000: every fourth row (0 mod 4) is unfixed
            assertThat(rows.get("pkg0")).extracting(AffectedPackage::status).containsOnly(AffectedStatus.AFFECTED);
            assertThat(rows.get("pkg1")).extracting(a -> a.ranges().get(0).fixed().orElseThrow())
                    .containsExactlyInAnyOrder("1.1-1", "1.3-0", "1.5-2", "1.0-1");
            assertThat(store.advisories("gen", List.of("CVE-2099-1", "CVE-2099-5001", "CVE-2099-99999")))
                    .containsOnlyKeys("CVE-2099-1", "CVE-2099-5001");
            assertThat(store.affected("debian:11", manifest).values()).allSatisfy(r -> assertThat(r).isEmpty());

            // a selective batched lookup (1% of the rows) is served by the (namespace, name) index, not a table scan
            try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                    "EXPLAIN SELECT name, data::text FROM affected WHERE namespace = ? AND name = ANY(?)")) {
                p.setString(1, "debian:12");
                p.setArray(2, c.createArrayOf("text", names.subList(1000, 1050).toArray()));
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertThat(plan.toString()).contains("affected_lookup").doesNotContain("Seq Scan");
            }

            // loading again replaces the source's rows instead of adding to them
            GeneratedVulnData.insertAffected(db.dataSource(), "gen", "debian:12", 1_000, 100);
            assertThat(store.counts().get("gen")).containsEntry("affected", 1_000L);
            assertThat(store.sources()).singleElement().satisfies(s -> assertThat(s.updatedAt()).isPresent());
        }
    }
}
