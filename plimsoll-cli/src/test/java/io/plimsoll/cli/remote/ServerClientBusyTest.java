package io.plimsoll.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.plimsoll.model.Digest;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A server whose indexing slots are all taken answers 503 with Retry-After: the client waits it out, bounded. */
class ServerClientBusyTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers {@code busyAnswers} 503s (with {@code retryAfter} when not null), then 200 with a finished report. */
    private String start(int busyAnswers, String retryAfter, List<byte[]> bodies) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            byte[] body;
            if (calls.incrementAndGet() <= busyAnswers) {
                if (retryAfter != null) {
                    exchange.getResponseHeaders().add("Retry-After", retryAfter);
                }
                body = "{\"code\":\"busy\",\"message\":\"every indexing slot is taken\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(503, body.length);
            } else {
                body = "{\"success\":true,\"state\":\"IndexFinished\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
            }
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static ServerClient client(String url, Duration busyWait) {
        return new ServerClient(url, Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(10), busyWait);
    }

    @Test
    void aBusyServersRetryAfterIsWaitedOutAndTheRequestSentAgainWhole() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        String url = start(2, "1", bodies);
        var manifest = new ObjectMapper().readTree("{\"hash\":\"sha256:" + "a".repeat(64) + "\",\"layers\":[]}");
        assertThat(client(url, Duration.ofMinutes(1)).index(manifest).path("success").asBoolean()).isTrue();
        assertThat(bodies).hasSize(3).allSatisfy(b -> assertThat(new String(b, StandardCharsets.UTF_8))
                .isEqualTo(manifest.toString()));

        // an upload's body is read from the blob again for each attempt
        bodies.clear();
        server.stop(0);
        String again = start(1, "1", bodies);
        byte[] blob = "layer bytes".getBytes(StandardCharsets.UTF_8);
        AtomicInteger opened = new AtomicInteger();
        client(again, Duration.ofMinutes(1)).uploadLayer(Digest.sha256Of(blob), () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(blob);
        });
        assertThat(opened).hasValue(2);
        assertThat(bodies).hasSize(2).allSatisfy(b -> assertThat(b).isEqualTo(blob));
    }

    @Test
    void anUploadTurnedAwayBeforeItsBodyIsReadSendsNoBodyAndIsSentAgain() throws Exception {
        // a raw server, as Jetty behaves: it answers 100 Continue only once it reads the body, and a busy one answers
        // 503 at once without reading it
        byte[] blob = new byte[256 << 10];
        new java.util.Random(3).nextBytes(blob);
        List<Long> bodyBytesSeen = java.util.Collections.synchronizedList(new ArrayList<>());
        try (java.net.ServerSocket raw = new java.net.ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                for (int attempt = 0; attempt < 2; attempt++) {
                    try (java.net.Socket s = raw.accept()) {
                        s.setSoTimeout(2_000);
                        var in = s.getInputStream();
                        String head = readHead(in);
                        assertThat(head.toLowerCase(java.util.Locale.ROOT)).contains("expect: 100-continue");
                        var out = s.getOutputStream();
                        if (attempt == 0) {
                            out.write(("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n"
                                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            long seen = 0;
                            try {
                                byte[] buf = new byte[8192];
                                int n;
                                while ((n = in.read(buf)) > 0) {
                                    seen += n;
                                }
                            } catch (java.net.SocketTimeoutException quiet) {
                                // nothing more came
                            }
                            bodyBytesSeen.add(seen);
                        } else {
                            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            bodyBytesSeen.add(chunkedBodyLength(in)); // a stream's length is not known ahead
                            out.write(("HTTP/1.1 201 Created\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    } catch (java.io.IOException e) {
                        bodyBytesSeen.add(-2L);
                    }
                }
            });
            t.start();
            try {
                client("http://127.0.0.1:" + raw.getLocalPort(), Duration.ofMinutes(1))
                        .uploadLayer(Digest.sha256Of(blob), () -> new ByteArrayInputStream(blob));
            } finally {
                t.join(10_000);
            }
        }
        // the turned-away attempt sent no byte of the blob; the second sent all of it
        assertThat(bodyBytesSeen).containsExactly(0L, (long) blob.length);
    }

    /** Reads a chunked body to its end; its length. */
    private static long chunkedBodyLength(java.io.InputStream in) throws java.io.IOException {
        long total = 0;
        while (true) {
            String size = readLine(in);
            long n = Long.parseLong(size.split(";")[0].strip(), 16);
            if (n == 0) {
                readLine(in);
                return total;
            }
            total += in.readNBytes((int) n).length;
            readLine(in);
        }
    }

    private static String readLine(java.io.InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static String readHead(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }

    @Test
    void waitingEndsAtItsBudgetWithTheServersReason() throws Exception {
        String url = start(100, "1", new ArrayList<>());
        var manifest = new ObjectMapper().readTree("{\"layers\":[]}");
        assertThatThrownBy(() -> client(url, Duration.ofSeconds(2)).index(manifest))
                .isInstanceOf(ServerException.class)
                .hasMessage("the Plimsoll server at " + url + " was still busy (503) after 2 s of retrying POST "
                        + "/indexer/api/v1/index_report: every indexing slot is taken");
    }

    @Test
    void a503WithoutRetryAfterIsAFailureAtOnce() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        String url = start(100, null, bodies);
        assertThatThrownBy(() -> client(url, Duration.ofMinutes(1)).index(new ObjectMapper().readTree("{}")))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("503");
        assertThat(bodies).hasSize(1);
    }
}
