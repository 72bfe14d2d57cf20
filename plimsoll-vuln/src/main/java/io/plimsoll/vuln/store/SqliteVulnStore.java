package io.plimsoll.vuln.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/** The embedded database, opened read-only; one connection, so calls are serialised. */
public final class SqliteVulnStore implements VulnStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private final Path file;
    private final Connection db;
    private final PreparedStatement affected;
    private final PreparedStatement affectedBatch;
    private final PreparedStatement advisory;
    private final PreparedStatement kev;
    private final PreparedStatement epss;
    private final PreparedStatement cvss;

    private SqliteVulnStore(Path file, Connection db) throws SQLException {
        this.file = file;
        this.db = db;
        affected = db.prepareStatement("SELECT source, advisory_id, namespace, package, scheme, status, ranges,"
                + " versions, module, severity FROM affected WHERE namespace=? AND package=?");
        affectedBatch = db.prepareStatement("SELECT group_concat(package || char(29) || source || char(29)"
                + " || advisory_id || char(29) || scheme || char(29) || status || char(29) || ranges || char(29)"
                + " || versions || char(29) || ifnull(module, '') || char(29) || severity, char(28)) FROM affected"
                + " WHERE namespace=? AND package IN (SELECT value FROM json_each(?))");
        advisory = db.prepareStatement("SELECT id, source, aliases, title, description, published, modified, refs,"
                + " source_severity, severity, cvss FROM advisory WHERE source=? AND id=?");
        kev = db.prepareStatement("SELECT cve, date_added, due_date, ransomware, vendor, product, name, action"
                + " FROM kev WHERE cve=?");
        epss = db.prepareStatement("SELECT cve, score, percentile, date FROM epss WHERE cve=?");
        cvss = db.prepareStatement("SELECT version, vector, score, scorer FROM cvss WHERE cve=?");
    }

    /**
     * Opens {@code file} read-only, checking it is a Plimsoll database of this schema version: a missing,
     * truncated or foreign file is a {@link StoreException} saying what to do.
     */
    public static SqliteVulnStore open(Path file) throws StoreException {
        if (!Files.isRegularFile(file)) {
            throw new StoreException(file, "no vulnerability database here; run 'plimsoll db update'");
        }
        Connection db = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setOpenMode(SQLiteOpenMode.READONLY);
            db = config.createConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                // read pages through a memory map and keep a large cache: lookups touch index pages all over the file,
                // and a read() system call per page cost more than the searches themselves
                s.execute("PRAGMA mmap_size=1073741824");
                s.execute("PRAGMA cache_size=-65536");
            }
            int version;
            try (Statement s = db.createStatement();
                 ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key='schema_version'")) {
                if (!rs.next()) {
                    throw new StoreException(file, "not a Plimsoll vulnerability database (no schema version)");
                }
                version = Integer.parseInt(rs.getString(1));
            }
            if (version != Schema.VERSION) {
                throw new StoreException(file, "database schema version " + version + ", this plimsoll reads version "
                        + Schema.VERSION + "; run 'plimsoll db update' to rebuild it");
            }
            return new SqliteVulnStore(file, db);
        } catch (SQLException | NumberFormatException e) {
            closeQuietly(db);
            throw new StoreException(file, "not a usable vulnerability database (" + reason(e)
                    + "); run 'plimsoll db update' or 'plimsoll db import FILE'", e);
        } catch (StoreException e) {
            closeQuietly(db);
            throw e;
        }
    }

    /** SQLite's full consistency check: slow on big files, so only for imports and {@code db status --verify}. */
    public synchronized void verify() throws StoreException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            String result = rs.next() ? rs.getString(1) : "no result";
            if (!"ok".equals(result)) {
                throw new StoreException(file, "database is corrupt: " + result);
            }
        } catch (SQLException e) {
            throw new StoreException(file, "database is corrupt: " + reason(e), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized List<AffectedPackage> affected(String namespace, String name) {
        try {
            affected.setString(1, namespace);
            affected.setString(2, name);
            try (ResultSet rs = affected.executeQuery()) {
                List<AffectedPackage> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new AffectedPackage(rs.getString(2), rs.getString(1), rs.getString(3), rs.getString(4),
                            rs.getString(5), AffectedStatus.valueOf(rs.getString(6)), Codec.ranges(rs.getString(7)),
                            Codec.list(rs.getString(8)), Optional.ofNullable(rs.getString(9)), rs.getString(10)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized boolean hasRows(String namespace) {
        // affected_lookup (namespace, package) answers this from the index alone
        try (PreparedStatement q = db.prepareStatement("SELECT 1 FROM affected WHERE namespace=? LIMIT 1")) {
            q.setString(1, namespace);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** IN-lists are chunked: SQLite limits bound parameters per statement. */
    private static final int CHUNK = 400;

    @Override
    public synchronized Map<String, List<AffectedPackage>> affected(String namespace, java.util.Collection<String> names) {
        Map<String, List<AffectedPackage>> out = new java.util.HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        // The names go in as one JSON array and the rows come back as one packed string: with sqlite-jdbc every
        // bound parameter and every fetched column is a JNI call, and those calls, not SQLite's index lookups,
        // dominated a 1,000-package match.
        try {
            affectedBatch.setString(1, namespace);
            affectedBatch.setString(2, JSON.writeValueAsString(new java.util.LinkedHashSet<>(names)));
            try (ResultSet rs = affectedBatch.executeQuery()) {
                String packed = rs.next() ? rs.getString(1) : null;
                if (packed == null) {
                    return out;
                }
                int start = 0;
                while (start <= packed.length()) {
                    int end = packed.indexOf('\u001c', start);
                    if (end < 0) {
                        end = packed.length();
                    }
                    int sep = packed.indexOf('\u001d', start);
                    String name = packed.substring(start, sep);
                    out.computeIfAbsent(name, k -> new ArrayList<>())
                            .add(unpack(namespace, name, packed.substring(sep + 1, end)));
                    start = end + 1;
                }
            }
            return out;
        } catch (SQLException | IOException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized Map<String, Advisory> advisories(String source, java.util.Collection<String> ids) {
        Map<String, Advisory> out = new java.util.HashMap<>();
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
        try {
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                try (PreparedStatement q = db.prepareStatement("SELECT id, source, aliases, title, description,"
                        + " published, modified, refs, source_severity, severity, cvss FROM advisory WHERE source=?"
                        + " AND id IN (" + placeholders(chunk.size()) + ")")) {
                    q.setString(1, source);
                    for (int i = 0; i < chunk.size(); i++) {
                        q.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            Advisory a = advisoryRow(rs);
                            out.put(a.id(), a);
                        }
                    }
                }
            }
            return out;
        } catch (SQLException | IOException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized Enrichment enrichment(java.util.Collection<String> cves) {
        Map<String, List<Cvss>> cvssOut = new java.util.HashMap<>();
        Map<String, EpssScore> epssOut = new java.util.HashMap<>();
        Map<String, KevEntry> kevOut = new java.util.HashMap<>();
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(cves));
        try {
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                String in = " IN (" + placeholders(chunk.size()) + ")";
                try (PreparedStatement q = bind(db.prepareStatement(
                        "SELECT cve, version, vector, score, scorer FROM cvss WHERE cve" + in), chunk);
                     ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        double score = rs.getDouble(4);
                        cvssOut.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Cvss(rs.getString(2),
                                rs.getString(3), rs.wasNull() ? Double.NaN : score, rs.getString(5)));
                    }
                }
                try (PreparedStatement q = bind(db.prepareStatement(
                        "SELECT cve, score, percentile, date FROM epss WHERE cve" + in), chunk);
                     ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        epssOut.put(rs.getString(1), new EpssScore(rs.getString(1), rs.getDouble(2), rs.getDouble(3),
                                Optional.ofNullable(rs.getString(4)).map(LocalDate::parse)));
                    }
                }
                try (PreparedStatement q = bind(db.prepareStatement("SELECT cve, date_added, due_date, ransomware,"
                        + " vendor, product, name, action FROM kev WHERE cve" + in), chunk);
                     ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        kevOut.put(rs.getString(1), new KevEntry(rs.getString(1), LocalDate.parse(rs.getString(2)),
                                Optional.ofNullable(rs.getString(3)).map(LocalDate::parse), rs.getInt(4) != 0,
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                    }
                }
            }
            return new Enrichment(cvssOut, epssOut, kevOut);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Reads a row packed by the batch query: eight fields separated by the group separator. */
    private static AffectedPackage unpack(String namespace, String name, String packed) {
        String[] f = new String[8];
        int start = 0;
        for (int i = 0; i < 7; i++) {
            int end = packed.indexOf('\u001d', start);
            f[i] = packed.substring(start, end);
            start = end + 1;
        }
        f[7] = packed.substring(start);
        return new AffectedPackage(f[1], f[0], namespace, name, f[2], AffectedStatus.valueOf(f[3]), Codec.ranges(f[4]),
                Codec.list(f[5]), f[6].isEmpty() ? Optional.empty() : Optional.of(f[6]), f[7]);
    }

    private static PreparedStatement bind(PreparedStatement q, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            q.setString(i + 1, values.get(i));
        }
        return q;
    }

    private static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static final com.fasterxml.jackson.databind.ObjectReader CVSS_LIST =
            JSON.readerFor(new TypeReference<List<Cvss>>() { });

    private static Advisory advisoryRow(ResultSet rs) throws SQLException, IOException {
        String packed = rs.getString(11);
        // most sources publish no CVSS of their own: skip the parser for the common empty list
        List<Cvss> scores = packed == null || packed.equals("[]") ? List.of() : CVSS_LIST.readValue(packed);
        return new Advisory(rs.getString(1), rs.getString(2), Codec.list(rs.getString(3)), rs.getString(4),
                rs.getString(5), instant(rs.getString(6)), instant(rs.getString(7)), Codec.list(rs.getString(8)),
                rs.getString(9), Severity.valueOf(rs.getString(10)), scores);
    }

    @Override
    public synchronized Optional<Advisory> advisory(String source, String id) {
        try {
            advisory.setString(1, source);
            advisory.setString(2, id);
            try (ResultSet rs = advisory.executeQuery()) {
                return rs.next() ? Optional.of(advisoryRow(rs)) : Optional.empty();
            }
        } catch (SQLException | IOException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized Optional<KevEntry> kev(String cve) {
        try {
            kev.setString(1, cve);
            try (ResultSet rs = kev.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new KevEntry(rs.getString(1), LocalDate.parse(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)).map(LocalDate::parse), rs.getInt(4) != 0,
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized Optional<EpssScore> epss(String cve) {
        try {
            epss.setString(1, cve);
            try (ResultSet rs = epss.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new EpssScore(rs.getString(1), rs.getDouble(2), rs.getDouble(3),
                        Optional.ofNullable(rs.getString(4)).map(LocalDate::parse)));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized List<Cvss> cvss(String cve) {
        try {
            cvss.setString(1, cve);
            try (ResultSet rs = cvss.executeQuery()) {
                List<Cvss> out = new ArrayList<>();
                while (rs.next()) {
                    double score = rs.getDouble(3);
                    out.add(new Cvss(rs.getString(1), rs.getString(2), rs.wasNull() ? Double.NaN : score,
                            rs.getString(4)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized List<SourceStatus> sources() {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, url, updated_at, attempt_at, error, records, checksum,"
                     + " validators, state FROM source ORDER BY name")) {
            List<SourceStatus> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new SourceStatus(rs.getString(1), rs.getString(2), instant(rs.getString(3)),
                        Instant.parse(rs.getString(4)), Optional.ofNullable(rs.getString(5)), rs.getLong(6),
                        rs.getString(7), JSON.readValue(rs.getString(8), STRING_MAP),
                        JSON.readValue(rs.getString(9), STRING_MAP)));
            }
            return out;
        } catch (SQLException | IOException e) {
            throw failure(e);
        }
    }

    /** Row counts per table and source, for {@code db status}. */
    public synchronized Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        try (Statement s = db.createStatement()) {
            for (String table : Schema.TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT source, count(*) FROM " + table + " GROUP BY source")) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>()).put(table, rs.getLong(2));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** When the database file was built. */
    public synchronized Optional<Instant> builtAt() {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key='built_at'")) {
            return rs.next() ? Optional.of(Instant.parse(rs.getString(1))) : Optional.empty();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(db);
    }

    private static Optional<Instant> instant(String s) {
        return s == null ? Optional.empty() : Optional.of(Instant.parse(s));
    }

    private UncheckedStoreException failure(Exception e) {
        return new UncheckedStoreException(new StoreException(file, "cannot read the vulnerability database ("
                + reason(e) + "); run 'plimsoll db update' to rebuild it", e));
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceFirst("^\\[SQLITE_[A-Z_]+\\]\\s*", "").replaceAll("\\s+", " ").trim();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to do with a connection that failed
            }
        }
    }
}
