package io.plimsoll.server.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.model.Distro;
import io.plimsoll.model.version.VersionScheme;
import io.plimsoll.server.clair.ClairAffectedManifests;
import io.plimsoll.server.http.ApiException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * {@code POST /indexer/api/v1/internal/affected_manifest}: for each vulnerability summary, the indexed manifests
 * holding its package (in its distribution's namespace when one is given) at a version below its fix. Packages
 * are filed as the match rules look them up, so for Debian and Ubuntu that is the source package.
 */
final class AffectedManifests {

    private final DataSource db;

    AffectedManifests(DataSource db) {
        this.db = db;
    }

    ObjectNode find(JsonNode body) throws SQLException {
        if (!body.isArray()) {
            throw ApiException.badRequest("expected an array of vulnerability summaries");
        }
        ClairAffectedManifests out = new ClairAffectedManifests();
        int i = 0;
        try (Connection c = db.getConnection()) {
            for (JsonNode s : body) {
                String where = "[" + i++ + "]";
                String name = s.path("name").asText("");
                String pkg = s.path("package").path("name").asText("");
                if (name.isEmpty() || pkg.isEmpty()) {
                    throw ApiException.badRequest(where + ": a summary needs 'name' and 'package.name'");
                }
                JsonNode dist = s.has("distribution") ? s.get("distribution") : s.path("dist");
                Optional<String> namespace = dist.isObject() && !dist.path("did").asText("").isEmpty()
                        ? Optional.of(Ecosystems.namespaceOf(new Distro(dist.path("did").asText(),
                        dist.path("version_id").asText(""), dist.path("version_code_name").asText(""), "", "",
                        List.of())))
                        : Optional.empty();
                String fixed = s.path("fixed_in_version").asText("");
                Set<String> hit = affected(c, namespace, pkg, fixed);
                String id = s.path("id").asText(name);
                out.add(id, s, hit);
            }
        }
        return out.document();
    }

    private static Set<String> affected(Connection c, Optional<String> namespace, String name, String fixed)
            throws SQLException {
        Set<String> out = new TreeSet<>();
        String sql = "SELECT manifest, namespace, version FROM manifest_package WHERE name = ?"
                + (namespace.isPresent() ? " AND namespace = ?" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            if (namespace.isPresent()) {
                ps.setString(2, namespace.get());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (fixed.isEmpty() || below(rs.getString(2), rs.getString(3), fixed)) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    /** Whether {@code version} is below the fix; when the scheme is unknown, counted as affected (say too much). */
    private static boolean below(String namespace, String version, String fixed) {
        Optional<VersionScheme> scheme = Ecosystems.schemeForNamespace(namespace);
        if (scheme.isEmpty()) {
            return true;
        }
        try {
            return scheme.get().compare(version, fixed) < 0;
        } catch (RuntimeException e) {
            return true;
        }
    }
}
