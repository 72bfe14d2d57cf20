package io.plimsoll.server.vulndb;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The recorded update operations and their diffs: what the matcher's internal endpoints and the notifier read.
 * Each operation's stored diff is relative to the operation of the same source just before it; a diff between two
 * operations further apart is the composition of the diffs in between, and deleting an operation folds its diff
 * into its successor's, so every remaining pair still diffs correctly.
 */
public final class UpdateOperations {

    /** One update operation (Clair's {@code update_operation.schema.json}). */
    public record Operation(UUID ref, String updater, String fingerprint, Instant date, String kind, int added,
                            int removed) {
    }

    /** One affected-package row that an update added or removed; {@code data} as {@link VulnJson#diffRow}. */
    public record Change(String change, String advisoryId, String namespace, String name, JsonNode data) {
    }

    /** The net difference between two operations of one source. */
    public record Diff(Optional<Operation> prev, Operation cur, List<Change> added, List<Change> removed) {
    }

    private static final String COLUMNS = "ref, source, fingerprint, kind, created_at, added, removed";

    private final DataSource dataSource;

    public UpdateOperations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every operation of {@code kind} (or only each source's latest), newest first per source. */
    public Map<String, List<Operation>> list(String kind, boolean latest) throws SQLException {
        String sql = latest
                ? "SELECT DISTINCT ON (source) " + COLUMNS + " FROM update_operation WHERE kind = ?"
                + " ORDER BY source, created_at DESC"
                : "SELECT " + COLUMNS + " FROM update_operation WHERE kind = ? ORDER BY source, created_at DESC";
        Map<String, List<Operation>> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, kind);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Operation o = operation(rs);
                    out.computeIfAbsent(o.updater(), k -> new ArrayList<>()).add(o);
                }
            }
        }
        return out;
    }

    public Optional<Operation> get(UUID ref) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return get(c, ref);
        }
    }

    /** The latest operation of {@code source}, if it has any. */
    public Optional<Operation> latest(String source) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM update_operation WHERE source = ? ORDER BY created_at DESC LIMIT 1")) {
            p.setString(1, source);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(operation(rs)) : Optional.empty();
            }
        }
    }

    /**
     * The changes from {@code prev} to {@code cur} (same source, prev not newer), or, without {@code prev}, what
     * {@code cur} itself changed.
     *
     * @throws IllegalArgumentException when the two belong to different sources or are in the wrong order
     */
    public Diff diff(Optional<Operation> prev, Operation cur) throws SQLException {
        if (prev.isPresent()) {
            Operation p = prev.get();
            if (!p.updater().equals(cur.updater())) {
                throw new IllegalArgumentException("prev " + p.ref() + " is from updater " + p.updater() + " but cur "
                        + cur.ref() + " is from " + cur.updater());
            }
            if (p.date().isAfter(cur.date())) {
                throw new IllegalArgumentException("prev " + p.ref() + " is newer than cur " + cur.ref());
            }
        }
        try (Connection c = dataSource.getConnection()) {
            List<UUID> refs = new ArrayList<>();
            if (prev.isEmpty()) {
                refs.add(cur.ref());
            } else if (!prev.get().ref().equals(cur.ref())) {
                try (PreparedStatement p = c.prepareStatement("SELECT ref FROM update_operation WHERE source = ?"
                        + " AND created_at > ? AND created_at <= ? ORDER BY created_at")) {
                    p.setString(1, cur.updater());
                    p.setTimestamp(2, java.sql.Timestamp.from(prev.get().date()));
                    p.setTimestamp(3, java.sql.Timestamp.from(cur.date()));
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            refs.add(rs.getObject(1, UUID.class));
                        }
                    }
                }
            }
            Map<String, Change> net = compose(c, refs);
            List<Change> added = new ArrayList<>();
            List<Change> removed = new ArrayList<>();
            for (Change ch : net.values()) {
                (ch.change().equals("added") ? added : removed).add(ch);
            }
            return new Diff(prev, cur, added, removed);
        }
    }

    /**
     * Deletes an operation and its diff; its changes are folded into the next operation of the same source so that
     * diffs across the gap stay right. Returns false when there is no such operation.
     */
    public boolean delete(UUID ref) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Operation> op = get(c, ref);
                if (op.isEmpty()) {
                    c.rollback();
                    return false;
                }
                Optional<UUID> next = Optional.empty();
                try (PreparedStatement p = c.prepareStatement("SELECT ref FROM update_operation WHERE source = ?"
                        + " AND created_at > ? ORDER BY created_at LIMIT 1 FOR UPDATE")) {
                    p.setString(1, op.get().updater());
                    p.setTimestamp(2, java.sql.Timestamp.from(op.get().date()));
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            next = Optional.of(rs.getObject(1, UUID.class));
                        }
                    }
                }
                if (next.isPresent()) {
                    Map<String, Change> folded = compose(c, List.of(ref, next.get()));
                    exec(c, "DELETE FROM update_diff WHERE ref = ?", next.get());
                    int added = 0;
                    int removed = 0;
                    try (PreparedStatement ins = c.prepareStatement("INSERT INTO update_diff"
                            + " (ref, change, advisory_id, namespace, name, data) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
                        for (Change ch : folded.values()) {
                            ins.setObject(1, next.get());
                            ins.setString(2, ch.change());
                            ins.setString(3, ch.advisoryId());
                            ins.setString(4, ch.namespace());
                            ins.setString(5, ch.name());
                            ins.setString(6, VulnJson.text(ch.data()));
                            ins.addBatch();
                            if (ch.change().equals("added")) {
                                added++;
                            } else {
                                removed++;
                            }
                        }
                        ins.executeBatch();
                    }
                    try (PreparedStatement u = c.prepareStatement(
                            "UPDATE update_operation SET added = ?, removed = ? WHERE ref = ?")) {
                        u.setInt(1, added);
                        u.setInt(2, removed);
                        u.setObject(3, next.get());
                        u.executeUpdate();
                    }
                }
                exec(c, "DELETE FROM update_operation WHERE ref = ?", ref);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * Applies the diffs of {@code refs} in order: a row added then removed (or removed then added) cancels out.
     * Rows are keyed by their JSONB text, which PostgreSQL prints canonically, so equal content gives equal keys.
     */
    private static Map<String, Change> compose(Connection c, List<UUID> refs) throws SQLException {
        Map<String, Change> net = new LinkedHashMap<>();
        if (refs.isEmpty()) {
            return net;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT d.change, d.advisory_id, d.namespace, d.name,"
                + " d.data::text FROM update_diff d JOIN unnest(?::uuid[]) WITH ORDINALITY r(ref, pos) ON r.ref = d.ref"
                + " ORDER BY r.pos, d.advisory_id, d.namespace, d.name")) {
            Array a = c.createArrayOf("uuid", refs.toArray());
            p.setArray(1, a);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String text = rs.getString(5);
                    String change = rs.getString(1);
                    Change before = net.get(text);
                    if (before != null && !before.change().equals(change)) {
                        net.remove(text);
                    } else if (before == null) {
                        net.put(text, new Change(change, rs.getString(2), rs.getString(3), rs.getString(4),
                                VulnJson.parse(text, "update_diff row")));
                    }
                }
            }
        }
        return net;
    }

    private static Optional<Operation> get(Connection c, UUID ref) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM update_operation WHERE ref = ?")) {
            p.setObject(1, ref);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(operation(rs)) : Optional.empty();
            }
        }
    }

    private static void exec(Connection c, String sql, UUID ref) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, ref);
            p.executeUpdate();
        }
    }

    private static Operation operation(ResultSet rs) throws SQLException {
        return new Operation(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                rs.getTimestamp(5).toInstant(), rs.getString(4), rs.getInt(6), rs.getInt(7));
    }
}
