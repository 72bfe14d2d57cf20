package io.plimsoll.server.query;

import io.plimsoll.server.db.Database;
import io.plimsoll.server.query.QueryIndex.FindingRow;
import io.plimsoll.server.query.QueryIndex.PackageRow;
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

/**
 * The read side of Anchore's image queries over {@link QueryIndex}'s tables: a page of the account's analysed
 * digests that match, then their rows and their image records. Every query joins {@code analysis_image} for the
 * account, so another account's images are never seen.
 */
final class ImageQueries {

    /** One tag an account's record of the digest was submitted with. */
    record Tag(String fullTag, Instant detectedAt) {
    }

    /** A digest in a query's answer: its image id, when it was analysed, its tags, and the rows that matched. */
    record Hit<R>(String digest, Optional<String> configDigest, Optional<Instant> analyzedAt, List<Tag> tags,
                  List<R> rows) {
    }

    /** One page of hits and whether another follows. */
    record Page<R>(List<Hit<R>> hits, boolean more) {
    }

    /** The filters of {@code /v1/query/images/by_vulnerability}; empty ones do not filter. */
    record VulnerabilityFilter(String vulnerabilityId, Optional<String> namespace, Optional<String> packageName,
                               Optional<String> severity, boolean vendorOnly) {
    }

    /** The filters of {@code /v1/query/images/by_package}. */
    record PackageFilter(String name, Optional<String> version, Optional<String> type) {
    }

    private static final String ACCOUNT_HOLDS = " AND EXISTS (SELECT 1 FROM analysis_image i"
            + " WHERE i.account = ? AND i.status = 'analyzed' AND i.image_digest = t.image_digest)";

    private final Database db;

    ImageQueries(Database db) {
        this.db = db;
    }

    Page<FindingRow> byVulnerability(String account, VulnerabilityFilter f, int page, int limit) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE t.vuln_id = ?");
        List<Object> args = new ArrayList<>(List.of(f.vulnerabilityId()));
        f.namespace().ifPresent(n -> {
            where.append(" AND t.namespace = ?");
            args.add(n);
        });
        f.packageName().ifPresent(n -> {
            where.append(" AND t.package_name = ?");
            args.add(n);
        });
        f.severity().ifPresent(s -> {
            where.append(" AND lower(t.severity) = lower(?)");
            args.add(s);
        });
        if (f.vendorOnly()) {
            where.append(" AND NOT t.will_not_fix");
        }
        return page(account, "query_finding", where.toString(), args, page, limit,
                "t.namespace, t.package_name, t.package_version, t.package_type, t.severity, t.will_not_fix,"
                        + " t.fixed_in, t.vuln_id",
                rs -> new FindingRow(rs.getString(9), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8)));
    }

    Page<PackageRow> byPackage(String account, PackageFilter f, int page, int limit) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE t.name = ?");
        List<Object> args = new ArrayList<>(List.of(f.name()));
        f.version().ifPresent(v -> {
            where.append(" AND t.version = ?");
            args.add(v);
        });
        f.type().ifPresent(t -> {
            where.append(" AND lower(t.type) = lower(?)");
            args.add(t);
        });
        return page(account, "query_package", where.toString(), args, page, limit, "t.name, t.version, t.type",
                rs -> new PackageRow(rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    private interface RowReader<R> {
        /** Reads columns 2… of a row (column 1 is the digest). */
        R read(ResultSet rs) throws SQLException;
    }

    /**
     * The page's digests first (distinct, in digest order, one more than asked to know whether another page
     * follows), then only their rows: the index on (key, image_digest) is read in order and stops at the page.
     */
    private <R> Page<R> page(String account, String table, String where, List<Object> args, int page, int limit,
                             String columns, RowReader<R> reader) throws SQLException {
        try (Connection c = db.connection()) {
            List<String> digests = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT t.image_digest FROM " + table + " t" + where
                    + ACCOUNT_HOLDS + " ORDER BY t.image_digest LIMIT ? OFFSET ?")) {
                int i = bind(s, args);
                s.setString(i++, account);
                s.setInt(i++, limit + 1);
                s.setLong(i, (long) (page - 1) * limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        digests.add(rs.getString(1));
                    }
                }
            }
            boolean more = digests.size() > limit;
            if (more) {
                digests = digests.subList(0, limit);
            }
            if (digests.isEmpty()) {
                return new Page<>(List.of(), false);
            }
            Array wanted = c.createArrayOf("text", digests.toArray());
            Map<String, List<R>> rows = new LinkedHashMap<>();
            digests.forEach(d -> rows.put(d, new ArrayList<>()));
            try (PreparedStatement s = c.prepareStatement("SELECT t.image_digest, " + columns + " FROM " + table
                    + " t" + where + " AND t.image_digest = ANY(?) ORDER BY t.image_digest, " + columns)) {
                int i = bind(s, args);
                s.setArray(i, wanted);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.get(rs.getString(1)).add(reader.read(rs));
                    }
                }
            }
            Map<String, List<Tag>> tags = new LinkedHashMap<>();
            Map<String, Optional<String>> configs = new LinkedHashMap<>();
            Map<String, Optional<Instant>> analysed = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT i.image_digest, i.tag, i.created_at, i.analyzed_at,"
                    + " r.config_digest FROM analysis_image i JOIN analysis_result r ON r.image_digest = i.image_digest"
                    + " WHERE i.account = ? AND i.status = 'analyzed' AND i.image_digest = ANY(?)"
                    + " ORDER BY i.image_digest, i.created_at, i.id")) {
                s.setString(1, account);
                s.setArray(2, wanted);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String d = rs.getString(1);
                        List<Tag> t = tags.computeIfAbsent(d, k -> new ArrayList<>());
                        String tag = rs.getString(2);
                        if (tag != null && t.stream().noneMatch(x -> x.fullTag().equals(tag))) {
                            t.add(new Tag(tag, rs.getTimestamp(3).toInstant()));
                        }
                        configs.put(d, Optional.ofNullable(rs.getString(5)));
                        Optional<Instant> at = Optional.ofNullable(rs.getTimestamp(4)).map(java.sql.Timestamp::toInstant);
                        analysed.merge(d, at, (a, b) -> a.isPresent() ? a : b);
                    }
                }
            }
            List<Hit<R>> hits = new ArrayList<>();
            for (String d : digests) {
                hits.add(new Hit<>(d, configs.getOrDefault(d, Optional.empty()),
                        analysed.getOrDefault(d, Optional.empty()), tags.getOrDefault(d, List.of()), rows.get(d)));
            }
            return new Page<>(hits, more);
        }
    }

    private static int bind(PreparedStatement s, List<Object> args) throws SQLException {
        int i = 1;
        for (Object a : args) {
            s.setObject(i++, a);
        }
        return i;
    }
}
