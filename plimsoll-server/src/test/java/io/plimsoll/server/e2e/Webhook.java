package io.plimsoll.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A notification receiver: answers 500 to the first {@code failures} calls, then 200. Records every call's body
 * and whether it was accepted.
 */
final class Webhook implements AutoCloseable {

    record Call(JsonNode body, String contentType, boolean accepted) {
    }

    private final HttpServer server;
    private final AtomicInteger failuresLeft;
    final List<Call> calls = new CopyOnWriteArrayList<>();

    Webhook(int port, int failures) throws IOException {
        failuresLeft = new AtomicInteger(failures);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/hook", ex -> {
            JsonNode body = E2eFixtures.json(new String(ex.getRequestBody().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
            boolean accept = failuresLeft.getAndDecrement() <= 0;
            calls.add(new Call(body, ex.getRequestHeaders().getFirst("Content-Type"), accept));
            ex.sendResponseHeaders(accept ? 200 : 500, -1);
            ex.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    List<Call> accepted() {
        return calls.stream().filter(Call::accepted).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
