package io.plimsoll.server.query;

import io.plimsoll.server.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The tables Anchore's queries read ({@code query_package}, {@code query_finding}): what each analysed manifest digest
 * contains and what its last match found. They are written when an analysis is stored and again when the image is
 * matched and the findings changed, so a query is an index lookup, never a match of every image.
 */
public final class QueryIndex {

    /** One installed package, as Anchore names its type. */
    public record PackageRow(String name, String version, String type) {
    }

    /** One finding of an image, as a query reports it. */
    public record FindingRow(String vulnId, String namespace, String packageName, String packageVersion,
                             String packageType, String severity, boolean willNotFix, String fixedIn) {
    }

    private static final Comparator<FindingRow> ORDER = Comparator.comparing(FindingRow::vulnId)
            .thenComparing(FindingRow::namespace).thenComparing(FindingRow::packageName)
            .thenComparing(FindingRow::packageVersion).thenComparing(FindingRow::packageType)
            .thenComparing(FindingRow::severity).thenComparing(FindingRow::willNotFix)
            .thenComparing(r -> r.fixedIn() == null ? "" : r.fixedIn());

    private final Database db;

    public QueryIndex(Database db) {
        this.db = db;
    }

    /** Writes a newly stored analysis's packages, in the transaction that stores it. */
    public static void writePackages(Connection c, String digest, List<PackageRow> packages) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO query_package (image_digest, name, version, type)"
                + " VALUES (?, ?, ?, ?)")) {
            int n = 0;
            for (PackageRow p : packages) {
                s.setString(1, digest);
                s.setString(2, p.name());
                s.setString(3, p.version());
                s.setString(4, p.type());
                s.addBatch();
                if (++n % 1000 == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
    }

    /**
     * Records the findings of a match of {@code digest}, replacing the previous ones when they differ; a match that
     * found the same set writes nothing. A digest whose analysis is gone is left alone.
     *
     * @return whether rows were written
     */
    public boolean writeFindings(String digest, List<FindingRow> findings) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                boolean written = writeFindings(c, digest, findings);
                c.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** As {@link #writeFindings(String, List)}, within the caller's transaction. */
    public static boolean writeFindings(Connection c, String digest, List<FindingRow> findings) throws SQLException {
        List<FindingRow> sorted = findings.stream().distinct().sorted(ORDER).toList();
        String hash = hash(sorted);
        // looked at without a lock first: most re-matches find what the last one did, and concurrent readers of
        // one image must not queue behind each other; a change locks the analysis row, so two replicas re-matching
        // the same image write one after the other
        if (!changed(c, digest, hash, "") || !changed(c, digest, hash, " FOR UPDATE OF r")) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM query_finding WHERE image_digest = ?")) {
            s.setString(1, digest);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO query_finding (image_digest, vuln_id, namespace,"
                + " package_name, package_version, package_type, severity, will_not_fix, fixed_in)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (FindingRow f : sorted) {
                s.setString(1, digest);
                s.setString(2, f.vulnId());
                s.setString(3, f.namespace());
                s.setString(4, f.packageName());
                s.setString(5, f.packageVersion());
                s.setString(6, f.packageType());
                s.setString(7, f.severity());
                s.setBoolean(8, f.willNotFix());
                s.setString(9, f.fixedIn());
                s.addBatch();
                if (++n % 1000 == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO query_match (image_digest, findings_hash)"
                + " VALUES (?, ?) ON CONFLICT (image_digest) DO UPDATE SET findings_hash = EXCLUDED.findings_hash,"
                + " matched_at = now()")) {
            s.setString(1, digest);
            s.setString(2, hash);
            s.executeUpdate();
        }
        return true;
    }

    /** Whether the digest is still analysed and its stored findings were made from a different set. */
    private static boolean changed(Connection c, String digest, String hash, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT m.findings_hash FROM analysis_result r"
                + " LEFT JOIN query_match m ON m.image_digest = r.image_digest WHERE r.image_digest = ?" + lock)) {
            s.setString(1, digest);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && !hash.equals(rs.getString(1));
            }
        }
    }

    private static String hash(List<FindingRow> sorted) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (FindingRow f : sorted) {
                // unit separators: no field can run into the next
                md.update((f.vulnId() + '\u001f' + f.namespace() + '\u001f' + f.packageName() + '\u001f'
                        + f.packageVersion() + '\u001f' + f.packageType() + '\u001f' + f.severity() + '\u001f'
                        + f.willNotFix() + '\u001f' + f.fixedIn() + '\u001e').getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
