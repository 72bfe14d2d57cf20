package io.plimsoll.vuln.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.feed.FeedSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a new database file next to the current one and swaps it in with an atomic rename, so a killed update
 * leaves the old file untouched (at worst a stray temporary file, removed by the next update). Sources that are not
 * updated, or whose update fails, keep their rows: they are copied over from the previous file. The new file and its
 * directory are flushed to disk around the rename, so a power cut cannot leave a renamed but empty file. One builder
 * at a time per file: a second one, in this process or another, is refused while {@code FILE.lock} is held.
 */
public final class StoreBuilder implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 5_000;

    private final Path target;
    private final UpdateLock lock;
    private final Path temp;
    private final Connection db;
    private final boolean hasPrevious;
    private final Map<String, SourceStatus> previousSources;
    private final Map<String, SourceSink> sinks = new ConcurrentHashMap<>();
    private final Map<String, SourceStatus> results = new LinkedHashMap<>();
    private final PreparedStatement insertAdvisory;
    private final PreparedStatement insertAffected;
    private final PreparedStatement insertKev;
    private final PreparedStatement insertEpss;
    private final PreparedStatement insertCvss;
    private final PreparedStatement deleteAffectedOfAdvisory;
    private int pending;
    private boolean done;

    private StoreBuilder(Path target) throws StoreException {
        this.target = target.toAbsolutePath();
        try {
            Files.createDirectories(this.target.getParent());
        } catch (IOException e) {
            throw new StoreException(target, "cannot create the database directory: " + e.getMessage(), e);
        }
        this.lock = UpdateLock.acquire(this.target);
        try {
            cleanStaleTemps(this.target);
            this.temp = Files.createTempFile(this.target.getParent(), this.target.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            lock.close();
            throw new StoreException(target, "cannot create the new database file: " + e.getMessage(), e);
        }
        Map<String, SourceStatus> previous = Map.of();
        boolean previousUsable = false;
        if (Files.exists(this.target)) {
            try (SqliteVulnStore old = SqliteVulnStore.open(this.target)) {
                previous = new HashMap<>();
                for (SourceStatus s : old.sources()) {
                    previous.put(s.name(), s);
                }
                previousUsable = true;
            } catch (StoreException e) {
                // an unusable previous file is replaced from scratch; its data cannot be carried over
                previousUsable = false;
            }
        }
        this.previousSources = previous;
        this.hasPrevious = previousUsable;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + temp);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=OFF");
                s.execute("PRAGMA synchronous=OFF");
                s.execute("PRAGMA page_size=8192");
                for (String ddl : Schema.DDL) {
                    s.execute(ddl);
                }
                if (hasPrevious) {
                    s.execute("ATTACH DATABASE '" + this.target.toString().replace("'", "''") + "' AS old");
                }
            }
            db.setAutoCommit(false);
            insertAdvisory = db.prepareStatement("INSERT OR REPLACE INTO advisory VALUES (?,?,?,?,?,?,?,?,?,?,?)");
            insertAffected = db.prepareStatement("INSERT INTO affected VALUES (?,?,?,?,?,?,?,?,?,?)");
            insertKev = db.prepareStatement("INSERT OR REPLACE INTO kev VALUES (?,?,?,?,?,?,?,?,?)");
            insertEpss = db.prepareStatement("INSERT OR REPLACE INTO epss VALUES (?,?,?,?,?)");
            insertCvss = db.prepareStatement("INSERT OR REPLACE INTO cvss VALUES (?,?,?,?,?,?)");
            deleteAffectedOfAdvisory = db.prepareStatement("DELETE FROM affected WHERE source=? AND advisory_id=?");
        } catch (SQLException e) {
            deleteQuietly(temp);
            lock.close();
            throw new StoreException(temp, "cannot create the new database: " + e.getMessage(), e);
        }
    }

    /** Starts a new database that will replace {@code target} on {@link #commit()}. */
    public static StoreBuilder create(Path target) throws StoreException {
        return new StoreBuilder(target);
    }

    /** What the previous database says about {@code source}, if it had it. */
    public Optional<SourceStatus> previous(String source) {
        return Optional.ofNullable(previousSources.get(source));
    }

    /** The sink one updater writes to; its rows stay pending until {@link #succeeded} or {@link #failed}. */
    public FeedSink sink(String source) {
        return sinks.computeIfAbsent(source, SourceSink::new);
    }

    /** Records a successful update of {@code source}. */
    public synchronized void succeeded(String source, String url, Map<String, String> validators, String checksum)
            throws StoreException {
        SourceSink sink = (SourceSink) sink(source);
        flush();
        Map<String, String> state = new HashMap<>(sink.kept ? previous(source).map(SourceStatus::state).orElse(Map.of())
                : Map.of());
        state.putAll(sink.state);
        long records = sink.kept ? count(source) : sink.records;
        results.put(source, new SourceStatus(source, url, Optional.of(Instant.now()), Instant.now(), Optional.empty(),
                records, checksum, validators, state));
    }

    /**
     * Records a failed update: whatever {@code source} wrote is dropped and its previous rows carried over, so the
     * database keeps the last good data and says how old it is and why the update failed.
     */
    public synchronized void failed(String source, String url, String error) throws StoreException {
        try {
            flush();
            for (String table : Schema.TABLES) {
                try (PreparedStatement d = db.prepareStatement("DELETE FROM " + table + " WHERE source=?")) {
                    d.setString(1, source);
                    d.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new StoreException(temp, "cannot discard " + source + "'s partial data: " + e.getMessage(), e);
        }
        Optional<SourceStatus> before = previous(source);
        if (before.isPresent()) {
            carryOver(source);
        }
        results.put(source, new SourceStatus(source, url, before.flatMap(SourceStatus::updatedAt), Instant.now(),
                Optional.of(error), before.map(SourceStatus::records).orElse(0L),
                before.map(SourceStatus::checksum).orElse(""), before.map(SourceStatus::validators).orElse(Map.of()),
                before.map(SourceStatus::state).orElse(Map.of())));
    }

    /** Keeps a source that was not selected for this update exactly as it was. */
    public synchronized void keep(String source) throws StoreException {
        Optional<SourceStatus> before = previous(source);
        if (before.isPresent()) {
            flush();
            carryOver(source);
            results.put(source, before.get());
        }
    }

    /** Sources in the previous database that this build has not said anything about yet. */
    public synchronized Set<String> untouchedPreviousSources() {
        Set<String> s = new java.util.TreeSet<>(previousSources.keySet());
        s.removeAll(results.keySet());
        return s;
    }

    /** Writes the metadata, indexes the tables and atomically replaces the target file. */
    public synchronized void commit() throws StoreException {
        for (String source : untouchedPreviousSources()) {
            keep(source);
        }
        try {
            flush();
            try (Statement s = db.createStatement()) {
                for (String index : Schema.INDEXES) {
                    s.execute(index);
                }
            }
            try (PreparedStatement meta = db.prepareStatement("INSERT INTO meta VALUES (?,?)");
                 PreparedStatement src = db.prepareStatement("INSERT INTO source VALUES (?,?,?,?,?,?,?,?,?)")) {
                meta.setString(1, "schema_version");
                meta.setString(2, Integer.toString(Schema.VERSION));
                meta.executeUpdate();
                meta.setString(1, "built_at");
                meta.setString(2, Instant.now().toString());
                meta.executeUpdate();
                for (SourceStatus r : results.values()) {
                    src.setString(1, r.name());
                    src.setString(2, r.url());
                    src.setString(3, r.updatedAt().map(Instant::toString).orElse(null));
                    src.setString(4, r.attemptAt().toString());
                    src.setString(5, r.error().orElse(null));
                    src.setLong(6, r.records());
                    src.setString(7, r.checksum());
                    src.setString(8, json(r.validators()));
                    src.setString(9, json(r.state()));
                    src.executeUpdate();
                }
            }
            db.commit();
            db.setAutoCommit(true);
            try (Statement s = db.createStatement()) {
                if (hasPrevious) {
                    s.execute("DETACH DATABASE old");
                }
                s.execute("ANALYZE");
            }
            db.close();
            // the database is written with synchronous=OFF, so the swap's flush is its only one
            UpdateLock.swapIn(temp, target);
            done = true;
        } catch (SQLException | IOException e) {
            throw new StoreException(target, "cannot finish the new database: " + e.getMessage(), e);
        } finally {
            if (done) {
                lock.close();
            }
        }
    }

    public synchronized Map<String, SourceStatus> results() {
        return Map.copyOf(results);
    }

    @Override
    public synchronized void close() {
        if (!done) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // the temp file is removed below either way
            }
            deleteQuietly(temp);
            done = true;
        }
        lock.close();
    }

    private void carryOver(String source) throws StoreException {
        try {
            for (String table : Schema.TABLES) {
                try (PreparedStatement c = db.prepareStatement(
                        "INSERT OR REPLACE INTO main." + table + " SELECT * FROM old." + table + " WHERE source=?")) {
                    c.setString(1, source);
                    c.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new StoreException(target, "cannot copy " + source + "'s previous data: " + e.getMessage(), e);
        }
    }

    private long count(String source) throws StoreException {
        long n = 0;
        try {
            for (String table : Schema.TABLES) {
                try (PreparedStatement c = db.prepareStatement("SELECT count(*) FROM " + table + " WHERE source=?")) {
                    c.setString(1, source);
                    try (ResultSet rs = c.executeQuery()) {
                        n += rs.next() ? rs.getLong(1) : 0;
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException(temp, e.getMessage(), e);
        }
        return n;
    }

    private void flush() throws StoreException {
        try {
            for (PreparedStatement p : List.of(insertAdvisory, insertAffected, insertKev, insertEpss, insertCvss)) {
                p.executeBatch();
            }
            pending = 0;
        } catch (SQLException e) {
            throw new StoreException(temp, "cannot write: " + e.getMessage(), e);
        }
    }

    private void added() {
        if (++pending >= BATCH) {
            try {
                flush();
            } catch (StoreException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void cleanStaleTemps(Path target) throws IOException {
        String prefix = target.getFileName() + ".";
        try (var files = Files.list(target.getParent())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && n.endsWith(".tmp")
                        && Files.getLastModifiedTime(p).toInstant().isBefore(Instant.now().minusSeconds(6 * 3600))) {
                    deleteQuietly(p);
                }
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a stale temp file is removed by the next update
        }
    }

    /** Sets one row's parameters on a prepared insert. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** One source's view of the builder: every row is tagged with the source. */
    private final class SourceSink implements FeedSink {
        final String source;
        final Map<String, String> state = new ConcurrentHashMap<>();
        long records;
        boolean kept;

        SourceSink(String source) {
            this.source = source;
        }

        @Override
        public void advisory(Advisory a) {
            synchronized (StoreBuilder.this) {
                try {
                    if (kept) {
                        // a re-published advisory replaces all of its previous affected rows
                        flush();
                        deleteAffectedOfAdvisory.setString(1, source);
                        deleteAffectedOfAdvisory.setString(2, a.id());
                        deleteAffectedOfAdvisory.executeUpdate();
                    }
                    PreparedStatement p = insertAdvisory;
                    p.setString(1, source);
                    p.setString(2, a.id());
                    p.setString(3, Codec.list(a.aliases()));
                    p.setString(4, a.title());
                    p.setString(5, a.description());
                    p.setString(6, a.published().map(Instant::toString).orElse(null));
                    p.setString(7, a.modified().map(Instant::toString).orElse(null));
                    p.setString(8, Codec.list(a.references()));
                    p.setString(9, a.sourceSeverity());
                    p.setString(10, a.severity().name());
                    p.setString(11, json(a.cvss()));
                    p.addBatch();
                    records++;
                    added();
                } catch (SQLException | StoreException e) {
                    throw new IllegalStateException("cannot write advisory " + a.id() + ": " + e.getMessage(), e);
                }
            }
        }

        @Override
        public void affected(AffectedPackage a) {
            insert(insertAffected, a.name(), p -> {
                p.setString(1, source);
                p.setString(2, a.advisoryId());
                p.setString(3, a.namespace());
                p.setString(4, a.name());
                p.setString(5, a.scheme());
                p.setString(6, a.status().name());
                p.setString(7, Codec.ranges(a.ranges()));
                p.setString(8, Codec.list(a.versions()));
                p.setString(9, a.module().orElse(null));
                p.setString(10, a.severity());
            });
        }

        @Override
        public void kev(KevEntry k) {
            insert(insertKev, k.cve(), p -> {
                p.setString(1, source);
                p.setString(2, k.cve());
                p.setString(3, k.dateAdded().toString());
                p.setString(4, k.dueDate().map(Object::toString).orElse(null));
                p.setInt(5, k.knownRansomwareUse() ? 1 : 0);
                p.setString(6, nn(k.vendorProject()));
                p.setString(7, nn(k.product()));
                p.setString(8, nn(k.name()));
                p.setString(9, nn(k.requiredAction()));
            });
        }

        @Override
        public void epss(EpssScore e) {
            insert(insertEpss, e.cve(), p -> {
                p.setString(1, source);
                p.setString(2, e.cve());
                p.setDouble(3, e.score());
                p.setDouble(4, e.percentile());
                p.setString(5, e.date().map(Object::toString).orElse(null));
            });
        }

        @Override
        public void cvss(String cve, Cvss c) {
            insert(insertCvss, cve, p -> {
                p.setString(1, source);
                p.setString(2, cve);
                p.setString(3, c.version());
                p.setString(4, c.vector());
                if (c.hasScore()) {
                    p.setDouble(5, c.score());
                } else {
                    p.setNull(5, java.sql.Types.REAL);
                }
                p.setString(6, c.source());
            });
        }

        /** Binds one row, queues it in the statement's batch and counts it, under the builder's lock. */
        private void insert(PreparedStatement statement, String what, Binder binder) {
            synchronized (StoreBuilder.this) {
                try {
                    binder.bind(statement);
                    statement.addBatch();
                    records++;
                    added();
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot write " + what + ": " + e.getMessage(), e);
                }
            }
        }

        @Override
        public void state(String key, String value) {
            state.put(key, value);
        }

        @Override
        public Optional<String> previousState(String key) {
            return previous(source).map(s -> s.state().get(key));
        }

        @Override
        public boolean keepPrevious() {
            synchronized (StoreBuilder.this) {
                if (previous(source).isEmpty()) {
                    return false;
                }
                try {
                    flush();
                    carryOver(source);
                } catch (StoreException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                kept = true;
                return true;
            }
        }

        @Override
        public void remove(String advisoryId) {
            synchronized (StoreBuilder.this) {
                try {
                    flush();
                    for (String sql : List.of("DELETE FROM affected WHERE source=? AND advisory_id=?",
                            "DELETE FROM advisory WHERE source=? AND id=?")) {
                        try (PreparedStatement d = db.prepareStatement(sql)) {
                            d.setString(1, source);
                            d.setString(2, advisoryId);
                            d.executeUpdate();
                        }
                    }
                } catch (SQLException | StoreException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }

        private String nn(String s) {
            return s == null ? "" : s;
        }
    }
}
