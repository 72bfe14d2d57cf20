package io.plimsoll.server.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.report.sbom.read.SbomException;
import io.plimsoll.report.sbom.read.SbomReader;
import io.plimsoll.server.account.AccountScope;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Anchore's import operations, {@code /v1/imports/images}: open an operation, upload the image's contents under it
 * (syft's JSON as {@code packages}; {@code manifest}, {@code parent_manifest}, {@code image_config} and
 * {@code dockerfile} are kept but not read), then {@code POST /v1/images} with
 * {@code {"source": {"import": {"operation_uuid", "digest", "tags", "contents": {"packages": DIGEST}}}}} makes the
 * image an analysed record under its manifest digest, as {@link SbomImport} does for one request.
 */
final class ImageImports {

    static final List<String> KINDS = List.of("packages", "manifest", "parent_manifest", "image_config",
            "dockerfile");
    /** How long an operation and its uploads are kept (Anchore expires them too). */
    private static final Duration KEPT = Duration.ofDays(1);

    private record Operation(String id, String status, Instant createdAt, Instant expiresAt) {
    }

    private final Database db;
    private final AccountScope scope;
    private final SbomImport sbomImport;

    ImageImports(Database db, AccountScope scope, SbomImport sbomImport) {
        this.db = db;
        this.scope = scope;
        this.sbomImport = sbomImport;
    }

    void routes(Router r) {
        r.post("/v1/imports/images", ex -> ex.json(200, view(create(scope.of(ex)))));
        r.get("/v1/imports/images", ex -> {
            List<Object> out = new ArrayList<>();
            for (Operation o : operations(scope.of(ex), Optional.empty())) {
                out.add(view(o));
            }
            ex.json(200, out);
        });
        r.get("/v1/imports/images/{operation_id}", ex -> ex.json(200, view(operation(scope.of(ex),
                ex.param("operation_id")))));
        r.delete("/v1/imports/images/{operation_id}", ex -> {
            Operation o = operation(scope.of(ex), ex.param("operation_id"));
            update("UPDATE analysis_import SET status = 'expired', expires_at = now() WHERE id = ?", o.id());
            update("DELETE FROM analysis_import_content WHERE import_id = ?", o.id());
            ex.json(200, view(operation(scope.of(ex), o.id())));
        });
        for (String kind : KINDS) {
            String path = "/v1/imports/images/{operation_id}/" + kind;
            r.get(path, ex -> ex.json(200, digests(operation(scope.of(ex), ex.param("operation_id")), kind)));
            r.post(path, ex -> upload(ex, kind));
        }
    }

    private void upload(Exchange ex, String kind) throws Exception {
        Operation o = operation(scope.of(ex), ex.param("operation_id"));
        if (!o.status().equals("pending")) {
            throw ApiException.conflict("import " + o.id() + " is " + o.status() + ": open a new one");
        }
        byte[] body = ex.body();
        if (kind.equals("packages")) {
            try {
                SbomReader.read(Path.of("import " + o.id() + " packages"), body);
            } catch (SbomException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        String digest = "sha256:" + SbomImport.sha256(body);
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO analysis_import_content (import_id, kind, digest,"
                     + " body) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, o.id());
            s.setString(2, kind);
            s.setString(3, digest);
            s.setBytes(4, body);
            s.executeUpdate();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("digest", digest);
        out.put("created_at", Instant.now().toString());
        ex.json(200, out);
    }

    /**
     * {@code POST /v1/images} with {@code source.import}: the uploaded packages document of the operation becomes the
     * image's analysis, filed under the manifest digest the client gives and its first tag.
     */
    ImageRecord complete(String account, JsonNode manifest) throws Exception {
        String opId = text(manifest, "operation_uuid");
        String digest = text(manifest, "digest");
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw ApiException.badRequest("\"source.import.digest\" must be sha256: and 64 lower-case hex digits");
        }
        String packages = text(manifest.path("contents"), "packages");
        Operation o = operation(account, opId);
        if (!o.status().equals("pending")) {
            throw ApiException.conflict("import " + o.id() + " is " + o.status() + ": open a new one");
        }
        byte[] document = content(o.id(), "packages", packages).orElseThrow(() -> ApiException.badRequest(
                "import " + o.id() + " has no packages upload " + packages
                        + " (POST it to /v1/imports/images/" + o.id() + "/packages first)"));
        Optional<ImageName> tag = Optional.empty();
        JsonNode tags = manifest.path("tags");
        if (tags.isArray() && !tags.isEmpty()) {
            tag = Optional.of(ImageName.parse(tags.get(0).asText()));
        }
        ImageRecord record = sbomImport.importSbom(account, tag, document, Optional.of(digest));
        update("UPDATE analysis_import SET status = 'complete' WHERE id = ?", o.id());
        // the analysis is stored; the uploads have served
        update("DELETE FROM analysis_import_content WHERE import_id = ?", o.id());
        return record;
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw ApiException.badRequest("\"source.import\" needs \"" + field + "\" (operation_uuid, digest, tags"
                    + " and contents.packages)");
        }
        return n.asText();
    }

    private Operation create(String account) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO analysis_import (id, account, expires_at)"
                     + " VALUES (?, ?, now() + make_interval(secs => ?))")) {
            s.setString(1, id);
            s.setString(2, account);
            s.setDouble(3, KEPT.toSeconds());
            s.executeUpdate();
        }
        return operation(account, id);
    }

    /** The account's operation; another account's is a 404 as one that does not exist. */
    private Operation operation(String account, String id) throws SQLException {
        return operations(account, Optional.of(id)).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("no import operation " + id));
    }

    /** The account's operations, an expired one shown as expired (and its uploads dropped). */
    private List<Operation> operations(String account, Optional<String> id) throws SQLException {
        update("UPDATE analysis_import SET status = 'expired' WHERE account = ? AND expires_at <= now()"
                + " AND status = 'pending'", account);
        update("DELETE FROM analysis_import_content WHERE import_id IN (SELECT id FROM analysis_import"
                + " WHERE account = ? AND expires_at <= now())", account);
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT id, status, created_at, expires_at FROM analysis_import"
                     + " WHERE account = ?" + (id.isPresent() ? " AND id = ?" : "") + " ORDER BY created_at")) {
            s.setString(1, account);
            if (id.isPresent()) {
                s.setString(2, id.get());
            }
            List<Operation> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Operation(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant()));
                }
            }
            return out;
        }
    }

    private List<String> digests(Operation o, String kind) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT digest FROM analysis_import_content WHERE import_id = ?"
                     + " AND kind = ? ORDER BY created_at")) {
            s.setString(1, o.id());
            s.setString(2, kind);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private Optional<byte[]> content(String id, String kind, String digest) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT body FROM analysis_import_content WHERE import_id = ?"
                     + " AND kind = ? AND digest = ?")) {
            s.setString(1, id);
            s.setString(2, kind);
            s.setString(3, digest);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    private void update(String sql, String arg) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            s.executeUpdate();
        }
    }

    private static Map<String, Object> view(Operation o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", o.id());
        m.put("status", o.status());
        m.put("expires_at", o.expiresAt().toString());
        m.put("created_at", o.createdAt().toString());
        return m;
    }
}
