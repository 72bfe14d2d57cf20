package io.plimsoll.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.plimsoll.server.config.ConfigException;
import io.plimsoll.server.config.ServerConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP listener (Jetty 12): request ids, the caller checked by an {@link Authenticator}, body-size limits,
 * Clair-style error bodies (Anchore's on /v1), a latency timer per route template, one JSON
 * access-log line per request, and graceful shutdown.
 */
public final class HttpServer implements AutoCloseable {

    private final Server jetty;
    private final ServerConnector connector;
    private final boolean tls;

    public HttpServer(ServerConfig config, Router router, Authenticator auth, MeterRegistry metrics, JsonLog log) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("plimsoll-http");
        jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(16 * 1024);
        // an encoded slash stays inside its path segment: Anchore names a registry host:5000/ns in one segment
        // (anchore-cli sends registries/host%3A5000%2Fns); the router matches such a path segment by segment
        http.setUriCompliance(UriCompliance.DEFAULT.with("plimsoll", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        tls = config.tls().isPresent();
        if (tls) {
            ServerConfig.Tls t = config.tls().get();
            if (!Files.isReadable(t.keyStore())) {
                throw new ConfigException("tls.key_store: cannot read " + t.keyStore());
            }
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(t.keyStore().toString());
            ssl.setKeyStorePassword(t.keyStorePassword());
            http.addCustomizer(new SecureRequestCustomizer(false));
            connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        }
        int colon = config.listen().lastIndexOf(':');
        String host = config.listen().substring(0, colon);
        connector.setHost(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        connector.setPort(Integer.parseInt(config.listen().substring(colon + 1)));
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        jetty.addConnector(connector);
        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(new ApiHandler(router, auth, metrics, log, config.maxRequestBytes()));
        jetty.setHandler(graceful);
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setStopTimeout(config.shutdownGrace().toMillis());
    }

    /** Binds the listening socket, so {@link #port()} is known before the modules are created. */
    public void open() throws Exception {
        connector.open();
    }

    public void start() throws Exception {
        jetty.start();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The base URL clients reach this listener at. */
    public String baseUrl() {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1"
                : connector.getHost();
        return (tls ? "https" : "http") + "://" + host + ":" + port();
    }

    /** Stops accepting, lets in-flight requests finish within the grace period, then stops. */
    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    private static final class ApiHandler extends Handler.Abstract {

        private final Router router;
        private final Authenticator auth;
        private final MeterRegistry metrics;
        private final JsonLog log;
        private final long maxBody;

        ApiHandler(Router router, Authenticator auth, MeterRegistry metrics, JsonLog log, long maxBody) {
            super(InvocationType.BLOCKING);
            this.router = router;
            this.auth = auth;
            this.metrics = metrics;
            this.log = log;
            this.maxBody = maxBody;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long start = System.nanoTime();
            String requestId = Optional.ofNullable(request.getHeaders().get("X-Request-Id"))
                    .filter(s -> s.matches("[A-Za-z0-9._:-]{1,128}")).orElseGet(() -> UUID.randomUUID().toString());
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            String raw = request.getHttpURI().getPath();
            Optional<Router.Match> match = raw != null && raw.toLowerCase(java.util.Locale.ROOT).contains("%2f")
                    ? router.findEncoded(method, raw) : router.find(method, path);
            String template = match.map(m -> m.entry().template()).orElse("unmatched");
            Exchange ex = new Exchange(request, match.map(Router.Match::params).orElse(Map.of()), requestId, maxBody);
            try {
                // the caller is checked before the route, so one without credentials cannot map which paths exist
                if (match.isEmpty() || !match.get().entry().publicRoute()) {
                    ex.principal(auth.authenticate(ex));
                }
                if (match.isEmpty()) {
                    var allowed = router.methodsFor(path);
                    if (allowed.isEmpty()) {
                        throw ApiException.notFound("no such endpoint: " + path);
                    }
                    ex.header("Allow", String.join(", ", allowed));
                    throw new ApiException(405, "method-not-allowed", method + " is not allowed on " + path);
                }
                match.get().entry().route().handle(ex);
            } catch (ApiException e) {
                if (e.status() == 401 || e.status() == 403) {
                    accessError(ex, path, e);
                } else {
                    fail(ex, path, e);
                }
            } catch (Exception | Error e) {
                if (ranOutOfMemory(e)) {
                    // the heap was exhausted by this or a concurrent request; the server goes on, the client retries
                    ex.header("Retry-After", "30");
                    fail(ex, path, new ApiException(503, "unavailable", "the server ran out of memory handling "
                            + "this request; retry later (request id " + requestId + ")"));
                } else {
                    // a defect or another JVM Error is the server's fault: 500 with the request id, never a 4xx
                    fail(ex, path, new ApiException(500, "internal-error", "internal error (request id " + requestId
                            + ")"));
                }
                log.error("request failed", "request_id", requestId, "method", method, "path", path, "error", e);
            }
            if (!ex.drainUnreadBody()) {
                // a body too large to drain: Jetty closes the connection, and saying so keeps a keep-alive client
                // from sending its next request down it
                ex.header("Connection", "close");
            }
            int status = ex.status();
            response.setStatus(status);
            response.getHeaders().put("X-Request-Id", requestId);
            ex.responseHeaders().forEach((k, v) -> response.getHeaders().put(k, v));
            byte[] body = ex.responseBody();
            if (ex.contentType() != null && body.length > 0) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, ex.contentType());
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            long nanos = System.nanoTime() - start;
            Timer.builder("http.server.requests").tag("method", method).tag("uri", template)
                    .tag("status", Integer.toString(status)).publishPercentileHistogram()
                    .register(metrics).record(nanos, TimeUnit.NANOSECONDS);
            log.info("request", "request_id", requestId, "method", method, "path", path, "route", template,
                    "status", status, "duration_ms", nanos / 1_000_000.0, "remote", ex.remote(),
                    "subject", ex.subject().orElse(null));
            response.write(true, method.equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
            return true;
        }

        /**
         * A refused caller: Anchore's error body on its API (its clients read {@code message}), Clair's elsewhere;
         * a 401 names the schemes the server takes.
         */
        private void accessError(Exchange ex, String path, ApiException e) {
            if (isHarborPath(path)) {
                harborError(ex, e);
            } else if (isAnchorePath(path)) {
                anchoreError(ex, e);
            } else {
                error(ex, e.status(), e.code(), e.getMessage());
            }
            if (e.status() == 401) {
                ex.header("WWW-Authenticate", auth.challenge());
            }
        }

        /**
         * Whether the heap ran out: an OutOfMemoryError, or one inside another throwable. The JVM throws one
         * preallocated instance when it cannot build a new one, and a try-with-resources whose close ran out too
         * then fails on adding that same instance to itself ("Self-suppression not permitted", the OOM its cause).
         */
        private static boolean ranOutOfMemory(Throwable e) {
            int depth = 0;
            for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
                if (t instanceof OutOfMemoryError) {
                    return true;
                }
            }
            return false;
        }

        private static void fail(Exchange ex, String path, ApiException e) {
            if (isHarborPath(path)) {
                harborError(ex, e);
            } else if (isAnchorePath(path)) {
                anchoreError(ex, e);
            } else {
                error(ex, e.status(), e.code(), e.getMessage());
            }
        }

        private static boolean isAnchorePath(String path) {
            return path.equals("/v1") || path.startsWith("/v1/");
        }

        private static boolean isHarborPath(String path) {
            return path.equals("/harbor") || path.startsWith("/harbor/");
        }

        /** Harbor's scanner adapter error body, {@code ErrorResponse}: Harbor shows {@code error.message}. */
        private static void harborError(Exchange ex, ApiException e) {
            String json = "{\"error\":{\"message\":" + quote(e.getMessage()) + "}}";
            ex.respond(e.status(), "application/vnd.scanner.adapter.error+json; version=1.0",
                    json.getBytes(StandardCharsets.UTF_8));
        }

        /** Anchore's error body, {@code ApiErrorResponse}: its clients print {@code message} and {@code detail}. */
        private static void anchoreError(Exchange ex, ApiException e) {
            String json = "{\"code\":" + e.status() + ",\"error_type\":" + quote(e.code()) + ",\"message\":"
                    + quote(e.getMessage()) + ",\"detail\":{}}";
            ex.respond(e.status(), "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        private static void error(Exchange ex, int status, String code, String message) {
            String json = "{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}";
            ex.respond(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        private static String quote(String s) {
            try {
                return Exchange.JSON.writeValueAsString(s == null ? "" : s);
            } catch (Exception e) {
                return "\"\"";
            }
        }
    }
}
