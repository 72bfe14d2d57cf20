package io.plimsoll.server.analysis;

import io.plimsoll.policy.Action;
import io.plimsoll.server.analysis.ImageCatalog.Stored;
import io.plimsoll.server.analysis.ImageCatalog.Summary;
import io.plimsoll.server.analysis.ImageCatalog.Worst;
import io.plimsoll.server.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table {@code image_evaluation}: each image's last verdict and finding counts, per account, digest and the
 * name the policy's mappings read, with the bundle and data version it was made with. The images table and the
 * dashboard read it instead of matching; a row made with another bundle or data, or older than {@link #MAX_AGE}
 * (an evaluation reads the clock: the stale-data triggers), is stale and re-evaluated in the background.
 */
final class StoredEvaluations {

    /** After this an evaluation is re-made even when nothing it depends on changed. */
    static final Duration MAX_AGE = Duration.ofHours(24);

    /** Joins an image record to its stored evaluation; the images table sorts on it. */
    static final String JOIN = " LEFT JOIN image_evaluation e ON e.account = i.account"
            + " AND e.image_digest = i.image_digest AND e.image_name = coalesce(i.tag, i.pull_reference)";
    /** STOP first, then WARN, GO, and images without a verdict last; the most critical first within each. */
    static final String BY_ACTION = "CASE e.final_action WHEN 'STOP' THEN 0 WHEN 'WARN' THEN 1 WHEN 'GO' THEN 2"
            + " ELSE 3 END, e.critical DESC NULLS LAST";
    static final String BY_CRITICAL = "e.critical DESC NULLS LAST, e.high DESC NULLS LAST";

    private static final String CURRENT = "e.policy_key = ? AND e.data_key = ? AND e.evaluated_at > now() - ?::interval";
    private static final String COUNTS = "e.critical, e.high, e.medium, e.low, e.other, e.kev, e.fixable,"
            + " e.critical_fixable";

    private final Database db;

    StoredEvaluations(Database db) {
        this.db = db;
    }

    void save(String account, String digest, String name, String policyKey, String dataKey, Action action,
              FindingCounts c) throws SQLException {
        try (Connection conn = db.connection(); PreparedStatement s = conn.prepareStatement("INSERT INTO"
                + " image_evaluation (account, image_digest, image_name, policy_key, data_key, final_action, critical,"
                + " high, medium, low, other, kev, fixable, critical_fixable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?) ON CONFLICT (account, image_digest, image_name) DO UPDATE SET"
                + " policy_key = excluded.policy_key, data_key = excluded.data_key,"
                + " final_action = excluded.final_action, critical = excluded.critical, high = excluded.high,"
                + " medium = excluded.medium, low = excluded.low, other = excluded.other, kev = excluded.kev,"
                + " fixable = excluded.fixable, critical_fixable = excluded.critical_fixable, evaluated_at = now()")) {
            s.setString(1, account);
            s.setString(2, digest);
            s.setString(3, name);
            s.setString(4, policyKey);
            s.setString(5, dataKey);
            s.setString(6, action.name());
            int[] n = {c.critical(), c.high(), c.medium(), c.low(), c.other(), c.kev(), c.fixable(),
                    c.criticalFixable()};
            for (int i = 0; i < n.length; i++) {
                s.setInt(7 + i, n[i]);
            }
            s.executeUpdate();
        }
    }

    /** The stored evaluations of these records, by record id; a record without one is absent. */
    Map<String, Stored> of(String account, List<String> imageIds, String policyKey, String dataKey)
            throws SQLException {
        Map<String, Stored> out = new HashMap<>();
        if (imageIds.isEmpty()) {
            return out;
        }
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("SELECT i.id, e.final_action, "
                + COUNTS + ", " + CURRENT + " FROM analysis_image i" + JOIN + " WHERE i.account = ? AND i.id = ANY (?)"
                + " AND e.account IS NOT NULL")) {
            int k = current(s, 1, policyKey, dataKey);
            s.setString(k++, account);
            s.setArray(k, c.createArrayOf("text", imageIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Stored(Action.valueOf(rs.getString(2)), counts(rs, 3),
                            rs.getBoolean(11)));
                }
            }
        }
        return out;
    }

    /** The account's analysed records whose evaluation is missing or stale, newest first. */
    List<String> stale(String account, String policyKey, String dataKey, int limit) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("SELECT i.id FROM analysis_image i"
                + JOIN + " WHERE i.account = ? AND i.status = 'analyzed' AND NOT coalesce(" + CURRENT + ", false)"
                + " ORDER BY i.analyzed_at DESC, i.id LIMIT " + limit)) {
            s.setString(1, account);
            current(s, 2, policyKey, dataKey);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * How many records the account has (all, analysed, failed), and the verdicts and counts summed over the analysed
     * ones, in one aggregate.
     */
    Summary summary(String account, String policyKey, String dataKey) throws SQLException {
        String analysed = " FILTER (WHERE i.status = 'analyzed')";
        StringBuilder sql = new StringBuilder("SELECT count(*), count(*)" + analysed
                + ", count(*) FILTER (WHERE i.status = 'analysis_failed')");
        for (String action : List.of("GO", "WARN", "STOP")) {
            sql.append(", count(*) FILTER (WHERE i.status = 'analyzed' AND e.final_action = '").append(action)
                    .append("')");
        }
        sql.append(", count(e.account)").append(analysed).append(", count(*) FILTER (WHERE i.status = 'analyzed'"
                + " AND NOT coalesce(" + CURRENT + ", false))");
        for (String column : COUNTS.split(", ")) {
            sql.append(", coalesce(sum(").append(column).append(")").append(analysed).append(", 0)");
        }
        sql.append(" FROM analysis_image i").append(JOIN).append(" WHERE i.account = ?");
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            int k = current(s, 1, policyKey, dataKey);
            s.setString(k, account);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Summary(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6),
                        rs.getInt(7), rs.getInt(8), counts(rs, 9));
            }
        }
    }

    /** The account's images with the most critical fixable findings (then critical), each name once. */
    List<Worst> worst(String account, int limit) throws SQLException {
        List<Worst> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("SELECT id, name,"
                + " critical_fixable, critical FROM (SELECT DISTINCT ON (e.image_digest, e.image_name) i.id,"
                + " e.image_name AS name, e.critical_fixable, e.critical FROM analysis_image i" + JOIN
                + " WHERE i.account = ? AND i.status = 'analyzed' AND e.critical > 0"
                + " ORDER BY e.image_digest, e.image_name, i.created_at DESC) w"
                + " ORDER BY critical_fixable DESC, critical DESC, name LIMIT " + limit)) {
            s.setString(1, account);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Worst(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4)));
                }
            }
        }
        return out;
    }

    private static int current(PreparedStatement s, int first, String policyKey, String dataKey)
            throws SQLException {
        s.setString(first, policyKey);
        s.setString(first + 1, dataKey);
        s.setString(first + 2, MAX_AGE.toSeconds() + " seconds");
        return first + 3;
    }

    private static FindingCounts counts(ResultSet rs, int first) throws SQLException {
        return new FindingCounts(rs.getInt(first), rs.getInt(first + 1), rs.getInt(first + 2), rs.getInt(first + 3),
                rs.getInt(first + 4), rs.getInt(first + 5), rs.getInt(first + 6), rs.getInt(first + 7));
    }
}
