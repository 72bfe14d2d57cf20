package io.plimsoll.server;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.plimsoll.server.account.Accounts;
import io.plimsoll.server.account.CallerAuthenticator;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.db.DatabaseException;
import io.plimsoll.server.http.HttpServer;
import io.plimsoll.server.http.JsonLog;
import io.plimsoll.server.http.JwtAuth;
import io.plimsoll.server.http.Router;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code plimsoll serve}: opens the database, starts the modules of the configured roles and serves their routes
 * plus {@code /healthz}, {@code /readyz} and Prometheus {@code /metrics}. Closing it stops accepting requests, lets
 * in-flight ones finish, stops the modules, then the database.
 */
public final class PlimsollServer implements AutoCloseable {

    private final ServerContext context;
    private final List<ServerModule> modules;
    private final HttpServer http;
    private final PrometheusMeterRegistry metrics;

    private PlimsollServer(ServerContext context, List<ServerModule> modules, HttpServer http,
                           PrometheusMeterRegistry metrics) {
        this.context = context;
        this.modules = modules;
        this.http = http;
        this.metrics = metrics;
    }

    public static PlimsollServer start(ServerConfig config, JsonLog log) throws Exception {
        return start(config, log, Clock.systemUTC());
    }

    public static PlimsollServer start(ServerConfig config, JsonLog log, Clock clock) throws Exception {
        return start(config, log, clock, Modules::forRoles);
    }

    /** Starts with the modules {@code factory} creates (tests run one feature's modules alone). */
    public static PlimsollServer start(ServerConfig config, JsonLog log, Clock clock, ModuleFactory factory)
            throws Exception {
        // the catalogers' limits are the process's: the indexer and the analysis worker read with the same ones
        io.plimsoll.ecosystem.CatalogLimits.use(config.catalogLimits());
        config = loopbackUnlessAuthenticated(config, log);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        Database db = Database.open(config.database(), config.dataDir(), config.databasePoolSize());
        String instance = java.net.InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        List<ServerModule> modules = new ArrayList<>();
        HttpServer http = null;
        try {
            Optional<Accounts> accounts = Optional.empty();
            if (config.adminPassword().isPresent()) {
                accounts = Optional.of(new Accounts(db));
                accounts.get().ensureAdmin(config.adminPassword().get().value());
            }
            Router router = new Router();
            http = new HttpServer(config, router, new CallerAuthenticator(accounts, config.auth().map(JwtAuth::new),
                    clock), metrics, log);
            http.open();
            // modules see the port actually bound (port 0 in tests), e.g. for the notifier's callback links
            String host = config.listen().substring(0, config.listen().lastIndexOf(':'));
            ServerContext ctx = new ServerContext(config.withListen(host + ":" + http.port()), db, metrics, log, clock,
                    instance, io.plimsoll.server.index.IndexAdmission.forHeap(Runtime.getRuntime().maxMemory(),
                    Runtime.getRuntime().availableProcessors()));
            modules.addAll(factory.create(ctx));
            for (ServerModule m : modules) {
                m.routes(router);
            }
            addOperations(router, ctx, modules, metrics);
            for (ServerModule m : modules) {
                m.start();
            }
            http.start();
            log.info("plimsoll server started", "listen", http.baseUrl(), "roles", config.roles().toString(),
                    "database", db.description(), "instance", instance, "auth", config.auth().isPresent(),
                    "accounts", config.adminPassword().isPresent());
            return new PlimsollServer(ctx, modules, http, metrics);
        } catch (Exception | Error e) {
            // Errors too: a failed start releases the port and the database, then rethrows what it caught
            if (http != null) {
                closeQuietly(http);
            }
            List<ServerModule> reversed = new ArrayList<>(modules);
            Collections.reverse(reversed);
            reversed.forEach(PlimsollServer::closeQuietly);
            db.close();
            throw e;
        }
    }

    /**
     * With neither an admin password nor a key, anyone who reaches the port is admin: such a server listens on
     * loopback only, whatever {@code listen} says, and says so.
     */
    static ServerConfig loopbackUnlessAuthenticated(ServerConfig config, JsonLog log) {
        if (config.authenticated()) {
            return config;
        }
        int colon = config.listen().lastIndexOf(':');
        String host = config.listen().substring(0, colon);
        if (isLoopback(host)) {
            log.info("no auth configured (auth.admin_password, auth.psk.key): every caller is admin; listening on"
                    + " loopback only", "listen", config.listen());
            return config;
        }
        String loopback = "127.0.0.1" + config.listen().substring(colon);
        log.warn("no auth configured (auth.admin_password, auth.psk.key): every caller would be admin, so the"
                + " server listens on loopback only instead of " + host, "listen", loopback);
        return config.withListen(loopback);
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equals("localhost") || h.equals("::1") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static void addOperations(Router router, ServerContext ctx, List<ServerModule> modules,
                                      PrometheusMeterRegistry metrics) {
        router.add("GET", "/healthz", ex -> ex.json(200, Map.of("status", "ok")), true);
        router.add("GET", "/readyz", ex -> {
            Map<String, Object> checks = new LinkedHashMap<>();
            boolean ok = ctx.database().healthy();
            checks.put("database", ok ? "ok" : "unreachable");
            for (ServerModule m : modules) {
                boolean r = m.ready();
                checks.put(m.name(), r ? "ok" : "not ready");
                ok &= r;
            }
            ex.json(ok ? 200 : 503, Map.of("status", ok ? "ok" : "not ready", "checks", checks));
        }, true);
        router.add("GET", "/metrics", ex -> ex.respond(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8)), true);
    }

    public ServerContext context() {
        return context;
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    public int port() {
        return http.port();
    }

    public Optional<ServerModule> module(String name) {
        return modules.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    @Override
    public void close() {
        closeQuietly(http);
        List<ServerModule> reversed = new ArrayList<>(modules);
        Collections.reverse(reversed);
        reversed.forEach(PlimsollServer::closeQuietly);
        metrics.close();
        context.database().close();
        context.log().info("plimsoll server stopped", "instance", context.instanceId());
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // shutting down: keep closing the rest
        }
    }
}
