package io.plimsoll.server.testing;

import com.sun.net.httpserver.HttpServer;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves layer blobs on 127.0.0.1 for indexer tests (the JDK's server is enough in tests) and counts the requests per path. */
public final class BlobServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    /** The X-Test header each path was requested with: proves the manifest's headers are sent. */
    public final Map<String, String> testHeaders = new ConcurrentHashMap<>();
    private final java.util.Set<String> chunked = ConcurrentHashMap.newKeySet();

    public BlobServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            String test = ex.getRequestHeaders().getFirst("X-Test");
            if (test != null) {
                testHeaders.put(path, test);
            }
            String to = redirects.get(path);
            if (to != null) {
                ex.getResponseHeaders().add("Location", to);
                ex.sendResponseHeaders(302, -1);
                ex.close();
                return;
            }
            byte[] b = blobs.get(path);
            if (b == null) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            ex.sendResponseHeaders(200, chunked.contains(path) ? 0 : b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
    }

    /** Serves {@code blob} at {@code /blobs/<hex>}; returns its digest. */
    public Digest put(byte[] blob) {
        Digest d = Digest.sha256Of(blob);
        blobs.put("/blobs/" + d.hex(), blob);
        return d;
    }

    /** Serves {@code bytes} at {@code path} whatever their digest. */
    public void putAt(String path, byte[] bytes) {
        blobs.put(path, bytes);
    }

    /** Serves {@code bytes} at {@code path} chunked, without a Content-Length. */
    public void putChunked(String path, byte[] bytes) {
        blobs.put(path, bytes);
        chunked.add(path);
    }

    public void redirect(String path, String location) {
        redirects.put(path, location);
    }

    public String url(Digest d) {
        return url("/blobs/" + d.hex());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int requests(Digest d) {
        return requests("/blobs/" + d.hex());
    }

    public int requests(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    public int totalRequests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
