package io.plimsoll.server.index;

import io.plimsoll.server.vulndb.CachingVulnStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Serialised vulnerability reports, each filed under a token that changes whenever the report could: the
 * vulnerability data version (as {@link CachingVulnStore} reads it) plus the manifest row's version ({@code xmin},
 * new on every insert or update, so a deleted and re-indexed manifest is a new token). Both come from PostgreSQL in
 * one query, so a feed update or re-index by any replica is seen at once, exactly as the store's own cache does.
 * Matching and serialising a 500-package manifest is tens of milliseconds of CPU; a hit is one small query.
 * Bounded by total bytes, least recently used first out.
 */
final class ReportCache {

    private static final String TOKEN = "SELECT (" + CachingVulnStore.VERSION_QUERY + "), (SELECT xmin::text FROM"
            + " manifest WHERE digest = ? AND success AND inventory IS NOT NULL)";

    private record Entry(String token, byte[] body) {
    }

    private final DataSource db;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    ReportCache(DataSource db, long maxBytes) {
        this.db = db;
        this.maxBytes = maxBytes;
    }

    /**
     * The token a report of {@code digest} is valid under right now; empty when the manifest is not (successfully)
     * indexed. Read before the report is built, so an entry is never newer than its token.
     */
    Optional<String> token(String digest) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(TOKEN)) {
            ps.setString(1, digest);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String manifest = rs.getString(2);
                return manifest == null ? Optional.empty() : Optional.of(rs.getString(1) + "\u0000" + manifest);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the report version of " + digest + ": " + e.getMessage(), e);
        }
    }

    synchronized Optional<byte[]> get(String digest, String token) {
        Entry e = entries.get(digest);
        return e != null && e.token.equals(token) ? Optional.of(e.body) : Optional.empty();
    }

    /** Files {@code body} (never modified afterwards: it is served as is) under {@code token}. */
    synchronized void put(String digest, String token, byte[] body) {
        if (body.length > maxBytes) {
            return;
        }
        Entry old = entries.put(digest, new Entry(token, body));
        bytes += body.length - (old == null ? 0 : old.body.length);
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); bytes > maxBytes && it.hasNext(); ) {
            bytes -= it.next().getValue().body.length;
            it.remove();
        }
    }
}
