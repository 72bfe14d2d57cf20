package io.plimsoll.server.vulndb;

import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk-loads generated vulnerability data for benchmarks (the 200,000-row vulnerability-report benchmark) with
 * PostgreSQL's COPY: far faster than the updaters' row-by-row inserts, and the rows have the same shape.
 */
public final class GeneratedVulnData {

    private static final int CHUNK = 20_000;

    private GeneratedVulnData() {
    }

    /**
     * Replaces {@code source}'s data with {@code rows} affected-package rows spread over {@code distinctNames}
     * package names {@code pkg0..} in {@code namespace} (Debian version scheme; every fourth row unfixed, the
     * rest fixed in {@code 1.<n>-<m>}), one advisory {@code CVE-2099-<i>} per row, and a successful
     * {@code vuln_source} row; then ANALYZEs the tables so the planner knows their size.
     *
     * @return the package names, to build a manifest that hits them
     */
    public static List<String> insertAffected(DataSource dataSource, String source, String namespace, int rows,
                                              int distinctNames) throws SQLException {
        if (rows < 0 || distinctNames < 1) {
            throw new IllegalArgumentException("rows must be >= 0 and distinctNames >= 1");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (String table : FeedLoader.TABLES) {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table + " WHERE source = ?")) {
                    d.setString(1, source);
                    d.executeUpdate();
                }
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder affected = new StringBuilder();
            StringBuilder advisories = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                String id = "CVE-2099-" + i;
                String name = "pkg" + (i % distinctNames);
                AffectedPackage a = i % 4 == 0
                        ? new AffectedPackage(id, source, namespace, name, "deb", AffectedStatus.AFFECTED,
                        List.of(VersionRange.all()), List.of(), Optional.empty(), "low")
                        : AffectedPackage.fixedIn(id, source, namespace, name, "deb", "1." + (i % 7) + "-" + (i % 3));
                Advisory adv = new Advisory(id, source, List.of(), "", "Generated flaw " + i + " in " + name,
                        Optional.empty(), Optional.empty(), List.of("https://example.invalid/" + id), "medium",
                        Severity.MEDIUM, List.of());
                row(affected, source, id, namespace, name, VulnJson.text(VulnJson.affected(a)));
                row(advisories, source, id, VulnJson.text(VulnJson.advisory(adv)));
                if ((i + 1) % CHUNK == 0 || i == rows - 1) {
                    copy(copy, "COPY affected (source, advisory_id, namespace, name, data) FROM STDIN", affected);
                    copy(copy, "COPY advisory (source, id, data) FROM STDIN", advisories);
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO vuln_source (name, url, fetched_at,"
                    + " attempted_at, records) VALUES (?, 'generated', ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
                    + " fetched_at = EXCLUDED.fetched_at, attempted_at = EXCLUDED.attempted_at,"
                    + " records = EXCLUDED.records, last_error = NULL")) {
                Timestamp now = Timestamp.from(Instant.now());
                p.setString(1, source);
                p.setTimestamp(2, now);
                p.setTimestamp(3, now);
                p.setLong(4, 2L * rows);
                p.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE affected");
                s.execute("ANALYZE advisory");
            }
        }
        List<String> names = new ArrayList<>(Math.min(rows, distinctNames));
        for (int n = 0; n < Math.min(rows, distinctNames); n++) {
            names.add("pkg" + n);
        }
        return names;
    }

    private static void copy(CopyManager copy, String sql, StringBuilder rows) throws SQLException {
        try {
            copy.copyIn(sql, new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
        rows.setLength(0);
    }

    /** One line of COPY's text format: tab-separated, with backslash, tab and newlines escaped. */
    private static void row(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            String f = fields[i];
            for (int j = 0; j < f.length(); j++) {
                char ch = f.charAt(j);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }
}
