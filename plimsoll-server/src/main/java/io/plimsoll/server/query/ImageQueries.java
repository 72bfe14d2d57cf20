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

    /** A digest in a query's answer: its config digest, when it was analysed, its tags, and the rows that matched. */
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
     * One statement, one round trip: the page's digests (distinct, in digest order, one more than asked to know
     * whether another page follows: the index on (key, image_digest) is read in order and stops there), the
     * account's records of those digests (tags, image id), and the matching rows of each.
     */
    private <R> Page<R> page(String account, String table, String where, List<Object> args, int page, int limit,
                             String columns, RowReader<R> reader) throws SQLException {
        String sql = "WITH page AS (SELECT DISTINCT t.image_digest FROM " + table + " t" + where + ACCOUNT_HOLDS
                + " ORDER BY t.image_digest LIMIT ? OFFSET ?),"
                + " records AS (SELECT i.image_digest, max(r.config_digest) AS config_digest,"
                + " min(i.analyzed_at) AS analyzed_at,"
                + " array_agg(i.tag ORDER BY i.created_at, i.id) FILTER (WHERE i.tag IS NOT NULL) AS tags,"
                + " array_agg(i.created_at ORDER BY i.created_at, i.id) FILTER (WHERE i.tag IS NOT NULL) AS detected"
                + " FROM analysis_image i JOIN analysis_result r ON r.image_digest = i.image_digest"
                + " WHERE i.account = ? AND i.status = 'analyzed' AND i.image_digest IN (SELECT image_digest FROM page)"
                + " GROUP BY i.image_digest)"
                + " SELECT t.image_digest, " + columns + ", m.config_digest, m.analyzed_at, m.tags, m.detected"
                + " FROM page p JOIN records m ON m.image_digest = p.image_digest"
                + " JOIN " + table + " t ON t.image_digest = p.image_digest" + where
                + " ORDER BY t.image_digest, " + columns;
        int width = columns.split(",").length + 1;
        Map<String, Hit<R>> hits = new LinkedHashMap<>();
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = bind(s, args, 1);
            s.setString(i++, account);
            s.setInt(i++, limit + 1);
            s.setLong(i++, (long) (page - 1) * limit);
            s.setString(i++, account);
            bind(s, args, i);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String digest = rs.getString(1);
                    Hit<R> hit = hits.get(digest);
                    if (hit == null) {
                        hit = new Hit<>(digest, Optional.ofNullable(rs.getString(width + 1)),
                                Optional.ofNullable(rs.getTimestamp(width + 2)).map(java.sql.Timestamp::toInstant),
                                tags(rs.getArray(width + 3), rs.getArray(width + 4)), new ArrayList<>());
                        hits.put(digest, hit);
                    }
                    hit.rows().add(reader.read(rs));
                }
            }
        }
        List<Hit<R>> out = new ArrayList<>(hits.values());
        boolean more = out.size() > limit;
        return new Page<>(more ? out.subList(0, limit) : out, more);
    }

    /** The record's tags, each once, with when it was first seen. */
    private static List<Tag> tags(Array tags, Array detected) throws SQLException {
        if (tags == null) {
            return List.of();
        }
        String[] names = (String[]) tags.getArray();
        java.sql.Timestamp[] at = (java.sql.Timestamp[]) detected.getArray();
        Map<String, Tag> out = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.putIfAbsent(names[i], new Tag(names[i], at[i].toInstant()));
        }
        return List.copyOf(out.values());
    }

    private static int bind(PreparedStatement s, List<Object> args, int first) throws SQLException {
        int i = first;
        for (Object a : args) {
            s.setObject(i++, a);
        }
        return i;
    }
}
