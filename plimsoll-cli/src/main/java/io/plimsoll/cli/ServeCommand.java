package io.plimsoll.cli;

import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.config.ConfigException;
import io.plimsoll.server.config.ConfigLoader;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.db.DatabaseException;
import io.plimsoll.server.http.JsonLog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plimsoll serve}: the Clair v4 and Anchore-style service over PostgreSQL. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run Plimsoll as a service: Clair v4 indexer/matcher/notifier API, Anchore-style analysis and "
                + "policy API, scheduled feed updates and notifications, over PostgreSQL.",
            "Without --database an embedded PostgreSQL is started in the data directory, so one command brings the "
                + "service up. Several replicas over one external PostgreSQL share the work.",
            "Settings come from --config (YAML), then PLIMSOLL_SERVER_<SETTING> environment variables "
                + "(PLIMSOLL_DATABASE_URL for the database), then these flags. Logs are JSON lines on stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:stopped cleanly (SIGTERM/SIGINT)", " 2:bad configuration, or the database cannot be "
                + "started, reached or migrated (the message says which)"})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Listen address (default 127.0.0.1:6060; "
            + "0.0.0.0:6060 for every interface, once auth.admin_password or auth.psk.key is set: without either "
            + "the server stays on loopback).")
    String listen;

    @Option(names = "--database", paramLabel = "URL", description = "postgresql://user:pass@host:5432/db "
            + "(default: PLIMSOLL_DATABASE_URL, else an embedded PostgreSQL in the data directory).")
    String database;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the embedded PostgreSQL keeps its data "
            + "(default: $XDG_DATA_HOME/plimsoll/server or ~/.local/share/plimsoll/server).")
    Path dataDir;

    @Option(names = "--roles", paramLabel = "ROLES", split = ",", description = "Comma-separated subset of "
            + "api,indexer,matcher,notifier,updater (default: all).")
    java.util.List<String> roles;

    @Option(names = "--from", paramLabel = "DIR", description = "Update feeds from this directory (laid out as "
            + "'db update --from' expects) instead of the network: air-gapped mode.")
    Path from;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = new HashMap<>(Settings.environment());
        if (listen != null) {
            env.put("PLIMSOLL_SERVER_LISTEN", listen);
        }
        if (database != null) {
            env.put("PLIMSOLL_SERVER_DATABASE", database);
        }
        if (roles != null) {
            env.put("PLIMSOLL_SERVER_ROLES", String.join(",", roles));
        }
        if (from != null) {
            env.put("PLIMSOLL_SERVER_UPDATER_FROM", from.toAbsolutePath().toString());
        }
        if (dataDir != null) {
            env.put("PLIMSOLL_SERVER_DATA_DIR", dataDir.toAbsolutePath().toString());
        }
        ServerConfig cfg;
        try {
            cfg = ConfigLoader.load(Optional.ofNullable(config), env, defaultDataDir(env));
        } catch (ConfigException e) {
            throw new UserInputException(e.getMessage());
        }
        boolean debug = spec.commandLine().getParseResult().hasMatchedOption("--debug");
        JsonLog log = new JsonLog(System.err, debug);
        // SIGTERM/SIGINT: taken over before the server starts (it says "started" from inside start(), and a manager
        // may stop it at once); after start this thread closes the server and returns, and the command exits 0 as
        // documented. Other ends of the JVM (SIGHUP, a signal the JVM kept) still close it in order through the hook.
        BlockingQueue<String> signals = new LinkedBlockingQueue<>();
        StopSignals.handle(name -> signals.offer("SIG" + name), "TERM", "INT");
        PlimsollServer server;
        try {
            server = PlimsollServer.start(cfg, log);
        } catch (DatabaseException | ConfigException e) {
            throw new UserInputException(e.getMessage());
        } catch (java.io.IOException e) {
            throw new UserInputException("cannot listen on " + cfg.listen() + ": " + e.getMessage());
        }
        AtomicBoolean closed = new AtomicBoolean();
        Consumer<String> shutdown = why -> {
            if (closed.compareAndSet(false, true)) {
                log.info("shutting down", "reason", why, "grace", cfg.shutdownGrace().toString());
                server.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown.accept("JVM shutdown"), "plimsoll-shutdown"));
        shutdown.accept(signals.take());
        return Main.OK;
    }

    static Path defaultDataDir(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "plimsoll", "server");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/plimsoll/server");
        }
        return home.resolve(".local/share/plimsoll/server");
    }
}
