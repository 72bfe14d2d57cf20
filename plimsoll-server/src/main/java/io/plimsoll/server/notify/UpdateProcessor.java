package io.plimsoll.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.app.MatchService;
import io.plimsoll.server.clair.ClairJson;
import io.plimsoll.server.clair.ClairVulnerabilities;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.http.JsonLog;
import io.plimsoll.server.index.IndexedManifest;
import io.plimsoll.server.index.IndexedManifests;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.VulnStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns update operations into notifications, oldest first, one at a time across all replicas (a PostgreSQL
 * advisory lock held for the transaction that processes one update and records it as processed).
 *
 * <p>For each manifest with a package the update touched, each vulnerability the update changed is compared before
 * and after: "after" is the manifest matched against the current data; "before" is the manifest's stored snapshot
 * verdict on that vulnerability (left by an earlier update), or, when there is none, the manifest matched against
 * the current data with this update's diff reverted. So a manifest indexed after the last update still gets its
 * first notification, and data that is already ahead of the update being processed (the notifier lagging behind
 * several updates) does not swallow the change.
 */
final class UpdateProcessor {

    /**
     * Advisory-lock key of notification processing: "plimnote" in ASCII. It must differ from the updater's key
     * ({@code UpdaterModule.LOCK_KEY}, "plimsoll"): sharing it made a feed update skip its round whenever the
     * notifier's poll happened to be processing, and the notifier skip while feeds were loading.
     */
    static final long LOCK = 0x706c696d6e6f7465L;

    private final Database db;
    private final VulnStore store;
    private final IndexedManifests manifests;
    private final MatchService matcher;
    private final JsonLog log;

    /** @param matcher the match rules and schemes over {@code store} */
    UpdateProcessor(Database db, VulnStore store, IndexedManifests manifests, MatchService matcher, JsonLog log) {
        this.db = db;
        this.store = store;
        this.manifests = manifests;
        this.matcher = matcher;
        this.log = log;
    }

    /** One item of a notification. */
    record Item(String manifest, String reason, String vulnId, JsonNode summary) {
    }

    /** Processes every pending update; returns how many this call processed (0 when another replica holds the lock). */
    int processPending() throws SQLException {
        int n = 0;
        while (processOne()) {
            n++;
        }
        return n;
    }

    /** Processes the oldest unprocessed update, if this replica gets the lock and there is one. */
    boolean processOne() throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                boolean done = processOne(c);
                c.commit();
                return done;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private boolean processOne(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        UUID ref;
        String source;
        try (PreparedStatement ps = c.prepareStatement("SELECT o.ref, o.source FROM update_operation o "
                + "WHERE o.kind = 'vulnerability' AND NOT EXISTS (SELECT 1 FROM notifier_processed p WHERE p.ref = o.ref) "
                + "ORDER BY o.created_at, o.ref LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            ref = rs.getObject(1, UUID.class);
            source = rs.getString(2);
        }
        UpdateDiff diff;
        try {
            diff = UpdateDiff.load(c, ref, source);
        } catch (UpdateDiff.BadDiff e) {
            // retrying cannot fix the data: record it and move on, so one bad row does not stop every later update
            log.error("notifier cannot process update", "update", ref.toString(), "source", source, "error",
                    e.getMessage());
            markProcessed(c, ref, null, e.getMessage());
            return true;
        }
        List<Item> items = items(c, diff);
        UUID notification = null;
        if (!items.isEmpty()) {
            notification = UUID.randomUUID();
            insertNotification(c, notification, ref, items);
        }
        markProcessed(c, ref, notification, null);
        log.info("notifier processed update", "update", ref.toString(), "source", source, "changes",
                diff.rows().size(), "items", items.size(),
                "notification", notification == null ? null : notification.toString());
        return true;
    }

    private List<Item> items(Connection c, UpdateDiff diff) throws SQLException {
        Set<String> candidates = new TreeSet<>();
        diff.namesByNamespace().forEach((ns, names) -> candidates.addAll(manifests.withPackages(ns, names)));
        Set<String> changed = diff.advisoryIds();
        MatchService before = null;
        List<Item> items = new ArrayList<>();
        for (String digest : candidates) {
            Optional<IndexedManifest> m = manifests.manifest(digest);
            if (m.isEmpty()) {
                continue; // deleted since the lookup
            }
            Map<String, Finding> after = byId(matcher.findings(m.get().packages(), m.get().distro()));
            Map<String, Optional<JsonNode>> known = snapshot(c, digest, changed);
            Map<String, JsonNode> reverted = Map.of();
            if (!known.keySet().containsAll(changed)) {
                if (before == null) {
                    before = matcher.over(new RevertedStore(store, diff.rows()));
                }
                Map<String, JsonNode> r = new HashMap<>();
                byId(before.findings(m.get().packages(), m.get().distro()))
                        .forEach((id, f) -> r.put(id, ClairVulnerabilities.summary(f)));
                reverted = r;
            }
            for (String id : changed) {
                Optional<JsonNode> previous = known.containsKey(id) ? known.get(id)
                        : Optional.ofNullable(reverted.get(id));
                boolean isAffected = after.containsKey(id);
                if (isAffected && previous.isEmpty()) {
                    items.add(new Item(digest, "added", id, ClairVulnerabilities.summary(after.get(id))));
                } else if (!isAffected && previous.isPresent()) {
                    items.add(new Item(digest, "removed", id, previous.get()));
                }
            }
            saveSnapshot(c, digest, changed, after);
        }
        return items;
    }

    /**
     * What the snapshot says about {@code ids} for the manifest: a summary when it was affected, empty when it was
     * known not to be; ids the snapshot has no verdict on are left out.
     */
    private static Map<String, Optional<JsonNode>> snapshot(Connection c, String digest, Set<String> ids)
            throws SQLException {
        Map<String, Optional<JsonNode>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT vuln_id, summary::text FROM notifier_snapshot "
                + "WHERE manifest = ? AND vuln_id = ANY (?)")) {
            ps.setString(1, digest);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String s = rs.getString(2);
                    out.put(rs.getString(1), s == null ? Optional.empty() : Optional.of(json(s)));
                }
            }
        }
        return out;
    }

    /** Records the manifest's verdict, after this update, on each vulnerability the update changed. */
    private static void saveSnapshot(Connection c, String digest, Set<String> changed, Map<String, Finding> after)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notifier_snapshot (manifest, vuln_id, summary) "
                + "VALUES (?, ?, ?::jsonb) ON CONFLICT (manifest, vuln_id) DO UPDATE SET summary = EXCLUDED.summary")) {
            for (String id : changed) {
                Finding f = after.get(id);
                ps.setString(1, digest);
                ps.setString(2, id);
                ps.setString(3, f == null ? null : ClairVulnerabilities.summary(f).toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertNotification(Connection c, UUID id, UUID ref, List<Item> items) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notification (id, ref) VALUES (?, ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, ref);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notification_item "
                + "(id, notification, seq, manifest, reason, vuln_id, summary) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            int seq = 0;
            for (Item i : items) {
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, id);
                ps.setInt(3, seq++);
                ps.setString(4, i.manifest());
                ps.setString(5, i.reason());
                ps.setString(6, i.vulnId());
                ps.setString(7, i.summary().toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void markProcessed(Connection c, UUID ref, UUID notification, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO notifier_processed (ref, notification, error) VALUES (?, ?, ?)")) {
            ps.setObject(1, ref);
            ps.setObject(2, notification);
            ps.setString(3, error);
            ps.executeUpdate();
        }
    }

    private static JsonNode json(String s) {
        return ClairJson.read(s);
    }

    /** One summary per vulnerability id: the first finding (findings come sorted by package) names it. */
    private static Map<String, Finding> byId(List<Finding> findings) {
        Map<String, Finding> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            out.putIfAbsent(f.advisory().id(), f);
        }
        return out;
    }
}
