package io.plimsoll.server.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.server.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Events and their webhook deliveries. An event of an active subscription and its delivery row are written in one
 * transaction, so an event is never without its announcement (at least once, across restarts).
 */
final class EventRepository {

    /** The filters of {@code GET /v1/events} and {@code DELETE /v1/events}. */
    record Filter(Optional<String> type, Optional<String> resourceType, Optional<String> resourceId,
                  Optional<String> level, Optional<Instant> since, Optional<Instant> before) {
    }

    private static final String COLUMNS = "id, account, type, level, resource_type, resource_id, message, details,"
            + " host_id, created_at";

    private final Database db;
    private final String hostId;

    EventRepository(Database db, String hostId) {
        this.db = db;
        this.hostId = hostId;
    }

    /**
     * Records the event of a subscription hit, and when {@code webhook} is given its delivery with Anchore's
     * notification body for the subscription's type.
     *
     * @param state   what the subscription's last state becomes, in the same transaction: a crash never leaves a
     *                  change recorded without its event, or an event whose change is seen again
     * @param payload the type's own part of the notification ({@code last_eval}, {@code curr_eval}, ...)
     */
    Event raise(Subscription sub, Optional<String> state, String message, ObjectNode details, ObjectNode payload,
                Optional<WebhookTarget> webhook) throws SQLException {
        String id = UUID.randomUUID().toString().replace("-", "");
        String resourceType = sub.type().equals(Subscription.REPO_UPDATE) ? "repository"
                : Subscription.isDigestKey(sub.key()) ? "imageDigest" : "tag";
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO watch_event (id, account, type, level,"
                        + " resource_type, resource_id, message, details, host_id) VALUES (?, ?, ?, 'INFO', ?, ?, ?,"
                        + " ?, ?)")) {
                    s.setString(1, id);
                    s.setString(2, sub.account());
                    s.setString(3, Event.typeOf(sub.type()));
                    s.setString(4, resourceType);
                    s.setString(5, sub.key());
                    s.setString(6, message);
                    s.setString(7, details.toString());
                    s.setString(8, hostId);
                    s.executeUpdate();
                }
                if (state.isPresent()) {
                    try (PreparedStatement s = c.prepareStatement("UPDATE watch_subscription SET last_state = ?"
                            + " WHERE id = ?")) {
                        s.setString(1, state.get());
                        s.setString(2, sub.id());
                        s.executeUpdate();
                    }
                }
                if (webhook.isPresent()) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO watch_delivery (event_id, url, body)"
                            + " VALUES (?, ?, ?)")) {
                        s.setString(1, id);
                        s.setString(2, webhook.get().url(sub.type(), sub.account()));
                        s.setString(3, AnchoreNotifications.body(sub, id, payload).toString());
                        s.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return get(sub.account(), id).orElseThrow();
    }

    Optional<Event> get(String account, String id) throws SQLException {
        List<Object> args = new ArrayList<>(List.of(account, id));
        return query("WHERE account = ? AND id = ?", args, 0, 1).stream().findFirst();
    }

    /** A page (from 1) of the account's events, newest first; one more than {@code limit} says another page exists. */
    List<Event> list(String account, Filter f, int page, int limit) throws SQLException {
        List<Object> args = new ArrayList<>();
        return query(where(account, f, args) + " ORDER BY created_at DESC, id", args, (page - 1) * limit,
                limit + 1);
    }

    /** Deletes the account's events matching {@code f}; returns their ids. */
    List<String> delete(String account, Filter f) throws SQLException {
        List<Object> args = new ArrayList<>();
        String sql = "DELETE FROM watch_event " + where(account, f, args) + " RETURNING id";
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    boolean delete(String account, String id) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM watch_event WHERE account = ? AND id = ?")) {
            s.setString(1, account);
            s.setString(2, id);
            return s.executeUpdate() > 0;
        }
    }

    private static String where(String account, Filter f, List<Object> args) {
        StringBuilder w = new StringBuilder("WHERE account = ?");
        args.add(account);
        f.type().ifPresent(t -> {
            // Anchore filters by type prefix: user.checks matches user.checks.tag_update
            w.append(" AND (type = ? OR left(type, ?) = ?)");
            args.add(t);
            args.add(t.length() + 1);
            args.add(t + ".");
        });
        f.resourceType().ifPresent(t -> {
            w.append(" AND resource_type = ?");
            args.add(t);
        });
        f.resourceId().ifPresent(t -> {
            w.append(" AND resource_id = ?");
            args.add(t);
        });
        f.level().ifPresent(t -> {
            w.append(" AND upper(level) = upper(?)");
            args.add(t);
        });
        f.since().ifPresent(t -> {
            w.append(" AND created_at >= ?");
            args.add(Timestamp.from(t));
        });
        f.before().ifPresent(t -> {
            w.append(" AND created_at < ?");
            args.add(Timestamp.from(t));
        });
        return w.toString();
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }

    private List<Event> query(String where, List<Object> args, int offset, int limit) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM watch_event " + where
                     + " OFFSET " + offset + " LIMIT " + limit)) {
            bind(s, args);
            List<Event> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getTimestamp(10).toInstant()));
                }
            }
            return out;
        }
    }
}
