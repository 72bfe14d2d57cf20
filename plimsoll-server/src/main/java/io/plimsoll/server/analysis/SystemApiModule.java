package io.plimsoll.server.analysis;

import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.config.ServerConfig.Role;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How an Anchore client finds the service (role API): {@code GET /v1}, the API document at {@code /swagger.json}
 * and {@code /v1/swagger.json} (our own, listing what Plimsoll implements at Anchore's API level 0.1.20, from which
 * {@code anchore-cli} picks its code paths), and Anchore's service status at {@code /v1/status}, {@code /v1/system}
 * and {@code /v1/system/services}.
 */
public final class SystemApiModule implements ServerModule {

    /** The Anchore API level the document declares; clients compare it to pick request forms. */
    public static final String API_VERSION = "0.1.20";
    static final String DOCUMENT = "/anchore/swagger.json";

    /**
     * Anchore's service names for what a replica with these roles does, so {@code anchore-cli system wait} (which
     * waits for catalog, apiext, policy_engine, simplequeue and analyzer) finds them.
     */
    private static final Map<String, Role> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("apiext", Role.API);
        SERVICES.put("catalog", Role.API);
        SERVICES.put("simplequeue", Role.API);
        SERVICES.put("analyzer", Role.INDEXER);
        SERVICES.put("policy_engine", Role.MATCHER);
    }

    /**
     * The {@code error_type} values of the error body ({@code {"code": status, "error_type", "message", "detail"}})
     * that /v1 answers with, as {@code GET /v1/system/error_codes} lists them.
     */
    static final Map<String, String> ERROR_CODES = new LinkedHashMap<>();

    static {
        ERROR_CODES.put("bad-request", "400: the request is malformed or a parameter is invalid; the message names it");
        ERROR_CODES.put("unauthorized", "401: missing or wrong credentials");
        ERROR_CODES.put("forbidden", "403: the caller's account may not do this (another account, or not admin)");
        ERROR_CODES.put("not-found", "404: no such image, policy, account, user, feed or route for this account");
        ERROR_CODES.put("not-analyzed", "404: the image exists but its analysis is not (yet) available; the message"
                + " says its status and, when it failed, why");
        ERROR_CODES.put("method-not-allowed", "405: the route does not take this method");
        ERROR_CODES.put("conflict", "409: the request conflicts with the current state (an existing id, the active"
                + " policy bundle, a feed update already running)");
        ERROR_CODES.put("too-large", "413: the request body is over max_request_bytes");
        ERROR_CODES.put("unprocessable", "422: the body is well-formed but cannot be used (an unreadable SBOM)");
        ERROR_CODES.put("internal-error", "500: an unexpected error; the log has its request id");
        ERROR_CODES.put("unavailable", "503: the service cannot do this now (busy, database away, or the role runs on"
                + " another replica); retry later");
    }

    private final ServerContext ctx;
    private final byte[] document;
    private final String version;

    public SystemApiModule(ServerContext ctx) {
        this.ctx = ctx;
        this.document = read(DOCUMENT);
        this.version = plimsollVersion();
    }

    @Override
    public String name() {
        return "system-api";
    }

    @Override
    public void routes(Router r) {
        r.get("/v1", ex -> ex.json(200, "v1"));
        r.add("GET", "/swagger.json", this::document, true);
        r.add("GET", "/v1/swagger.json", this::document, true);
        r.get("/v1/status", ex -> ex.json(200, status(databaseVersion())));
        r.get("/v1/system", ex -> ex.json(200, Map.of("service_states", services(ex))));
        r.get("/v1/system/services", ex -> ex.json(200, services(ex)));
        r.get("/v1/system/error_codes", ex -> ex.json(200, ERROR_CODES.entrySet().stream()
                .map(e -> Map.of("name", e.getKey(), "description", e.getValue())).toList()));
    }

    private void document(Exchange ex) {
        ex.respond(200, "application/json", document);
    }

    private List<Object> services(Exchange ex) {
        String dbVersion = databaseVersion();
        List<Object> out = new ArrayList<>();
        for (var e : SERVICES.entrySet()) {
            if (!ctx.config().has(e.getValue())) {
                continue;
            }
            Map<String, Object> detail = status(dbVersion);
            boolean up = (Boolean) detail.get("up");
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("hostid", ctx.instanceId());
            s.put("servicename", e.getKey());
            s.put("base_url", ex.baseUrl());
            s.put("status_message", up ? "available" : "database unreachable");
            s.put("service_detail", detail);
            s.put("status", up);
            s.put("version", version);
            out.add(s);
        }
        return out;
    }

    private Map<String, Object> status(String dbVersion) {
        boolean up = ctx.database().healthy();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("available", up);
        out.put("busy", false);
        out.put("up", up);
        out.put("message", up ? "all good" : "the database is unreachable");
        out.put("version", version);
        out.put("db_version", dbVersion);
        out.put("detail", Map.of("api_version", API_VERSION, "roles", ctx.config().roles().toString()));
        return out;
    }

    /** The schema's migration level (Flyway's), or "unknown" when the database cannot say. */
    private String databaseVersion() {
        try (Connection c = ctx.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success"
                     + " ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : "unknown";
        } catch (SQLException e) {
            return "unknown";
        }
    }

    static byte[] read(String resource) {
        try (InputStream in = SystemApiModule.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version Maven wrote into the CLI's jar, "unknown" when running without it (tests). */
    public static String plimsollVersion() {
        Properties p = new Properties();
        try (InputStream in = SystemApiModule.class.getResourceAsStream("/plimsoll-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
