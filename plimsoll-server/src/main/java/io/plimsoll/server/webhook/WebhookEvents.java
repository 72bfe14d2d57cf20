package io.plimsoll.server.webhook;

import io.plimsoll.server.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The push events already acted on, in PostgreSQL so every replica agrees: the first to record a key queues its
 * image, a replay finds it taken. Keys expire after {@link #KEEP} (a registry retries a failed delivery for minutes
 * to hours, not days) and at most {@link #MAX_KEPT} are kept, so a flood of distinct events cannot grow the table
 * without bound.
 */
final class WebhookEvents {

    static final Duration KEEP = Duration.ofDays(7);
    static final int MAX_KEPT = 100_000;
    /** Expired and surplus rows are deleted every this many new events: the deletes read an index, but not free. */
    private static final int PRUNE_EVERY = 100;

    private final Database db;
    private final AtomicLong recorded = new AtomicLong();

    WebhookEvents(Database db) {
        this.db = db;
    }

    /** Records {@code key}; false when it was recorded before (a replay). */
    boolean first(String key) throws SQLException {
        boolean first;
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO webhook_event (id) VALUES (?)"
                     + " ON CONFLICT (id) DO NOTHING")) {
            s.setString(1, key);
            first = s.executeUpdate() == 1;
        }
        if (first && recorded.incrementAndGet() % PRUNE_EVERY == 1) {
            prune();
        }
        return first;
    }

    /** Forgets {@code key} again: its image could not be queued, so the sender's retry must not count as a replay. */
    void forget(String key) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM webhook_event WHERE id = ?")) {
            s.setString(1, key);
            s.executeUpdate();
        }
    }

    void prune() throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement expired = c.prepareStatement("DELETE FROM webhook_event WHERE seen_at < now() - ?"
                     + " * interval '1 second'");
             PreparedStatement surplus = c.prepareStatement("DELETE FROM webhook_event WHERE seen_at <= (SELECT"
                     + " seen_at FROM webhook_event ORDER BY seen_at DESC OFFSET ? LIMIT 1)")) {
            expired.setLong(1, KEEP.toSeconds());
            expired.executeUpdate();
            surplus.setInt(1, MAX_KEPT);
            surplus.executeUpdate();
        }
    }
}
