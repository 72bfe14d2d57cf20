package io.plimsoll.server.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.server.clair.ClairJson;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Clair's notifier API: {@code GET /notifier/api/v1/notification/{id}} serves a notification's items in pages
 * ({@code page_size}, and {@code next} = the id of the first item of the next page, as the previous page said);
 * {@code DELETE} marks it deleted, after which it is gone (404) and no longer delivered.
 */
final class NotificationApi {

    static final String PATH = "/notifier/api/v1/notification/{id}";
    /** Bounds one page's size whatever the client asks, so a page is always a bounded query and response. */
    static final int MAX_PAGE = 1000;

    private final Database db;
    private final int defaultPageSize;

    NotificationApi(Database db, int defaultPageSize) {
        this.db = db;
        this.defaultPageSize = Math.min(defaultPageSize, MAX_PAGE);
    }

    void routes(Router router) {
        router.get(PATH, this::get);
        router.delete(PATH, this::delete);
    }

    private void get(Exchange ex) throws SQLException, IOException {
        UUID id = uuid(ex.param("id"), "notification id");
        int size = ex.query("page_size").map(NotificationApi::pageSize).orElse(defaultPageSize);
        UUID next = ex.query("next").map(s -> uuid(s, "next")).orElse(null);
        try (Connection c = db.connection()) {
            requireLive(c, id);
            int from = 0;
            if (next != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT seq FROM notification_item WHERE notification = ? AND id = ?")) {
                    ps.setObject(1, id);
                    ps.setObject(2, next);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw ApiException.badRequest("next '" + next + "' is not a page of notification " + id);
                        }
                        from = rs.getInt(1);
                    }
                }
            }
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            String nextToken = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, manifest, reason, summary::text "
                    + "FROM notification_item WHERE notification = ? AND seq >= ? ORDER BY seq LIMIT ?")) {
                ps.setObject(1, id);
                ps.setInt(2, from);
                ps.setInt(3, size + 1); // one more than the page: its id is the next page's token
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (items.size() == size) {
                            nextToken = rs.getString(1);
                            break;
                        }
                        ObjectNode n = items.addObject();
                        n.put("id", rs.getString(1));
                        n.put("manifest", rs.getString(2));
                        n.put("reason", rs.getString(3));
                        n.set("vulnerability", ClairJson.read(rs.getString(4)));
                    }
                }
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ObjectNode page = body.putObject("page");
            page.put("size", items.size());
            if (nextToken != null) {
                page.put("next", nextToken);
            }
            body.set("notifications", items);
            ex.json(200, body);
        }
    }

    private void delete(Exchange ex) throws SQLException {
        UUID id = uuid(ex.param("id"), "notification id");
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE notification SET deleted_at = coalesce(deleted_at, now()) WHERE id = ?")) {
            ps.setObject(1, id);
            if (ps.executeUpdate() == 0) {
                throw ApiException.notFound("no notification " + id);
            }
        }
        // deleting twice is not an error: an at-least-once client may repeat it
        ex.respond(200, null, new byte[0]);
    }

    private static void requireLive(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM notification WHERE id = ? AND deleted_at IS NULL")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.notFound("no notification " + id);
                }
            }
        }
    }

    private static int pageSize(String s) {
        int n;
        try {
            n = Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("page_size must be a whole number, got '" + s + "'");
        }
        if (n < 1) {
            throw ApiException.badRequest("page_size must be at least 1, got " + n);
        }
        return Math.min(n, MAX_PAGE);
    }

    private static UUID uuid(String s, String what) {
        try {
            UUID u = UUID.fromString(s);
            if (!u.toString().equalsIgnoreCase(s)) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(what + " '" + s + "' is not a valid id");
        }
    }
}
