package io.plimsoll.server.vulndb;

import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.feed.FeedSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One source's update as one PostgreSQL transaction, honouring the {@link FeedSink} contract:
 * <ul>
 * <li>without {@link #keepPrevious()}, the first write deletes the source's previous rows (inside the transaction,
 *     so readers keep seeing them until the commit);</li>
 * <li>with it, the previous rows stay and writes replace them by key: an advisory written again drops its old
 *     affected rows first, {@link #remove} withdraws one;</li>
 * <li>{@link #rollback} (a failed update) leaves every previous row as it was and records only the error.</li>
 * </ul>
 * At the start the source's affected rows and advisories are snapshotted into temporary tables; at the commit the
 * content fingerprint is compared with the previous one and, when it differs, an {@code update_operation} is
 * written with the affected rows added and removed (compared by content, as JSONB) as its {@code update_diff}.
 */
final class PgFeedSink implements FeedSink {

    private static final int BATCH = 1_000;

    /** What a committed update did. */
    record Outcome(long records, Optional<UUID> operation, int added, int removed) {
    }

    private final Connection db;
    private final String source;
    private final Clock clock;
    private final Map<String, String> state = new ConcurrentHashMap<>();
    private Previous previous;
    private boolean kept;
    private boolean cleared;
    private PreparedStatement insertAdvisory;
    private PreparedStatement insertAffected;
    private PreparedStatement insertKev;
    private PreparedStatement insertEpss;
    private PreparedStatement insertCvss;
    private int pending;

    /** The source's status row before this update; {@code fetched} is false when it never succeeded. */
    private record Previous(boolean fetched, String checksum, Map<String, String> validators,
                            Map<String, String> state) {
    }

    PgFeedSink(Connection db, String source, Clock clock) {
        this.db = db;
        this.source = source;
        this.clock = clock;
    }

    /** Opens the transaction, reads the source's previous status and snapshots its rows for the diff. */
    void begin() throws SQLException {
        db.setAutoCommit(false);
        previous = new Previous(false, "", Map.of(), Map.of());
        try (PreparedStatement p = db.prepareStatement(
                "SELECT fetched_at IS NOT NULL, checksum, validators::text, state::text FROM vuln_source WHERE name = ?")) {
            p.setString(1, source);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    previous = new Previous(rs.getBoolean(1), rs.getString(2),
                            PostgresVulnStore.stringMap(rs.getString(3)), PostgresVulnStore.stringMap(rs.getString(4)));
                }
            }
        }
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pg_temp.prev_affected, pg_temp.prev_advisory");
        }
        try (PreparedStatement p = db.prepareStatement("CREATE TEMP TABLE prev_affected ON COMMIT DROP AS"
                + " SELECT advisory_id, namespace, name, data FROM affected WHERE source = ?")) {
            p.setString(1, source);
            p.execute();
        }
        try (PreparedStatement p = db.prepareStatement("CREATE TEMP TABLE prev_advisory ON COMMIT DROP AS"
                + " SELECT id, data FROM advisory WHERE source = ?")) {
            p.setString(1, source);
            p.execute();
        }
        insertAdvisory = db.prepareStatement("INSERT INTO advisory (source, id, data) VALUES (?, ?, ?::jsonb)"
                + " ON CONFLICT (source, id) DO UPDATE SET data = EXCLUDED.data");
        insertAffected = db.prepareStatement("INSERT INTO affected (source, advisory_id, namespace, name, data)"
                + " VALUES (?, ?, ?, ?, ?::jsonb)");
        insertKev = db.prepareStatement("INSERT INTO kev (source, cve, data) VALUES (?, ?, ?::jsonb)"
                + " ON CONFLICT (cve) DO UPDATE SET data = EXCLUDED.data, source = EXCLUDED.source");
        insertEpss = db.prepareStatement("INSERT INTO epss (source, cve, score, percentile, day) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (cve) DO UPDATE SET score = EXCLUDED.score, percentile = EXCLUDED.percentile,"
                + " day = EXCLUDED.day, source = EXCLUDED.source");
        insertCvss = db.prepareStatement("INSERT INTO cvss (source, cve, data) VALUES (?, ?, ?::jsonb)"
                + " ON CONFLICT (cve, (data ->> 'version'), (data ->> 'source'), (data ->> 'vector'))"
                + " DO UPDATE SET data = EXCLUDED.data, source = EXCLUDED.source");
    }

    /** The HTTP validators of the last successful update, for conditional GETs. */
    Map<String, String> previousValidators() {
        return previous.validators();
    }

    // ---- FeedSink

    @Override
    public synchronized void advisory(Advisory a) {
        write("advisory " + a.id(), () -> {
            if (kept) {
                // a re-published advisory replaces all of its previous affected rows
                flush();
                try (PreparedStatement d = db.prepareStatement(
                        "DELETE FROM affected WHERE source = ? AND advisory_id = ?")) {
                    d.setString(1, source);
                    d.setString(2, a.id());
                    d.executeUpdate();
                }
            }
            insertAdvisory.setString(1, source);
            insertAdvisory.setString(2, a.id());
            insertAdvisory.setString(3, VulnJson.text(VulnJson.advisory(a)));
            insertAdvisory.addBatch();
        });
    }

    @Override
    public synchronized void affected(AffectedPackage a) {
        write("affected " + a.name(), () -> {
            insertAffected.setString(1, source);
            insertAffected.setString(2, a.advisoryId());
            insertAffected.setString(3, a.namespace());
            insertAffected.setString(4, a.name());
            insertAffected.setString(5, VulnJson.text(VulnJson.affected(a)));
            insertAffected.addBatch();
        });
    }

    @Override
    public synchronized void kev(KevEntry k) {
        write("kev " + k.cve(), () -> {
            insertKev.setString(1, source);
            insertKev.setString(2, k.cve());
            insertKev.setString(3, VulnJson.text(VulnJson.kev(k)));
            insertKev.addBatch();
        });
    }

    @Override
    public synchronized void epss(EpssScore e) {
        write("epss " + e.cve(), () -> {
            insertEpss.setString(1, source);
            insertEpss.setString(2, e.cve());
            insertEpss.setDouble(3, e.score());
            insertEpss.setDouble(4, e.percentile());
            if (e.date().isPresent()) {
                insertEpss.setObject(5, e.date().get());
            } else {
                insertEpss.setNull(5, Types.DATE);
            }
            insertEpss.addBatch();
        });
    }

    @Override
    public synchronized void cvss(String cve, Cvss c) {
        write("cvss " + cve, () -> {
            insertCvss.setString(1, source);
            insertCvss.setString(2, cve);
            insertCvss.setString(3, VulnJson.text(VulnJson.cvss(c)));
            insertCvss.addBatch();
        });
    }

    @Override
    public void state(String key, String value) {
        state.put(key, value);
    }

    @Override
    public Optional<String> previousState(String key) {
        return previous.fetched() ? Optional.ofNullable(previous.state().get(key)) : Optional.empty();
    }

    /**
     * Keeps the previous rows (nothing to copy: they are already in place). Only possible before anything was
     * written, since the first write of a full update has already deleted them.
     */
    @Override
    public synchronized boolean keepPrevious() {
        if (!previous.fetched() || cleared) {
            return false;
        }
        kept = true;
        return true;
    }

    @Override
    public synchronized void remove(String advisoryId) {
        write("removal of " + advisoryId, () -> {
            flush();
            for (String sql : List.of("DELETE FROM affected WHERE source = ? AND advisory_id = ?",
                    "DELETE FROM advisory WHERE source = ? AND id = ?")) {
                try (PreparedStatement d = db.prepareStatement(sql)) {
                    d.setString(1, source);
                    d.setString(2, advisoryId);
                    d.executeUpdate();
                }
            }
        });
    }

    // ---- end of the update

    /** Finishes a successful update: diff, update operation, status row, commit. */
    synchronized Outcome commit(String url, Map<String, String> validators) throws SQLException {
        flush();
        clearIfFull();
        String fingerprint = fingerprint();
        Optional<UUID> ref = Optional.empty();
        int added = 0;
        int removed = 0;
        if (!fingerprint.equals(previous.checksum())) {
            UUID r = UUID.randomUUID();
            try (PreparedStatement p = db.prepareStatement("INSERT INTO update_operation"
                    + " (ref, source, fingerprint, kind, created_at) VALUES (?, ?, ?, ?, ?)")) {
                p.setObject(1, r);
                p.setString(2, source);
                p.setString(3, fingerprint);
                p.setString(4, kind());
                p.setTimestamp(5, Timestamp.from(clock.instant()));
                p.executeUpdate();
            }
            added = diff(r, "added", "affected WHERE source = ?", "prev_affected", "advisory a ON a.source = ? AND");
            removed = diff(r, "removed", "prev_affected", "affected WHERE source = ?", "prev_advisory a ON ? <> '' AND");
            try (PreparedStatement p = db.prepareStatement(
                    "UPDATE update_operation SET added = ?, removed = ? WHERE ref = ?")) {
                p.setInt(1, added);
                p.setInt(2, removed);
                p.setObject(3, r);
                p.executeUpdate();
            }
            ref = Optional.of(r);
        }
        long records = records();
        Map<String, String> newState = new HashMap<>(kept ? previous.state() : Map.of());
        newState.putAll(state);
        try (PreparedStatement p = db.prepareStatement("INSERT INTO vuln_source"
                + " (name, url, fetched_at, attempted_at, records, checksum, validators, state, last_error)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, NULL) ON CONFLICT (name) DO UPDATE SET"
                + " url = EXCLUDED.url, fetched_at = EXCLUDED.fetched_at, attempted_at = EXCLUDED.attempted_at,"
                + " records = EXCLUDED.records, checksum = EXCLUDED.checksum, validators = EXCLUDED.validators,"
                + " state = EXCLUDED.state, last_error = NULL")) {
            Timestamp now = Timestamp.from(clock.instant());
            p.setString(1, source);
            p.setString(2, url);
            p.setTimestamp(3, now);
            p.setTimestamp(4, now);
            p.setLong(5, records);
            p.setString(6, fingerprint);
            p.setString(7, VulnJson.MAPPER.writeValueAsString(validators));
            p.setString(8, VulnJson.MAPPER.writeValueAsString(newState));
            p.executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        db.commit();
        db.setAutoCommit(true);
        return new Outcome(records, ref, added, removed);
    }

    /**
     * Abandons the update: every row written is rolled back, the previous rows stay, and the status row records the
     * attempt and its error. Returns how many rows the source still has.
     */
    synchronized long rollback(String url, String error) {
        try {
            db.rollback();
            db.setAutoCommit(true);
            try (PreparedStatement p = db.prepareStatement("INSERT INTO vuln_source (name, url, attempted_at, last_error)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET attempted_at = EXCLUDED.attempted_at,"
                    + " last_error = EXCLUDED.last_error")) {
                p.setString(1, source);
                p.setString(2, url);
                p.setTimestamp(3, Timestamp.from(clock.instant()));
                p.setString(4, error);
                p.executeUpdate();
            }
            return records();
        } catch (SQLException e) {
            // the connection itself is broken: the transaction is gone anyway, the previous rows are intact
            return 0;
        }
    }

    // ---- helpers

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    /** Deletes the previous rows before the first write of a full update, runs the write, flushes full batches. */
    private void write(String what, SqlWork work) {
        try {
            clearIfFull();
            work.run();
            if (++pending >= BATCH) {
                flush();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + what + ": " + rootMessage(e), e);
        }
    }

    private void clearIfFull() throws SQLException {
        if (kept || cleared) {
            return;
        }
        cleared = true;
        for (String table : FeedLoader.TABLES) {
            try (PreparedStatement d = db.prepareStatement("DELETE FROM " + table + " WHERE source = ?")) {
                d.setString(1, source);
                d.executeUpdate();
            }
        }
    }

    private void flush() throws SQLException {
        // advisories first: a kept source's affected rows must land after their advisory's old rows were dropped
        for (PreparedStatement p : List.of(insertAdvisory, insertAffected, insertKev, insertEpss, insertCvss)) {
            p.executeBatch();
        }
        pending = 0;
    }

    /**
     * A digest of the source's whole content, independent of row order, so "did this update change anything" is
     * a comparison with the previous one (also for enrichment sources, which have no affected rows to diff).
     */
    private String fingerprint() throws SQLException {
        String sql = "SELECT coalesce(encode(sha256(convert_to(string_agg(h, '' ORDER BY h), 'UTF8')), 'hex'), '')"
                + " FROM (SELECT md5('a' || data::text) h FROM affected WHERE source = ?"
                + " UNION ALL SELECT md5('v' || data::text) FROM advisory WHERE source = ?"
                + " UNION ALL SELECT md5('k' || data::text) FROM kev WHERE source = ?"
                + " UNION ALL SELECT md5('e' || cve || '|' || score || '|' || percentile || '|' || coalesce(day::text, ''))"
                + " FROM epss WHERE source = ?"
                + " UNION ALL SELECT md5('c' || cve || data::text) FROM cvss WHERE source = ?) t";
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 1; i <= 5; i++) {
                p.setString(i, source);
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                String f = rs.getString(1);
                return f.isEmpty() ? "" : "sha256:" + f;
            }
        }
    }

    /** {@code vulnerability} for sources with advisories, {@code enrichment} for KEV, EPSS and NVD. */
    private String kind() throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT EXISTS (SELECT 1 FROM advisory WHERE source = ?)"
                + " OR EXISTS (SELECT 1 FROM affected WHERE source = ?) OR EXISTS (SELECT 1 FROM prev_advisory)"
                + " OR EXISTS (SELECT 1 FROM prev_affected)")) {
            p.setString(1, source);
            p.setString(2, source);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? "vulnerability" : "enrichment";
            }
        }
    }

    /**
     * Writes the rows of {@code from} whose content is not in {@code minus} as {@code change} diff rows, each with
     * its advisory (from {@code advisoryJoin}: the current advisories for added rows, the snapshot for removed).
     */
    private int diff(UUID ref, String change, String from, String minus, String advisoryJoin) throws SQLException {
        String sql = "INSERT INTO update_diff (ref, change, advisory_id, namespace, name, data)"
                + " SELECT ?, ?, n.advisory_id, n.namespace, n.name, jsonb_build_object('advisory',"
                + " coalesce(a.data, jsonb_build_object('id', n.advisory_id, 'source', ?::text)), 'affected', n.data)"
                + " FROM (SELECT advisory_id, namespace, name, data FROM " + from
                + " EXCEPT SELECT advisory_id, namespace, name, data FROM " + minus + ") n"
                + " LEFT JOIN " + advisoryJoin + " a.id = n.advisory_id";
        try (PreparedStatement p = db.prepareStatement(sql)) {
            int i = 1;
            p.setObject(i++, ref);
            p.setString(i++, change);
            p.setString(i++, source);
            if (from.contains("?")) {
                p.setString(i++, source);
            }
            if (minus.contains("?")) {
                p.setString(i++, source);
            }
            p.setString(i, source);
            return p.executeUpdate();
        }
    }

    private long records() throws SQLException {
        long n = 0;
        for (String table : FeedLoader.TABLES) {
            try (PreparedStatement c = db.prepareStatement("SELECT count(*) FROM " + table + " WHERE source = ?")) {
                c.setString(1, source);
                try (ResultSet rs = c.executeQuery()) {
                    n += rs.next() ? rs.getLong(1) : 0;
                }
            }
        }
        return n;
    }

    private static String rootMessage(SQLException e) {
        SQLException next = e.getNextException();
        return next != null && next.getMessage() != null ? next.getMessage() : e.getMessage();
    }
}
