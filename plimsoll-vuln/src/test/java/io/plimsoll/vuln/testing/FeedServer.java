package io.plimsoll.vuln.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A local HTTP server for updater tests: serves files from directories mounted at URL prefixes (the real-format
 * feed snapshots in ../shared/feeds at the paths the updaters request), with ETag/If-None-Match, and lets a test
 * script faults per path (a status code, an HTML page, a delay). Test-only: the product's server is not built on
 * the JDK's HTTP server.
 */
public final class FeedServer implements AutoCloseable {

    /** What to answer instead of the file; null from a fault function means "serve normally". */
    public record Fault(int status, String contentType, byte[] body, long delayMillis) {
        public static Fault status(int status) {
            return new Fault(status, "text/plain", ("status " + status).getBytes(), 0);
        }

        public static Fault html() {
            return new Fault(200, "text/html", "<!DOCTYPE html><html><body>Proxy login</body></html>".getBytes(), 0);
        }

        public static Fault delay(long millis) {
            return new Fault(-1, null, null, millis);
        }
    }

    private final HttpServer server;
    private final Map<String, Path> mounts = new ConcurrentHashMap<>();
    private final Map<String, Function<Integer, Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, Integer> hits = new ConcurrentHashMap<>();
    private final Map<String, Function<String, Path>> routes = new ConcurrentHashMap<>();
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    public final List<Map<String, List<String>>> requestHeaders = Collections.synchronizedList(new ArrayList<>());

    public FeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    /** Serves {@code dir}'s files below {@code /prefix/}. */
    public FeedServer mount(String prefix, Path dir) {
        mounts.put(trim(prefix), dir);
        return this;
    }

    /** Answers requests for exactly {@code path} (no query) with {@code fault(n)}, n = 1 for the first request. */
    public FeedServer fault(String path, Function<Integer, Fault> fault) {
        faults.put(path, fault);
        return this;
    }

    /**
     * Answers requests for exactly {@code path} (e.g. {@code /rest/json/cves/2.0}) with the file {@code byQuery}
     * picks for the raw query string (null or empty when there is none), for paged APIs whose pages differ only
     * in the query; a null file is a 404. Faults for the path still apply first.
     */
    public FeedServer route(String path, Function<String, Path> byQuery) {
        routes.put(path, byQuery);
        return this;
    }

    /** The base URL for a mount prefix, ending in {@code /}. */
    public String url(String prefix) {
        String p = trim(prefix);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + (p.isEmpty() ? "" : p + "/");
    }

    public int hits(String path) {
        return hits.getOrDefault(path, 0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requests.add(ex.getRequestURI().toString());
            requestHeaders.add(Map.copyOf(ex.getRequestHeaders()));
            int n = hits.merge(path, 1, Integer::sum);
            Function<Integer, Fault> f = faults.get(path);
            Fault fault = f == null ? null : f.apply(n);
            if (fault != null) {
                if (fault.delayMillis() > 0) {
                    try {
                        Thread.sleep(fault.delayMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (fault.status() > 0) {
                    ex.getResponseHeaders().set("Content-Type", fault.contentType());
                    send(ex, fault.status(), fault.body());
                    return;
                }
            }
            Function<String, Path> route = routes.get(path);
            Path file = route != null ? route.apply(ex.getRequestURI().getRawQuery()) : resolve(path.substring(1));
            if (file == null || !Files.isRegularFile(file)) {
                send(ex, 404, "not found".getBytes());
                return;
            }
            String etag = "\"" + Files.size(file) + "-" + Files.getLastModifiedTime(file).toMillis() + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                return;
            }
            send(ex, 200, Files.readAllBytes(file));
        }
    }

    private Path resolve(String path) {
        for (Map.Entry<String, Path> m : mounts.entrySet()) {
            String prefix = m.getKey();
            if (prefix.isEmpty() || path.startsWith(prefix + "/")) {
                Path root = m.getValue().toAbsolutePath().normalize();
                Path file = root.resolve(prefix.isEmpty() ? path : path.substring(prefix.length() + 1)).normalize();
                if (file.startsWith(root) && Files.exists(file)) {
                    return file;
                }
            }
        }
        return null;
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String trim(String prefix) {
        String p = prefix;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
