package io.plimsoll.server.vulndb;

import com.fasterxml.jackson.core.type.TypeReference;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.UncheckedStoreException;
import io.plimsoll.vuln.store.VulnStore;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The vulnerability data in PostgreSQL, read as the matcher reads the CLI's SQLite file. Every batched lookup is
 * one statement with {@code = ANY(?)} (one round trip for a whole manifest: the hot path of a vulnerability
 * report), served by the {@code (namespace, name)} and primary-key indexes. Each call borrows a pooled connection
 * only for its statement, so many request threads share the pool; a source's update is one transaction, so a
 * reader sees a source's old or new rows, never a mix.
 */
public final class PostgresVulnStore implements VulnStore {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private final DataSource dataSource;

    public PostgresVulnStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<AffectedPackage> affected(String namespace, String name) {
        return affected(namespace, List.of(name)).getOrDefault(name, List.of());
    }

    @Override
    public Map<String, List<AffectedPackage>> affected(String namespace, Collection<String> names) {
        Map<String, List<AffectedPackage>> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        for (String n : names) {
            out.put(n, new ArrayList<>(0));
        }
        // no ORDER BY: sorting a manifest's rows costs more than the whole index scan; rows of one name come in
        // index order, and the matcher orders its findings itself
        String sql = "SELECT name, data::text FROM affected WHERE namespace = ? AND name = ANY(?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, namespace);
            p.setArray(2, textArray(c, names));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.get(rs.getString(1)).add(VulnJson.affected(rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read affected packages in " + namespace, e);
        }
        return out;
    }

    @Override
    public Optional<Advisory> advisory(String source, String id) {
        return Optional.ofNullable(advisories(source, List.of(id)).get(id));
    }

    @Override
    public Map<String, Advisory> advisories(String source, Collection<String> ids) {
        Map<String, Advisory> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String sql = "SELECT id, data::text FROM advisory WHERE source = ? AND id = ANY(?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, source);
            p.setArray(2, textArray(c, ids));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), VulnJson.advisory(VulnJson.parse(rs.getString(2), "advisory")));
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read advisories of " + source, e);
        }
        return out;
    }

    @Override
    public Optional<KevEntry> kev(String cve) {
        return Optional.ofNullable(enrichment(List.of(cve)).kev().get(cve));
    }

    @Override
    public Optional<EpssScore> epss(String cve) {
        return Optional.ofNullable(enrichment(List.of(cve)).epss().get(cve));
    }

    @Override
    public List<Cvss> cvss(String cve) {
        return enrichment(List.of(cve)).cvss().getOrDefault(cve, List.of());
    }

    /** NVD CVSS, EPSS and KEV of many CVEs: three statements on one connection. */
    @Override
    public Enrichment enrichment(Collection<String> cves) {
        Map<String, List<Cvss>> cvss = new HashMap<>();
        Map<String, EpssScore> epss = new HashMap<>();
        Map<String, KevEntry> kev = new HashMap<>();
        if (cves.isEmpty()) {
            return new Enrichment(cvss, epss, kev);
        }
        try (Connection c = dataSource.getConnection()) {
            Array ids = textArray(c, cves);
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT cve, data::text FROM cvss WHERE cve = ANY(?) ORDER BY cve, data->>'version' DESC")) {
                p.setArray(1, ids);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        cvss.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(2))
                                .add(VulnJson.cvss(VulnJson.parse(rs.getString(2), "cvss row")));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT cve, score, percentile, day FROM epss WHERE cve = ANY(?)")) {
                p.setArray(1, ids);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        java.sql.Date day = rs.getDate(4);
                        epss.put(rs.getString(1), new EpssScore(rs.getString(1), rs.getDouble(2), rs.getDouble(3),
                                Optional.ofNullable(day).map(java.sql.Date::toLocalDate)));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT cve, data::text FROM kev WHERE cve = ANY(?)")) {
                p.setArray(1, ids);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        kev.put(rs.getString(1), VulnJson.kev(VulnJson.parse(rs.getString(2), "kev row")));
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read enrichment", e);
        }
        return new Enrichment(cvss, epss, kev);
    }

    @Override
    public List<SourceStatus> sources() {
        List<SourceStatus> out = new ArrayList<>();
        String sql = "SELECT name, url, fetched_at, attempted_at, last_error, records, checksum, validators::text,"
                + " state::text FROM vuln_source ORDER BY name";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql);
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                Optional<Instant> fetched = instant(rs.getTimestamp(3));
                Instant attempted = instant(rs.getTimestamp(4)).or(() -> fetched).orElse(Instant.EPOCH);
                out.add(new SourceStatus(rs.getString(1), rs.getString(2), fetched, attempted,
                        Optional.ofNullable(rs.getString(5)), rs.getLong(6), rs.getString(7),
                        stringMap(rs.getString(8)), stringMap(rs.getString(9))));
            }
        } catch (SQLException e) {
            throw failure("cannot read the feed sources", e);
        }
        return out;
    }

    /** Rows per source and table ({@code advisory}, {@code affected}, {@code kev}, {@code epss}, {@code cvss}). */
    public Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (String table : FeedLoader.TABLES) {
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT source, count(*) FROM " + table + " GROUP BY source");
                     ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>())
                                .put(table, rs.getLong(2));
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("cannot count the vulnerability data", e);
        }
        return out;
    }

    /** Nothing to release: connections are borrowed per call from the server's pool, which the server closes. */
    @Override
    public void close() {
    }

    static Array textArray(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", new LinkedHashSet<>(values).toArray(new String[0]));
    }

    private static Optional<Instant> instant(Timestamp t) {
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }

    static Map<String, String> stringMap(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return VulnJson.MAPPER.readValue(json, STRING_MAP);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Map.of();
        }
    }

    private static UncheckedStoreException failure(String what, SQLException e) {
        // StoreException names a file; for the server's database the "file" is the database itself
        return new UncheckedStoreException(new io.plimsoll.vuln.store.StoreException(java.nio.file.Path.of("postgresql"),
                what + ": " + e.getMessage(), e));
    }
}
