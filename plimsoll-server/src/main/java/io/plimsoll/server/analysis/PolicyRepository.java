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

/** Uploaded Anchore policy bundles of each account; a partial unique index keeps at most one active per account. */
final class PolicyRepository {

    record StoredPolicy(String policyId, String name, byte[] bundle, boolean active, Instant createdAt,
                        Instant lastUpdated) {
    }

    private final Database db;

    PolicyRepository(Database db) {
        this.db = db;
    }

    List<StoredPolicy> list(String account) throws SQLException {
        return query("WHERE account = ? ORDER BY created_at, policy_id", account);
    }

    Optional<StoredPolicy> get(String account, String id) throws SQLException {
        return query("WHERE account = ? AND policy_id = ?", account, id).stream().findFirst();
    }

    Optional<StoredPolicy> active(String account) throws SQLException {
        return query("WHERE account = ? AND active", account).stream().findFirst();
    }

    /** Inserts or replaces; activating one deactivates the account's others in the same transaction. */
    void save(String account, String id, String name, byte[] bundle, boolean active) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                if (active) {
                    try (PreparedStatement s = c.prepareStatement("UPDATE analysis_policy SET active = false,"
                            + " last_updated = now() WHERE account = ? AND active AND policy_id <> ?")) {
                        s.setString(1, account);
                        s.setString(2, id);
                        s.executeUpdate();
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO analysis_policy (account, policy_id, name,"
                        + " bundle, active) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account, policy_id) DO UPDATE SET"
                        + " name = excluded.name, bundle = excluded.bundle, active = excluded.active,"
                        + " last_updated = now()")) {
                    s.setString(1, account);
                    s.setString(2, id);
                    s.setString(3, name);
                    s.setBytes(4, bundle);
                    s.setBoolean(5, active);
                    s.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    boolean delete(String account, String id) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM analysis_policy WHERE account = ?"
                     + " AND policy_id = ?")) {
            s.setString(1, account);
            s.setString(2, id);
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
