package io.plimsoll.server.analysis;

import io.plimsoll.server.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Uploaded Anchore policy bundles; a partial unique index keeps at most one active. */
final class PolicyRepository {

    record StoredPolicy(String policyId, String name, byte[] bundle, boolean active, Instant createdAt,
                        Instant lastUpdated) {
    }

    private final Database db;

    PolicyRepository(Database db) {
        this.db = db;
    }

    List<StoredPolicy> list() throws SQLException {
        return query("ORDER BY created_at, policy_id");
    }

    Optional<StoredPolicy> get(String id) throws SQLException {
        return query("WHERE policy_id = ?", id).stream().findFirst();
    }

    Optional<StoredPolicy> active() throws SQLException {
        return query("WHERE active").stream().findFirst();
    }

    /** Inserts or replaces; activating one deactivates the others in the same transaction. */
    void save(String id, String name, byte[] bundle, boolean active) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                if (active) {
                    try (PreparedStatement s = c.prepareStatement("UPDATE analysis_policy SET active = false,"
                            + " last_updated = now() WHERE active AND policy_id <> ?")) {
                        s.setString(1, id);
                        s.executeUpdate();
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO analysis_policy (policy_id, name, bundle,"
                        + " active) VALUES (?, ?, ?, ?) ON CONFLICT (policy_id) DO UPDATE SET name = excluded.name,"
                        + " bundle = excluded.bundle, active = excluded.active, last_updated = now()")) {
                    s.setString(1, id);
                    s.setString(2, name);
                    s.setBytes(3, bundle);
                    s.setBoolean(4, active);
                    s.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    boolean delete(String id) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM analysis_policy WHERE policy_id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() == 1;
        }
    }

    private List<StoredPolicy> query(String where, String... args) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT policy_id, name, bundle, active, created_at,"
                     + " last_updated FROM analysis_policy " + where)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            List<StoredPolicy> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredPolicy(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBoolean(4),
                            rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()));
                }
            }
            return out;
        }
    }
}
