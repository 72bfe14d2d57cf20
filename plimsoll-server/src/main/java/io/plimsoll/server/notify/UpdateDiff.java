package io.plimsoll.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.vulndb.VulnJson;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** One update operation's diff as the notifier reads it: what was added and removed, decoded. */
record UpdateDiff(UUID ref, String source, List<Row> rows) {

    /** One {@code update_diff} row. */
    record Row(boolean removed, Advisory advisory, AffectedPackage affected) {
    }

    /** A diff row whose data cannot be read: the update cannot be processed, and retrying will not help. */
    static final class BadDiff extends Exception {
        BadDiff(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static UpdateDiff load(Connection c, UUID ref, String source) throws SQLException, BadDiff {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT change, advisory_id, namespace, name, data::text FROM update_diff WHERE ref = ?")) {
            ps.setObject(1, ref);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(2);
                    try {
                        JsonNode data = VulnJson.MAPPER.readTree(rs.getString(5));
                        rows.add(new Row(rs.getString(1).equals("removed"), VulnJson.diffAdvisory(data),
                                VulnJson.diffAffected(data)));
                    } catch (IOException | RuntimeException e) {
                        throw new BadDiff("update " + ref + ": diff row for " + id + " in " + rs.getString(3) + "/"
                                + rs.getString(4) + " cannot be read: " + e.getMessage(), e);
                    }
                }
            }
        }
        return new UpdateDiff(ref, source, rows);
    }

    /** The vulnerability ids this update changed. */
    Set<String> advisoryIds() {
        Set<String> out = new TreeSet<>();
        rows.forEach(r -> out.add(r.advisory().id()));
        return out;
    }

    /** Package names the update touched, per namespace: where to look for affected manifests. */
    Map<String, Set<String>> namesByNamespace() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        rows.forEach(r -> out.computeIfAbsent(r.affected().namespace(), k -> new TreeSet<>()).add(r.affected().name()));
        return out;
    }
}
