package io.plimsoll.server.watch;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.registry.DockerConfig;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.analysis.ImageTags;
import io.plimsoll.server.registry.RegistryAccess;
import io.plimsoll.vuln.store.VulnStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The subscription watcher and webhook delivery of one replica (role NOTIFIER). Every {@code watcher.interval} a
 * replica that gets the watcher's PostgreSQL advisory lock looks at every active subscription ({@link Watcher});
 * the others skip that round, so replicas share the work and a watched repository's new tag is queued once. Due
 * webhook deliveries are sent every second by whichever replica locks them first.
 */
public final class WatcherModule implements ServerModule {

    /** Advisory-lock key of the watcher: "plimwtch" in ASCII, apart from the updater's and the notifier's. */
    static final long LOCK = 0x706c696d77746368L;
    private static final Duration DELIVERY_POLL = Duration.ofSeconds(1);

    private final ServerContext ctx;
    private final Watcher watcher;
    private final WebhookDelivery delivery;
    private ScheduledExecutorService scheduler;

    public WatcherModule(ServerContext ctx, VulnStore store) throws ImageException {
        this(ctx, store, RegistrySettings.defaults(DockerConfig.fromEnvironment()));
    }

    /** @param registry the process's registry settings, before each account's credentials */
    public WatcherModule(ServerContext ctx, VulnStore store, RegistrySettings registry) {
        this.ctx = ctx;
        this.watcher = new Watcher(new SubscriptionRepository(ctx.database()),
                new EventRepository(ctx.database(), ctx.instanceId()), new ImageTags(ctx, store),
                new RegistryAccess(ctx, registry), WebhookTarget.of(ctx.config().watcher()), ctx.log());
        this.delivery = new WebhookDelivery(ctx.database(), ctx.config().watcher(),
                ctx.config().indexer().allowPrivateAddresses(), ctx.log());
    }

    @Override
    public String name() {
        return "watcher";
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watcher");
            t.setDaemon(true);
            return t;
        });
        Duration interval = ctx.config().watcher().interval();
        if (!interval.isZero()) {
            scheduler.scheduleWithFixedDelay(this::tickQuietly, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        if (ctx.config().watcher().webhookUrl().isPresent()) {
            scheduler.scheduleWithFixedDelay(this::deliverQuietly, DELIVERY_POLL.toMillis(), DELIVERY_POLL.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (Exception e) {
            ctx.log().warn("watcher round failed", "error", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** One round if this replica gets the lock; -1 when another replica holds it. */
    int tick() throws Exception {
        try (Connection lock = ctx.database().connection()) {
            if (!lock(lock, "SELECT pg_try_advisory_lock(?)")) {
                return -1;
            }
            try {
                return watcher.tick();
            } finally {
                lock(lock, "SELECT pg_advisory_unlock(?)");
            }
        }
    }

    /** Runs {@code sql} ({@code pg_try_advisory_lock}, {@code pg_advisory_unlock}) on the watcher's lock. */
    static boolean lock(Connection c, String sql) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, LOCK);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private void deliverQuietly() {
        try {
            delivery.deliverDue();
        } catch (Exception e) {
            ctx.log().warn("webhook delivery round failed", "error", e.getMessage());
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
