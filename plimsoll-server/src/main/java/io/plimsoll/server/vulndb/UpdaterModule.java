package io.plimsoll.server.vulndb;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.config.ConfigException;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.HttpSettings;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.feed.Updater;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The updater role: loads the feeds into PostgreSQL at start and then every {@code updater.interval} (zero: only
 * when {@link #runOnce()} is called), from the network or from {@code updater.from} (air-gapped). Replicas share
 * one database, so a round first takes a PostgreSQL advisory lock on a connection of its own; a replica that does
 * not get it skips the round (another one is updating the same data right now).
 *
 * <p>Metrics: {@code plimsoll_feed_age_seconds{source}} (since the source's last successful update, whichever
 * replica did it) and {@code plimsoll_feed_update_duration_seconds} (the last round this replica ran).
 */
public final class UpdaterModule implements ServerModule {

    /** The advisory lock key of feed updates: "plimsoll" in ASCII, so it does not collide with other features. */
    public static final long LOCK_KEY = 0x706c696d736f6c6cL;

    private final ServerContext ctx;
    private final FeedLoader loader;
    private final FeedSettings settings;
    private final UpdateRunner.Origin origin;
    private final Map<String, Instant> fetchedAt = new ConcurrentHashMap<>();
    private final AtomicLong lastDurationMillis = new AtomicLong(-1);
    private final List<java.util.function.Consumer<FeedLoader.Result>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;

    /** The production module: the CLI's updaters, narrowed to {@code updater.sources}. */
    public UpdaterModule(ServerContext ctx) {
        this(ctx, select(Ecosystems.updaters(ctx.config().updater().nvdApiKey(), ctx.config().updater().amazonExtras()),
                ctx.config().updater().sources()));
    }

    /** A module running these updaters (tests pass their own). */
    public UpdaterModule(ServerContext ctx, List<Updater> updaters) {
        this.ctx = ctx;
        ServerConfig.Updater cfg = ctx.config().updater();
        this.loader = new FeedLoader(ctx.database().dataSource(), updaters, new LogProgress(ctx), 2, ctx.clock());
        this.settings = new FeedSettings(ctx.database().dataSource());
        this.origin = cfg.from().<UpdateRunner.Origin>map(dir -> new UpdateRunner.LocalDirectory(dir.toAbsolutePath()))
                .orElseGet(() -> new UpdateRunner.Network(withSlashes(cfg.feedUrls()),
                        ctx.config().dataDir().resolve("feed-cache"), HttpSettings.defaults()));
        Gauge.builder("plimsoll.feed.update.duration", lastDurationMillis, v -> v.get() < 0 ? Double.NaN : v.get() / 1000.0)
                .baseUnit("seconds").description("How long this replica's last feed update took")
                .register(ctx.metrics());
    }

    /**
     * Which updaters {@code sources} names; empty means every source but NVD (as the CLI's first scan: NVD's full
     * download takes hours without an API key). An unknown name is a configuration error listing the known ones.
     */
    public static List<Updater> select(List<Updater> all, List<String> sources) {
        if (sources.isEmpty()) {
            return all.stream().filter(u -> !u.name().equals("nvd")).toList();
        }
        Set<String> known = new TreeSet<>();
        all.forEach(u -> known.add(u.name()));
        for (String s : sources) {
            if (!known.contains(s)) {
                throw new ConfigException("setting 'updater.sources': unknown source '" + s + "' (known: "
                        + String.join(", ", known) + ")");
            }
        }
        return all.stream().filter(u -> sources.contains(u.name())).toList();
    }

    @Override
    public String name() {
        return "updater";
    }

    /**
     * Called after every round this replica ran (on the updating thread), e.g. for the notifier to look at the new
     * update operations at once instead of at its next poll. A listener that throws is logged and skipped.
     */
    public void addListener(java.util.function.Consumer<FeedLoader.Result> listener) {
        listeners.add(listener);
    }

    @Override
    public void start() {
        refreshAges();
        Duration interval = ctx.config().updater().interval();
        if (interval.isZero()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "feed-updater");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::scheduledRound, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scheduledRound() {
        try {
            runOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: log and keep the schedule
            ctx.log().error("feed update failed", "error", String.valueOf(e.getMessage()));
        }
    }

    /**
     * One update round, if this replica gets the update lock: empty when another replica holds it. Every source is
     * tried; failures are in the result (and the log), never thrown.
     */
    public Optional<FeedLoader.Result> runOnce() throws InterruptedException {
        try (Connection lock = ctx.database().connection()) {
            if (!tryLock(lock)) {
                ctx.log().info("feed update skipped: another replica is updating", "instance", ctx.instanceId());
                refreshAges();
                return Optional.empty();
            }
            try {
                ctx.log().info("feed update started", "sources", String.join(",", loader.updaters().stream()
                        .map(Updater::name).toList()), "origin", describe(origin));
                FeedLoader.Result result = loader.load(origin, settings.updatable());
                lastDurationMillis.set(result.took().toMillis());
                for (FeedLoader.SourceResult s : result.sources()) {
                    if (s.ok()) {
                        ctx.log().info("feed source updated", "source", s.source(), "records", s.records(),
                                "changed", s.operation().isPresent(), "added", s.added(), "removed", s.removed(),
                                "took_ms", s.took().toMillis());
                    } else {
                        ctx.log().warn("feed source failed; its previous data is kept", "source", s.source(),
                                "url", s.url(), "error", s.error().orElse(""));
                    }
                }
                ctx.log().info("feed update finished", "ok", result.allOk(), "took_ms", result.took().toMillis());
                refreshAges();
                for (java.util.function.Consumer<FeedLoader.Result> l : listeners) {
                    try {
                        l.accept(result);
                    } catch (RuntimeException e) {
                        ctx.log().error("feed update listener failed", "error", String.valueOf(e.getMessage()));
                    }
                }
                return Optional.of(result);
            } finally {
                unlock(lock);
            }
        } catch (SQLException e) {
            ctx.log().error("feed update could not start: database unavailable", "error", e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            p.setLong(1, LOCK_KEY);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Releases the session lock; a connection that cannot is evicted from the pool so the lock dies with it. */
    private void unlock(Connection c) {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            p.setLong(1, LOCK_KEY);
            p.execute();
        } catch (SQLException e) {
            if (ctx.database().dataSource() instanceof HikariDataSource h) {
                h.evictConnection(c);
            }
        }
    }

    /** Reads every source's last success, for the age gauges (registered when a source first appears). */
    private void refreshAges() {
        try (Connection c = ctx.database().connection();
             PreparedStatement p = c.prepareStatement("SELECT name, fetched_at FROM vuln_source WHERE fetched_at IS NOT NULL");
             ResultSet rs = p.executeQuery()) {
            Map<String, Instant> now = new HashMap<>();
            while (rs.next()) {
                now.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
            now.forEach((source, at) -> {
                if (fetchedAt.put(source, at) == null) {
                    Gauge.builder("plimsoll.feed.age", fetchedAt, m -> ageSeconds(m.get(source)))
                            .tag("source", source).baseUnit("seconds")
                            .description("Time since the source's data was last updated successfully")
                            .register(ctx.metrics());
                }
            });
        } catch (SQLException e) {
            ctx.log().warn("cannot read feed ages", "error", e.getMessage());
        }
    }

    private double ageSeconds(Instant at) {
        return at == null ? Double.NaN : Math.max(0, Duration.between(at, ctx.clock().instant()).toMillis() / 1000.0);
    }

    @Override
    public void close() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(ctx.config().shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static Map<String, String> withSlashes(Map<String, String> urls) {
        Map<String, String> out = new HashMap<>();
        // feed base URLs are directories (a missing slash drops the last segment); NVD's is an API endpoint
        urls.forEach((k, v) -> out.put(k, v.endsWith("/") || k.equals("nvd") ? v : v + "/"));
        return out;
    }

    private static String describe(UpdateRunner.Origin o) {
        return o instanceof UpdateRunner.LocalDirectory l ? l.root().toString() : "network";
    }

    /** Download retries and per-source endings go to the JSON log, so a network failure has a clear line. */
    private record LogProgress(ServerContext ctx) implements FeedProgress {

        @Override
        public void retrying(String source, String url, String why, long delayMillis) {
            ctx.log().warn("feed download retry", "source", source, "url", url, "error", why, "delay_ms", delayMillis);
        }

        @Override
        public void message(String source, String message) {
            ctx.log().debug("feed", "source", source, "message", message);
        }
    }
}
