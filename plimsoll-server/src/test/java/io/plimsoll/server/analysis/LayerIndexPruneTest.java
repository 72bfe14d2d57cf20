package io.plimsoll.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.policy.content.ContentScanConfig;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.index.PostgresLayerMemo;
import io.plimsoll.server.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recordings made under a state that is no longer current (an upgrade changed the catalogers or the analyzer set)
 * are dropped once older than the grace period, each owner's only: the current states, recent rows of old states
 * (replicas of the older build may still be running) and the other owner's rows stay.
 */
class LayerIndexPruneTest {

    private static final Duration GRACE = PostgresLayerMemo.STALE_GRACE;

    @Test
    void onlyOldRowsOfEarlierStatesOfTheOwnerAreDropped() throws Exception {
        String now = AnalysisLayerState.of("analyzers-2.0", ContentScanConfig.DEFAULT, "team-a");
        String before = AnalysisLayerState.of("analyzers-1.0", ContentScanConfig.DEFAULT, "team-a");
        String beforeB = AnalysisLayerState.of("analyzers-1.0", ContentScanConfig.DEFAULT, "team-b");
        String clairNow = "a".repeat(64);
        String clairBefore = "b".repeat(64);
        try (Database db = TestPostgres.newDatabase()) {
            insert(db, "sha256:1", now, 30);
            insert(db, "sha256:2", before, 30);
            insert(db, "sha256:3", beforeB, 30);
            insert(db, "sha256:4", before, 1);
            insert(db, "sha256:5", clairNow, 30);
            insert(db, "sha256:6", clairBefore, 30);
            insert(db, "sha256:7", clairBefore, 1);

            int analysis = PostgresLayerMemo.dropStale(db.dataSource(), AnalysisLayerState.FAMILY,
                    AnalysisLayerState.current("analyzers-2.0", ContentScanConfig.DEFAULT), GRACE);
            assertThat(analysis).isEqualTo(2);
            assertThat(digests(db)).containsExactly("sha256:1", "sha256:4", "sha256:5", "sha256:6", "sha256:7");

            int indexer = PostgresLayerMemo.dropStale(db.dataSource(), PostgresLayerMemo.INDEXER_STATES, clairNow,
                    GRACE);
            assertThat(indexer).isEqualTo(1);
            assertThat(digests(db)).containsExactly("sha256:1", "sha256:4", "sha256:5", "sha256:7");
        }
    }

    private static void insert(Database db, String digest, String state, int daysAgo) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO layer_index (digest, index_state, data, entries,"
                     + " created_at) VALUES (?, ?, ?, 0, now() - make_interval(days => ?))")) {
            s.setString(1, digest);
            s.setString(2, state);
            s.setBytes(3, new byte[] {1});
            s.setInt(4, daysAgo);
            s.executeUpdate();
        }
    }

    private static List<String> digests(Database db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT digest FROM layer_index ORDER BY digest");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
