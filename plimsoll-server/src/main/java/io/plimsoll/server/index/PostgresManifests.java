package io.plimsoll.server.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/** The indexed manifests in PostgreSQL, as the indexer wrote them. Only successfully indexed ones are returned. */
public final class PostgresManifests implements IndexedManifests {

    private final DataSource db;

    public PostgresManifests(DataSource db) {
        this.db = db;
    }

    @Override
    public Optional<IndexedManifest> manifest(String digest) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT inventory::text FROM manifest WHERE digest = ? AND success AND inventory IS NOT NULL")) {
            ps.setString(1, digest);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(StoredInventory.fromJson(digest, rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read manifest " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Set<String> withPackages(String namespace, Collection<String> names) {
        Set<String> out = new TreeSet<>();
        if (names.isEmpty()) {
            return out;
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT DISTINCT manifest FROM manifest_package "
                     + "WHERE namespace = ? AND name = ANY (?)")) {
            ps.setString(1, namespace);
            ps.setArray(2, c.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up manifests by package: " + e.getMessage(), e);
        }
        return out;
    }
}
