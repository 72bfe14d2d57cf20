package io.plimsoll.server.e2e;

import com.sun.net.httpserver.HttpServer;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Serves layer blobs on 127.0.0.1 at {@code /blobs/<hex>}; anything else is a 404. */
final class BlobServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

    BlobServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] b = blobs.get(ex.getRequestURI().getPath());
            if (b == null) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
    }

    Digest put(byte[] blob) {
        Digest d = Digest.sha256Of(blob);
        blobs.put("/blobs/" + d.hex(), blob);
        return d;
    }

    String url(Digest d) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/blobs/" + d.hex();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
