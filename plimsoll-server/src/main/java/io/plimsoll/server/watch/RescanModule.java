package io.plimsoll.server.watch;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.registry.DockerConfig;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.analysis.ImageTags;
import io.plimsoll.server.registry.RegistryAccess;
import io.plimsoll.server.vulndb.FeedLoader;
import io.plimsoll.vuln.store.VulnStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rescan ({@code watcher.rescan}, zero: off): every analysed image matched and evaluated again against the data
 * as it is now ({@link Rescan}), every {@code watcher.rescan} and right after a feed update that changed data on
 * this replica (wired to the updater in {@code Modules}). It runs under the watcher's advisory lock, so it never
 * overlaps a watcher round or another replica's rescan. When the schedule is due is kept in {@code watch_rescan},
 * so replicas sharing it rescan once per period between them.
 */
public final class RescanModule implements ServerModule {

    /** How often a replica asks whether the scheduled rescan is due (or the period, when shorter). */
    private static final Duration POLL = Duration.ofMinutes(1);
    /** How long a rescan after a feed update waits between tries for a lock a watcher round holds. */
    private static final Duration LOCK_RETRY = Duration.ofSeconds(1);

    private final ServerContext ctx;
    private final Duration period;
    private final Rescan rescan;
    private final AtomicBoolean afterUpdateQueued = new AtomicBoolean();
    private ScheduledExecutorService scheduler;

    public RescanModule(ServerContext ctx, VulnStore store) throws ImageException {
        this(ctx, store, RegistrySettings.defaults(DockerConfig.fromEnvironment()));
    }

    public RescanModule(ServerContext ctx, VulnStore store, RegistrySettings registry) {
        this.ctx = ctx;
        this.period = ctx.config().watcher().rescan();
        SubscriptionRepository subscriptions = new SubscriptionRepository(ctx.database());
        ImageTags images = new ImageTags(ctx, store);
        Watcher watcher = new Watcher(subscriptions, new EventRepository(ctx.database(), ctx.instanceId()), images,
                new RegistryAccess(ctx, registry), WebhookTarget.of(ctx.config().watcher()), ctx.log());
        this.rescan = new Rescan(images, subscriptions, watcher, ctx.log());
    }

    @Override
    public String name() {
        return "rescan";
    }

    @Override
    public void start() {
        if (period.isZero()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rescan");
            t.setDaemon(true);
            return t;
        });
        long poll = Math.min(period.toMillis(), POLL.toMillis());
        scheduler.scheduleWithFixedDelay(() -> quietly(this::runIfDue), poll, poll, TimeUnit.MILLISECONDS);
    }

    /**
     * The updater's listener: after a round that changed data, a rescan is queued on this module's thread (the
     * updater's own lock is not held while it runs); rounds finishing while one is queued share it.
     */
    public void feedsUpdated(FeedLoader.Result result) {
        boolean changed = result.sources().stream().anyMatch(s -> s.operation().isPresent());
        if (!changed || scheduler == null || !afterUpdateQueued.compareAndSet(false, true)) {
            return;
        }
        scheduler.execute(() -> quietly(() -> {
            afterUpdateQueued.set(false);
            return runNow("feed update");
        }));
    }

    /** A scheduled pass when the last one finished at least a period ago (by the database's clock). */
    Optional<Rescan.Outcome> runIfDue() throws Exception {
        try (Connection lock = ctx.database().connection()) {
            if (!WatcherModule.lock(lock, "SELECT pg_try_advisory_lock(?)")) {
                return Optional.empty();
            }
            try {
                return due(lock) ? Optional.of(pass(lock, "schedule")) : Optional.empty();
            } finally {
                WatcherModule.lock(lock, "SELECT pg_advisory_unlock(?)");
            }
        }
    }

    /** A pass now, once the watcher's lock is free (a watcher round or another replica's pass may hold it). */
    Rescan.Outcome runNow(String reason) throws Exception {
        try (Connection lock = ctx.database().connection()) {
            while (!WatcherModule.lock(lock, "SELECT pg_try_advisory_lock(?)")) {
                Thread.sleep(LOCK_RETRY.toMillis());
            }
            try {
                return pass(lock, reason);
            } finally {
                WatcherModule.lock(lock, "SELECT pg_advisory_unlock(?)");
            }
        }
    }

    private boolean due(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT finished_at IS NOT NULL AND finished_at"
                + " > now() - make_interval(secs => ?) FROM watch_rescan WHERE id = 1")) {
            s.setDouble(1, period.toMillis() / 1000.0);
            try (ResultSet rs = s.executeQuery()) {
                return !rs.next() || !rs.getBoolean(1);
            }
        }
    }

    private Rescan.Outcome pass(Connection c, String reason) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO watch_rescan (id, started_at, reason) VALUES"
                + " (1, now(), ?) ON CONFLICT (id) DO UPDATE SET started_at = now(), finished_at = NULL,"
                + " reason = EXCLUDED.reason, images = 0, changed = 0")) {
            s.setString(1, reason);
            s.executeUpdate();
        }
        Rescan.Outcome outcome = rescan.run(reason);
        try (PreparedStatement s = c.prepareStatement("UPDATE watch_rescan SET finished_at = now(), images = ?,"
                + " changed = ? WHERE id = 1")) {
            s.setInt(1, outcome.images());
            s.setInt(2, outcome.rewritten());
            s.executeUpdate();
        }
        return outcome;
    }

    private interface Task {
        Object run() throws Exception;
    }

    private void quietly(Task task) {
        try {
            task.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a scheduled task that throws is never run again: log and keep the schedule
            ctx.log().warn("rescan failed", "error", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(ctx.config().shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
