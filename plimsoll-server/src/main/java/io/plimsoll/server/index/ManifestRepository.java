package io.plimsoll.server.index;

import io.plimsoll.vuln.match.MatchQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The indexer's tables: a manifest's stored report and inventory ({@code manifest}), its layers in order
 * ({@code manifest_layer}) and the rows the matcher and the affected-manifests lookup find its packages by
 * ({@code manifest_package}). Reports travel as the stored bytes, never parsed on the way out.
 */
final class ManifestRepository {

    /** What one indexing stores about a manifest. */
    record Stored(String state, boolean success, String err, String report, Optional<String> inventory,
                  Collection<MatchQuery> packages) {
    }

    private final DataSource db;

    ManifestRepository(DataSource db) {
        this.db = db;
    }

    /** A manifest's stored report, whatever state it was indexed under. */
    Optional<byte[]> report(String digest) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT report::text FROM manifest WHERE digest = ?")) {
            ps.setString(1, digest);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1).getBytes(StandardCharsets.UTF_8)) : Optional.empty();
            }
        }
    }

    /** The stored report when this manifest was indexed successfully under {@code indexState}. */
    Optional<byte[]> currentReport(String digest, String indexState) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT report::text FROM manifest WHERE digest = ? AND index_state = ? AND success")) {
            ps.setString(1, digest);
            ps.setString(2, indexState);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1).getBytes(StandardCharsets.UTF_8)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("cannot read manifest " + digest + ": " + e.getMessage(), e));
        }
    }

    /**
     * Files {@code digest} as a copy of a manifest indexed successfully under {@code indexState} over exactly
     * {@code layers} (same order), with its lookup rows, and answers the copy's report; empty when there is none.
     * The twin's documents are copied inside PostgreSQL (binary jsonb, never parsed or printed on the way) and only
     * the new report comes back.
     */
    Optional<byte[]> copyOfSameLayers(String digest, List<String> layers, String indexState) {
        if (layers.isEmpty()) {
            return Optional.empty();
        }
        try (Connection c = db.getConnection()) {
            String twin;
            try (PreparedStatement ps = c.prepareStatement("SELECT m.digest FROM manifest m"
                    + " WHERE m.index_state = ? AND m.success AND m.inventory IS NOT NULL"
                    + " AND m.digest IN (SELECT manifest FROM manifest_layer WHERE layer = ? AND position = 0)"
                    + " AND ARRAY(SELECT layer FROM manifest_layer l WHERE l.manifest = m.digest ORDER BY position)"
                    + " = ? LIMIT 1")) {
                ps.setString(1, indexState);
                ps.setString(2, layers.get(0));
                ps.setArray(3, c.createArrayOf("text", layers.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    twin = rs.getString(1);
                }
            }
            c.setAutoCommit(false);
            try {
                lockAndDelete(c, digest);
                byte[] report;
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO manifest (digest, index_state, state,"
                        + " success, err, report, inventory) SELECT ?, index_state, state, success, err,"
                        + " jsonb_set(report, '{manifest_hash}', to_jsonb(?::text)), inventory FROM manifest"
                        + " WHERE digest = ? RETURNING report::text")) {
                    ins.setString(1, digest);
                    ins.setString(2, digest);
                    ins.setString(3, twin);
                    try (ResultSet rs = ins.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return Optional.empty();
                        }
                        report = rs.getString(1).getBytes(StandardCharsets.UTF_8);
                    }
                }
                insertLayers(c, digest, layers);
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO manifest_package (manifest, namespace,"
                        + " name, version) SELECT ?, namespace, name, version FROM manifest_package WHERE manifest = ?")) {
                    ins.setString(1, digest);
                    ins.setString(2, twin);
                    ins.executeUpdate();
                }
                c.commit();
                return Optional.of(report);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy the index of a manifest with the layers of " + digest
                    + ": " + e.getMessage(), e);
        }
    }

    /** Replaces whatever was stored about {@code digest} by one indexing's outcome, in one transaction. */
    void store(String digest, List<String> layers, String indexState, Stored outcome) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                lockAndDelete(c, digest);
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO manifest (digest, index_state, state, "
                        + "success, err, report, inventory) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)")) {
                    ins.setString(1, digest);
                    ins.setString(2, indexState);
                    ins.setString(3, outcome.state());
                    ins.setBoolean(4, outcome.success());
                    ins.setString(5, outcome.err());
                    ins.setString(6, outcome.report());
                    ins.setString(7, outcome.inventory().orElse(null));
                    ins.executeUpdate();
                }
                insertLayers(c, digest, layers);
                insertPackages(c, digest, outcome.packages());
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the index report of " + digest + ": " + e.getMessage(), e);
        }
    }

    /** Deletes manifests (their layers and packages go with them) and answers those that existed. */
    List<String> delete(List<String> digests) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM manifest WHERE digest = ANY (?) RETURNING digest")) {
            ps.setArray(1, c.createArrayOf("text", digests.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Two requests indexing one manifest at once: the second waits, then replaces the first's rows. */
    private static void lockAndDelete(Connection tx, String digest) throws SQLException {
        try (PreparedStatement lock = tx.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "manifest " + digest);
            lock.execute();
        }
        try (PreparedStatement del = tx.prepareStatement("DELETE FROM manifest WHERE digest = ?")) {
            del.setString(1, digest);
            del.executeUpdate();
        }
    }

    private static void insertLayers(Connection tx, String digest, List<String> layers) throws SQLException {
        try (PreparedStatement ins = tx.prepareStatement(
                "INSERT INTO manifest_layer (manifest, position, layer) VALUES (?, ?, ?)")) {
            for (int i = 0; i < layers.size(); i++) {
                ins.setString(1, digest);
                ins.setInt(2, i);
                ins.setString(3, layers.get(i));
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    private static void insertPackages(Connection tx, String digest, Collection<MatchQuery> packages)
            throws SQLException {
        try (PreparedStatement ins = tx.prepareStatement(
                "INSERT INTO manifest_package (manifest, namespace, name, version) VALUES (?, ?, ?, ?)")) {
            for (MatchQuery q : packages) {
                ins.setString(1, digest);
                ins.setString(2, q.namespace());
                ins.setString(3, q.name());
                ins.setString(4, q.version());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }
}
