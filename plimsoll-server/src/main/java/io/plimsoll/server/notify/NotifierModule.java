package io.plimsoll.server.notify;

import io.plimsoll.app.MatchService;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.model.version.VersionScheme;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.config.ConfigException;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.http.Router;
import io.plimsoll.server.index.IndexedManifests;
import io.plimsoll.vuln.match.MatchRule;
import io.plimsoll.vuln.store.VulnStore;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The NOTIFIER role: turns each feed update into at most one notification (which indexed manifests gained or lost
 * which vulnerability), announces it to the configured webhook, and serves its pages through Clair's notifier API.
 * Both loops poll every {@code notifier.poll}; every replica may run them, the database keeps them from doing the
 * same work twice. The vulnerability store and the manifests belong to the caller and are not closed here.
 */
public final class NotifierModule implements ServerModule {

    private final ServerContext ctx;
    private final UpdateProcessor processor;
    private final Optional<Delivery> delivery;
    private final NotificationApi api;
    private ScheduledExecutorService loops;

    public NotifierModule(ServerContext ctx, VulnStore store, IndexedManifests manifests) {
        this(ctx, store, manifests, Ecosystems.matchRules(), VersionSchemes::byName);
    }

    public NotifierModule(ServerContext ctx, VulnStore store, IndexedManifests manifests, List<MatchRule> rules,
                          Function<String, Optional<VersionScheme>> schemes) {
        this.ctx = ctx;
        ServerConfig.Notifier config = ctx.config().notifier();
        this.processor = new UpdateProcessor(ctx.database(), store, manifests,
                new MatchService(store, rules, schemes), ctx.log());
        this.delivery = config.webhook().map(w -> new Delivery(ctx.database(), webhook(w),
                config.callbackBase().orElseGet(() -> derivedBase(ctx.config())), config.deliveryRetry(),
                config.maxRetryDelay(), ctx.config().indexer().allowPrivateAddresses(), ctx.log(), ctx.metrics()));
        this.api = new NotificationApi(ctx.database(), config.pageSize());
    }

    private static URI webhook(String s) {
        try {
            URI u = URI.create(s.trim());
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting 'notifier.webhook' must be an http(s) URL, got '" + s + "'");
        }
    }

    /** Without {@code notifier.callback_base}: the listen address, with a wildcard host made reachable locally. */
    private static String derivedBase(ServerConfig config) {
        String listen = config.listen().replace("0.0.0.0:", "127.0.0.1:");
        return (config.tls().isPresent() ? "https://" : "http://") + listen;
    }

    @Override
    public String name() {
        return "notifier";
    }

    @Override
    public void routes(Router router) {
        api.routes(router);
    }

    @Override
    public void start() {
        long poll = Math.max(1, ctx.config().notifier().poll().toMillis());
        loops = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "plimsoll-notifier");
            t.setDaemon(true);
            return t;
        });
        loops.scheduleWithFixedDelay(() -> run("process", this::processPending), 0, poll, TimeUnit.MILLISECONDS);
        delivery.ifPresent(d -> loops.scheduleWithFixedDelay(() -> run("deliver", d::deliverDue), 0, poll,
                TimeUnit.MILLISECONDS));
    }

    /** Processes every pending update now (the loop does this every poll); 0 when another replica is at it. */
    public int processPending() throws SQLException {
        return processor.processPending();
    }

    /** Announces every due notification now; 0 when there is no webhook. */
    public int deliverDue() throws SQLException {
        return delivery.isPresent() ? delivery.get().deliverDue() : 0;
    }

    private interface Step {
        int run() throws Exception;
    }

    /** One loop iteration; an error is logged and retried next poll (an escaped exception would end the loop). */
    private void run(String what, Step step) {
        try {
            step.run();
        } catch (Exception | Error e) {
            // Errors too (an OutOfMemoryError of a large diff): logged with their class, never taken for bad data,
            // and the loop lives on to retry rather than stop notifying for good
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            ctx.log().error("notifier " + what + " failed; retrying next poll", "error", e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (loops != null) {
            loops.shutdownNow();
            loops.awaitTermination(ctx.config().shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
