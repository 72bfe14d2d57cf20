package io.plimsoll.server.analysis;

import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import io.plimsoll.server.vulndb.FeedLoader;
import io.plimsoll.server.vulndb.FeedSettings;
import io.plimsoll.server.vulndb.UpdaterModule;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.VulnStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Anchore's feed routes: {@code GET /v1/system/feeds} (one feed, {@value FeedSettings#FEED}, whose groups are the
 * sources the data came from, with record counts and switches), {@code PUT /v1/system/feeds/{feed}[/{group}]
 * ?enabled=} (kept in PostgreSQL; every replica's updater skips what is switched off) and {@code POST
 * /v1/system/feeds} (a sync now, on a replica that runs the updater role).
 */
final class AnchoreFeeds {

    private final VulnStore store;
    private final FeedSettings settings;
    private final Optional<UpdaterModule> updater;
    private final Set<String> sources = new TreeSet<>();

    AnchoreFeeds(ServerContext ctx, VulnStore store, Optional<UpdaterModule> updater) {
        this.store = store;
        this.settings = new FeedSettings(ctx.database().dataSource());
        this.updater = updater;
        Ecosystems.updaters(ctx.config().updater().nvdApiKey()).stream().map(Updater::name).forEach(sources::add);
    }

    void routes(Router r) {
        r.get("/v1/system/feeds", ex -> ex.json(200, List.of(feed())));
        r.post("/v1/system/feeds", ex -> {
            requireAdmin(ex);
            sync(ex);
        });
        r.put("/v1/system/feeds/{feed}", ex -> {
            requireAdmin(ex);
            known(ex.param("feed"));
            settings.set("", enabled(ex));
            ex.json(200, feed());
        });
        r.put("/v1/system/feeds/{feed}/{group}", ex -> {
            requireAdmin(ex);
            known(ex.param("feed"));
            String group = ex.param("group");
            if (!sources.contains(group) && store.sources().stream().noneMatch(s -> s.name().equals(group))) {
                throw ApiException.notFound("feed " + FeedSettings.FEED + " has no group '" + group + "' (groups: "
                        + String.join(", ", sources) + ")");
            }
            settings.set(group, enabled(ex));
            // anchore-cli prints the one group it gets back
            ex.json(200, groups().stream().filter(g -> g.get("name").equals(group)).findFirst().orElseThrow());
        });
    }

    /** The feeds are the whole service's, so only the admin account switches or syncs them (as in Anchore). */
    private static void requireAdmin(Exchange ex) {
        if (!ex.principal().admin()) {
            throw new ApiException(403, "forbidden", "only the admin account's users may change or sync the feeds");
        }
    }

    private static void known(String feed) {
        if (!feed.equals(FeedSettings.FEED)) {
            throw ApiException.notFound("no feed '" + feed + "': Plimsoll's one feed is " + FeedSettings.FEED
                    + ", its groups are the sources");
        }
    }

    private static boolean enabled(Exchange ex) {
        String v = ex.query("enabled").orElseThrow(() -> ApiException.badRequest("give ?enabled=true or false"));
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw ApiException.badRequest("'enabled' must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** Anchore's FeedMetadata of the one feed. */
    private Map<String, Object> feed() throws SQLException {
        Optional<Instant> newest = store.sources().stream().flatMap(s -> s.updatedAt().stream())
                .max(Instant::compareTo);
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("name", FeedSettings.FEED);
        feed.put("enabled", settings.feedEnabled());
        feed.put("last_full_sync", newest.map(Instant::toString).orElse(null));
        feed.put("groups", groups());
        return feed;
    }

    /**
     * The groups: each source with data, its parts after it (OSV's ecosystems, "osv/PyPI": a client judges an image
     * by the parts it needs), then the sources switched off before they ever loaded.
     */
    private List<Map<String, Object>> groups() throws SQLException {
        Map<String, Boolean> switches = settings.groups();
        List<Map<String, Object>> groups = new ArrayList<>();
        Set<String> listed = new TreeSet<>();
        for (SourceStatus s : store.sources()) {
            boolean on = switches.getOrDefault(s.name(), true);
            for (SourceStatus part : Stream.concat(Stream.of(s), s.parts().stream()).toList()) {
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("name", part.name());
                g.put("enabled", on);
                g.put("last_sync", part.updatedAt().map(Instant::toString).orElse(null));
                g.put("record_count", part.records());
                g.put("last_error", part.error().orElse(null));
                groups.add(g);
            }
            listed.add(s.name());
        }
        switches.forEach((name, on) -> {
            if (!name.isEmpty() && !listed.contains(name)) {
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("name", name);
                g.put("enabled", on);
                g.put("last_sync", null);
                g.put("record_count", 0);
                groups.add(g);
            }
        });
        return groups;
    }

    /** Anchore's sync: the updater's round, now, answered with Anchore's FeedSyncResults. */
    private void sync(Exchange ex) throws Exception {
        if (ex.query("flush").map(Boolean::parseBoolean).orElse(false)) {
            throw ApiException.badRequest("flush is not supported: an update replaces each source's rows in one"
                    + " transaction, so there is nothing stale to flush");
        }
        UpdaterModule u = updater.orElseThrow(() -> ApiException.unavailable("this replica does not run the"
                + " updater role; the replicas that do update the feeds every updater.interval"));
        FeedLoader.Result result = u.runOnce().orElseThrow(() -> ApiException.conflict("another replica is"
                + " updating the feeds right now; GET /v1/system/feeds shows the result when it is done"));
        List<Object> groups = new ArrayList<>();
        for (FeedLoader.SourceResult s : result.sources()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("group", s.source());
            g.put("status", s.ok() ? "success" : "failure");
            g.put("updated_image_count", 0);
            g.put("updated_record_count", s.records());
            g.put("total_time_seconds", s.took().toMillis() / 1000.0);
            s.error().ifPresent(e -> g.put("error", e));
            groups.add(g);
        }
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("feed", FeedSettings.FEED);
        feed.put("status", result.allOk() ? "success" : "failure");
        feed.put("total_time_seconds", result.took().toMillis() / 1000.0);
        feed.put("groups", groups);
        ex.json(200, List.of(feed));
    }
}
