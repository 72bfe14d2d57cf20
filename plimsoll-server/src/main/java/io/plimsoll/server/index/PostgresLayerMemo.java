package io.plimsoll.server.index;

import io.plimsoll.image.walk.LayerMemo;
import io.plimsoll.model.Digest;
import io.plimsoll.server.db.DatabaseException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The {@code layer_index} table as the walker's memo: one row per (layer digest, index state) with the layer's
 * recording. A row that cannot be decoded counts as absent (the layer is read again and the row replaced).
 *
 * <p>Two owners share it: the Clair indexer (under {@link IndexState}) and the analysis worker (under a state of
 * its own, per account; see {@code analysis.RegistryAnalyzer}).
 */
public final class PostgresLayerMemo implements LayerMemo {

    /**
     * The Clair indexer's states as an SQL LIKE pattern: exactly 64 characters (a hex hash), which the analysis
     * worker's longer {@code analysis/<hash>/<account>} states never are.
     */
    public static final String INDEXER_STATES = "_".repeat(64);

    /** The recording format, for owners that name their own state: a new format must give a new state. */
    public static final int RECORD_FORMAT = LayerRecordCodec.FORMAT;

    private final DataSource db;
    private final String state;
    private final AtomicInteger recalled = new AtomicInteger();
    private final AtomicInteger remembered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Map<String, Recorded> preloaded = new ConcurrentHashMap<>();
    /** Layers {@link #knownAmong} found indexed under this state; their recordings are read when recalled. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    /** Layers {@link #knownAmong} answered for, known or not: recalling one it did not find costs no query. */
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    public PostgresLayerMemo(DataSource db, String state) {
        this.db = db;
        this.state = state;
    }

    /**
     * Loads, in one query, the recordings of those of {@code digests} indexed under this state, and returns their
     * digests: these need not be fetched. Only recordings that decode count, so a layer said to be known is
     * always recalled by the walk that follows (a damaged row is fetched and rewritten instead).
     */
    public Set<String> preload(Collection<String> digests) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT digest, data FROM layer_index WHERE index_state = ? AND digest = ANY (?)")) {
            ps.setString(1, state);
            ps.setArray(2, c.createArrayOf("text", digests.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        preloaded.put(rs.getString(1), LayerRecordCodec.decode(Digest.parse(rs.getString(1)), rs.getBytes(2)));
                    } catch (IOException | IllegalArgumentException e) {
                        // not known: fetched again and replaced
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(new DatabaseException("cannot read the layer index: " + e.getMessage(), e));
        }
        return new HashSet<>(preloaded.keySet());
    }

    /**
     * Asks, in one query that reads no recording, which of {@code layers} are indexed under this state, and answers
     * {@link #knows} from that: a pull asks as it chooses the image, and a recording read here would hold the
     * fetches of the other layers back by its size (and keep it in memory until the walk got there). A row that
     * turns out not to decode is read by the walk after all, its fetch started late. A database that cannot answer
     * knows nothing: every layer is fetched, and the walk's recall says what is wrong.
     */
    public java.util.function.Predicate<Digest> knownAmong(Collection<Digest> layers) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT digest FROM layer_index WHERE index_state = ? AND digest = ANY (?)")) {
            ps.setString(1, state);
            ps.setArray(2, c.createArrayOf("text", layers.stream().map(Digest::toString).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
            layers.forEach(l -> asked.add(l.toString()));
        } catch (SQLException e) {
            // not fatal here: a wrong "no" costs a fetch, not a result
        }
        return this::knows;
    }

    @Override
    public boolean knows(Digest layer) {
        return known.contains(layer.toString()) || preloaded.containsKey(layer.toString());
    }

    @Override
    public Optional<Recorded> recall(Digest layer) {
        Recorded pre = preloaded.get(layer.toString());
        if (pre != null) {
            recalled.incrementAndGet();
            return Optional.of(pre);
        }
        if (asked.contains(layer.toString()) && !known.contains(layer.toString())) {
            return Optional.empty();
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT data FROM layer_index WHERE digest = ? AND index_state = ?")) {
            ps.setString(1, layer.toString());
            ps.setString(2, state);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Recorded r = LayerRecordCodec.decode(layer, rs.getBytes(1));
                recalled.incrementAndGet();
                return Optional.of(r);
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the layer index: " + e.getMessage(), e);
        }
    }

    @Override
    public void remember(Digest layer, Recorded recorded) {
        byte[] data = LayerRecordCodec.encode(layer, recorded);
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO layer_index (digest, index_state, data, entries) "
                     + "VALUES (?, ?, ?, ?) ON CONFLICT (digest, index_state) DO UPDATE SET data = EXCLUDED.data, "
                     + "entries = EXCLUDED.entries, created_at = now()")) {
            ps.setString(1, layer.toString());
            ps.setString(2, state);
            ps.setBytes(3, data);
            ps.setInt(4, recorded.changes().entries().size());
            ps.executeUpdate();
            remembered.incrementAndGet();
            known.add(layer.toString()); // a manifest listing the layer twice recalls it the second time
        } catch (SQLException e) {
            // not fatal: the index report is still right, the layer is just fetched again next time
            failed.incrementAndGet();
        }
    }

    /**
     * How long a recording made under a state that is no longer the current one is kept: while a rolling upgrade
     * (or a rollback) has replicas of the older build still reading it.
     */
    public static final Duration STALE_GRACE = Duration.ofDays(7);

    /**
     * Drops the recordings of one owner's states ({@code family}, an SQL LIKE pattern) other than the current ones
     * ({@code current}, also a pattern) made more than {@code grace} ago: a new build or analyzer set gives a new
     * state and every layer is recorded again under it, so without this the table grows by its whole size at each
     * upgrade. The number of rows dropped.
     */
    public static int dropStale(DataSource db, String family, String current, Duration grace) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM layer_index WHERE index_state LIKE ?"
                     + " AND index_state NOT LIKE ? AND created_at < now() - make_interval(secs => ?)")) {
            ps.setString(1, family);
            ps.setString(2, current);
            ps.setLong(3, grace.toSeconds());
            return ps.executeUpdate();
        }
    }

    /** {@link #dropStale} on a daemon thread at start-up, logged; a failure only leaves the rows for next time. */
    public static void dropStaleInBackground(DataSource db, String family, String current,
                                             io.plimsoll.server.http.JsonLog log, String owner) {
        Thread t = new Thread(() -> {
            try {
                int dropped = dropStale(db, family, current, STALE_GRACE);
                if (dropped > 0) {
                    log.info("layer index: dropped recordings of earlier states", "owner", owner, "rows", dropped);
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("layer index: cannot drop recordings of earlier states", "owner", owner, "error",
                        String.valueOf(e.getMessage()));
            }
        }, "layer-index-prune-" + owner);
        t.setDaemon(true);
        t.start();
    }

    int rememberedCount() {
        return remembered.get();
    }

    int recalledCount() {
        return recalled.get();
    }
}
