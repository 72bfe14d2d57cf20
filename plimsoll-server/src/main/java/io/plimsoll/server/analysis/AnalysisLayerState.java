package io.plimsoll.server.analysis;

import io.plimsoll.model.Digest;
import io.plimsoll.policy.content.ContentScanConfig;
import io.plimsoll.server.http.JsonLog;
import io.plimsoll.server.index.PostgresLayerMemo;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The {@code layer_index} state the analysis worker files one account's layer recordings under: what the walk asks
 * of a layer (the analyzer set, the content scan's configuration, the recording format) and whose pull it was.
 *
 * <p>Per account on purpose. A recording replays a layer's packages and the bytes the secret scan reads without the
 * layer being fetched, so it must only serve pulls that could have fetched those bytes themselves. Shared across
 * accounts, a tenant could write a manifest naming another tenant's layer digest in a registry it controls and
 * receive that layer's packages and secret findings without ever owning the blob. Within an account a digest is
 * only recorded after that account's pull verified it; and an account's rows go with it ({@link #forget}), so a
 * later account of the same name starts with none.
 */
public final class AnalysisLayerState {

    /** Bump to re-read every layer when the worker's walk changes within one build. */
    static final int REVISION = 1;
    private static final String PREFIX = "analysis/";
    /** Every account's states under every walk, as an SQL LIKE pattern. */
    static final String FAMILY = PREFIX + "%";

    private AnalysisLayerState() {
    }

    /**
     * @param analyzers {@code app.AnalyzerSet}'s name for the catalogers and content scanner of this build
     * @param content   the content scanner's configuration
     * @param account   the account whose pull this is
     */
    static String of(String analyzers, ContentScanConfig content, String account) {
        // the account stays readable so that its rows can be found (and dropped) with the account
        return PREFIX + walk(analyzers, content) + "/" + account;
    }

    private static String walk(String analyzers, ContentScanConfig content) {
        String walk = "plimsoll-analysis/" + REVISION + "/" + PostgresLayerMemo.RECORD_FORMAT + "\n" + analyzers
                + "\n" + content.fingerprint();
        return Digest.sha256Of(walk.getBytes(StandardCharsets.UTF_8)).hex();
    }

    /**
     * Drops, in the background, every account's recordings made under an earlier walk (another build, analyzer set
     * or content scan) more than {@link PostgresLayerMemo#STALE_GRACE} ago: nothing reads them any more.
     */
    static void dropStale(DataSource db, String analyzers, ContentScanConfig content, JsonLog log) {
        PostgresLayerMemo.dropStaleInBackground(db, FAMILY, current(analyzers, content), log, "analysis");
    }

    /** Every account's state under this walk, as an SQL LIKE pattern. */
    static String current(String analyzers, ContentScanConfig content) {
        return PREFIX + walk(analyzers, content) + "/%";
    }

    /** Drops every layer recording of {@code account}, under any state; the number of rows dropped. */
    public static int forget(Connection c, String account) throws SQLException {
        // the account is everything after the hash: compared whole, not as a LIKE pattern
        try (PreparedStatement s = c.prepareStatement("DELETE FROM layer_index WHERE index_state LIKE '" + PREFIX
                + "%' AND substr(index_state, ?) = ?")) {
            s.setInt(1, PREFIX.length() + 64 + 2);
            s.setString(2, account);
            return s.executeUpdate();
        }
    }
}
