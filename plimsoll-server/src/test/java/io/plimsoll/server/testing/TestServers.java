package io.plimsoll.server.testing;

import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.config.ConfigLoader;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.http.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Starts real servers for tests: on 127.0.0.1 with a free port, over a database from {@link TestPostgres}. */
public final class TestServers {

    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServers() {
    }

    /**
     * A config for tests: {@code settings} are {@code PLIMSOLL_SERVER_*} style overrides keyed by setting name
     * (e.g. {@code "roles" -> "indexer,matcher"}); the database is {@code databaseUrl}; the schedule is off.
     */
    public static ServerConfig config(String databaseUrl, Path dataDir, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>();
        env.put("PLIMSOLL_SERVER_LISTEN", "127.0.0.1:0");
        env.put("PLIMSOLL_SERVER_DATABASE", databaseUrl);
        env.put("PLIMSOLL_SERVER_UPDATER_INTERVAL", "0");
        env.put("PLIMSOLL_SERVER_SHUTDOWN_GRACE", "2s");
        settings.forEach((k, v) -> env.put("PLIMSOLL_SERVER_" + k.replace('.', '_').toUpperCase(), v));
        return ConfigLoader.load(Optional.empty(), env, dataDir);
    }

    /** A started server; its JSON log lines go to {@code log} when given (tests read them), else are dropped. */
    public static PlimsollServer start(ServerConfig config, ByteArrayOutputStream log) throws Exception {
        PrintStream out = new PrintStream(log == null ? new ByteArrayOutputStream() : log, true, StandardCharsets.UTF_8);
        return PlimsollServer.start(config, new JsonLog(out, false));
    }

    /** A started server running only the modules {@code factory} creates. */
    public static PlimsollServer start(ServerConfig config, ByteArrayOutputStream log,
                                       io.plimsoll.server.ModuleFactory factory) throws Exception {
        PrintStream out = new PrintStream(log == null ? new ByteArrayOutputStream() : log, true, StandardCharsets.UTF_8);
        return PlimsollServer.start(config, new JsonLog(out, false), java.time.Clock.systemUTC(), factory);
    }

    public static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> send(String method, String url, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
