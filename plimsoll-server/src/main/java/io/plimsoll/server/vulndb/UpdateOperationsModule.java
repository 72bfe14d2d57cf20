package io.plimsoll.server.vulndb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.clair.ClairVulnerabilities;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The matcher's internal update endpoints (Clair's {@code /matcher/api/v1/internal/update_operation} and
 * {@code update_diff}, which the notifier uses).
 */
public final class UpdateOperationsModule implements ServerModule {

    static final String OPERATIONS = "/matcher/api/v1/internal/update_operation";
    static final String DIFF = "/matcher/api/v1/internal/update_diff";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ServerContext ctx;
    private final UpdateOperations operations;

    public UpdateOperationsModule(ServerContext ctx) {
        this.ctx = ctx;
        this.operations = new UpdateOperations(ctx.database().dataSource());
    }

    @Override
    public String name() {
        return "update-operations";
    }

    @Override
    public void routes(Router router) {
        router.get(OPERATIONS, this::list);
        router.delete(OPERATIONS + "/{digest}", this::delete);
        router.get(DIFF, this::diff);
    }

    private void list(Exchange ex) throws SQLException {
        String kind = ex.query("kind").orElse("vulnerability");
        if (!kind.equals("vulnerability") && !kind.equals("enrichment")) {
            throw ApiException.badRequest("kind must be 'vulnerability' or 'enrichment', got '" + kind + "'");
        }
        String latestParam = ex.query("latest").orElse("false");
        boolean latest = switch (latestParam) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.badRequest("latest must be true or false, got '" + latestParam + "'");
        };
        ObjectNode body = F.objectNode();
        Optional<UpdateOperations.Operation> newest = Optional.empty();
        for (Map.Entry<String, List<UpdateOperations.Operation>> e : operations.list(kind, latest).entrySet()) {
            ArrayNode ops = body.putArray(e.getKey());
            for (UpdateOperations.Operation o : e.getValue()) {
                ops.add(json(o));
                if (newest.isEmpty() || o.date().isAfter(newest.get().date())) {
                    newest = Optional.of(o);
                }
            }
        }
        // as Clair: the newest operation's ref is the ETag, so a poller can ask "anything new?" cheaply
        if (newest.isPresent()) {
            String etag = "\"" + newest.get().ref() + "\"";
            ex.header("ETag", etag);
            if (ex.header("If-None-Match").filter(etag::equals).isPresent()) {
                ex.respond(304, null, new byte[0]);
                return;
            }
        }
        ex.json(200, body);
    }

    private void delete(Exchange ex) throws SQLException {
        UUID ref = ref(ex.param("digest"), "update operation ref");
        if (!operations.delete(ref)) {
            throw ApiException.notFound("no update operation " + ref);
        }
        ex.json(200, Map.of());
    }

    private void diff(Exchange ex) throws SQLException {
        String prevParam = ex.query("prev").orElseThrow(() -> ApiException.badRequest("query parameter 'prev' is required"));
        UUID prevRef = ref(prevParam, "prev");
        Optional<UUID> curRef = ex.query("cur").map(c -> ref(c, "cur"));
        UpdateOperations.Operation prev = operations.get(prevRef)
                .orElseThrow(() -> ApiException.notFound("no update operation " + prevRef + " (prev)"));
        UpdateOperations.Operation cur;
        if (curRef.isPresent()) {
            cur = operations.get(curRef.get())
                    .orElseThrow(() -> ApiException.notFound("no update operation " + curRef.get() + " (cur)"));
        } else {
            cur = operations.latest(prev.updater()).orElse(prev);
        }
        UpdateOperations.Diff d;
        try {
            d = operations.diff(Optional.of(prev), cur);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ObjectNode body = F.objectNode();
        d.prev().ifPresent(p -> body.set("prev", json(p)));
        body.set("cur", json(d.cur()));
        body.set("added", vulnerabilities(d.added()));
        body.set("removed", vulnerabilities(d.removed()));
        ex.json(200, body);
    }

    private static ArrayNode vulnerabilities(List<UpdateOperations.Change> changes) {
        ArrayNode out = F.arrayNode(changes.size());
        for (UpdateOperations.Change c : changes) {
            out.add(ClairVulnerabilities.ofAffected(VulnJson.diffAdvisory(c.data()), VulnJson.diffAffected(c.data())));
        }
        return out;
    }

    private static void putTime(ObjectNode n, String key, Timestamp t) {
        if (t == null) {
            n.putNull(key);
        } else {
            n.put(key, t.toInstant().toString());
        }
    }

    static ObjectNode json(UpdateOperations.Operation o) {
        ObjectNode n = F.objectNode();
        n.put("ref", o.ref().toString());
        n.put("updater", o.updater());
        n.put("fingerprint", o.fingerprint());
        n.put("date", o.date().toString());
        n.put("kind", o.kind());
        return n;
    }

    private static UUID ref(String s, String what) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(what + " must be an update operation ref (a UUID), got '" + s + "'");
        }
    }
}
