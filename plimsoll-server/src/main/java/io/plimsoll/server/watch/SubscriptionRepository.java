package io.plimsoll.server.watch;

import io.plimsoll.server.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The accounts' subscriptions in PostgreSQL. */
public final class SubscriptionRepository {

    private static final String COLUMNS = "id, account, type, key, value, active, last_state, created_at,"
            + " last_updated";

    private final Database db;

    public SubscriptionRepository(Database db) {
        this.db = db;
    }

    /**
     * Anchore's subscriptions of a newly added tag: one of each tag type, inactive, except {@code tag_update} when
     * the client asked to autosubscribe. Existing ones are left as they are (a re-add does not switch any off). An
     * image submitted by digest alone is keyed by its manifest digest ({@code sha256:…}) and gets every type but
     * {@code tag_update} (a digest never moves).
     */
    public void tagAdded(String account, String fullTag, boolean autosubscribe) throws SQLException {
        boolean digest = Subscription.isDigestKey(fullTag);
        for (String type : digest ? Subscription.DIGEST_TYPES : Subscription.TAG_TYPES) {
            boolean active = autosubscribe && type.equals(Subscription.TAG_UPDATE);
            Optional<Subscription> existing = find(account, type, fullTag);
            if (existing.isEmpty()) {
                Optional<Subscription> added = add(account, type, fullTag, Optional.empty(), active);
                if (type.equals(Subscription.ANALYSIS_UPDATE) && added.isPresent()) {
                    // the tag was just queued: its analysis finishing is a change even if the watcher never saw
                    // it waiting
                    setState(added.get().id(), Watcher.analysisState("not_analyzed", Optional.empty()));
                }
            } else if (active && !existing.get().active()) {
                setActive(account, existing.get().id(), true);
            }
        }
    }

    /** Adds a subscription; empty when the account already has one of this type and key. */
    Optional<Subscription> add(String account, String type, String key, Optional<String> value, boolean active)
            throws SQLException {
        String id = UUID.randomUUID().toString().replace("-", "");
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO watch_subscription (id, account, type, key, value,"
                     + " active) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account, type, key) DO NOTHING")) {
            s.setString(1, id);
            s.setString(2, account);
            s.setString(3, type);
            s.setString(4, key);
            s.setString(5, value.orElse(null));
            s.setBoolean(6, active);
            if (s.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        return get(account, id);
    }

    List<Subscription> list(String account, Optional<String> type, Optional<String> key) throws SQLException {
        StringBuilder where = new StringBuilder("WHERE account = ?");
        List<String> args = new ArrayList<>(List.of(account));
        type.ifPresent(t -> {
            where.append(" AND type = ?");
            args.add(t);
        });
        key.ifPresent(k -> {
            where.append(" AND key = ?");
            args.add(k);
        });
        return query(where + " ORDER BY key, type", args.toArray(String[]::new));
    }

    Optional<Subscription> get(String account, String id) throws SQLException {
        return query("WHERE account = ? AND id = ?", account, id).stream().findFirst();
    }

    Optional<Subscription> find(String account, String type, String key) throws SQLException {
        return query("WHERE account = ? AND type = ? AND key = ?", account, type, key).stream().findFirst();
    }

    /** A page of the active subscriptions of a type across accounts, in id order after {@code after}: the rescan's. */
    List<Subscription> active(String type, Optional<String> after, int limit) throws SQLException {
        return query("WHERE active AND type = ? AND id > ? ORDER BY id LIMIT " + limit, type, after.orElse(""));
    }

    /**
     * A page of the active vuln_update and policy_eval subscriptions, across accounts, in (account, key, id) order
     * after {@code after}: one key's subscriptions come together, so the image they look at is matched once.
     */
    List<Subscription> activeResults(Optional<Subscription> after, int limit) throws SQLException {
        return query("WHERE active AND type IN (?, ?) AND (account, key, id) > (?, ?, ?) ORDER BY account, key, id"
                + " LIMIT " + limit, Subscription.VULN_UPDATE, Subscription.POLICY_EVAL,
                after.map(Subscription::account).orElse(""), after.map(Subscription::key).orElse(""),
                after.map(Subscription::id).orElse(""));
    }

    /** Every active subscription of a type, across accounts: the watcher's work list. */
    List<Subscription> active(String type) throws SQLException {
        return query("WHERE active AND type = ? ORDER BY account, key", type);
    }

    /**
     * Turns a subscription on or off. The last state is kept: a change that happened while it was off is reported at
     * the next look, as a change since the last one.
     */
    boolean setActive(String account, String id, boolean active) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE watch_subscription SET active = ?, last_updated = now()"
                     + " WHERE account = ? AND id = ?")) {
            s.setBoolean(1, active);
            s.setString(2, account);
            s.setString(3, id);
            return s.executeUpdate() > 0;
        }
    }

    void setValue(String id, String value) throws SQLException {
        update("UPDATE watch_subscription SET value = ?, last_updated = now() WHERE id = ?", value, id);
    }

    void setState(String id, String state) throws SQLException {
        update("UPDATE watch_subscription SET last_state = ? WHERE id = ?", state, id);
    }

    boolean delete(String account, String id) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM watch_subscription WHERE account = ? AND id = ?")) {
            s.setString(1, account);
            s.setString(2, id);
            return s.executeUpdate() > 0;
        }
    }

    private void update(String sql, String a, String b) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, a);
            s.setString(2, b);
            s.executeUpdate();
        }
    }

    private List<Subscription> query(String where, String... args) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM watch_subscription " + where)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            List<Subscription> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Subscription(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Optional.ofNullable(rs.getString(5)), rs.getBoolean(6),
                            Optional.ofNullable(rs.getString(7)), rs.getTimestamp(8).toInstant(),
                            rs.getTimestamp(9).toInstant()));
                }
            }
            return out;
        }
    }
}
