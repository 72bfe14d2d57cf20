package io.plimsoll.image.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.plimsoll.image.testing.RecordingProxy;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

    private HttpServer upstream;
    private final List<String> userAgents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", x -> {
            userAgents.add(x.getRequestHeaders().getFirst("User-Agent"));
            byte[] body = ("you asked for " + x.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        upstream.start();
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
    }

    @Test
    void theUserAgentNamesPlimsollAndItsVersion() {
        assertThat(HttpClients.system().userAgent()).matches("plimsoll/\\d+\\.\\d+.*");
    }

    @Test
    void aStreamedConnectionGoesThroughTheProxyWithTheUserAgent() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.to(upstream.getAddress().getPort())) {
            HttpClients clients = HttpClients.system().withProxies(proxy.rules(""));
            // the name resolves nowhere: only a request through the proxy reaches the upstream
            HttpURLConnection c = clients.open(URI.create("http://feeds.proxied.test/a/b.json"),
                    Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.empty());

            assertThat(c.getResponseCode()).isEqualTo(200);
            try (InputStream in = c.getInputStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("you asked for /a/b.json");
            }
            assertThat(proxy.seen()).singleElement().satisfies(s -> {
                assertThat(s.method()).isEqualTo("GET");
                assertThat(s.target()).isEqualTo("http://feeds.proxied.test/a/b.json");
                assertThat(s.header("User-Agent")).isEqualTo(clients.userAgent());
            });
            assertThat(userAgents).containsExactly(clients.userAgent());
        }
    }

    @Test
    void theJavaNetHttpClientGoesThroughTheProxyAndNoProxyBypassesIt() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.to(upstream.getAddress().getPort())) {
            HttpClients clients = HttpClients.system().withProxies(proxy.rules("bypassed.test"));
            var http = clients.client(Duration.ofSeconds(5), Optional.empty()).build();

            HttpResponse<String> r = http.send(clients.request(URI.create("http://hooks.proxied.test/hook"),
                    Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("you asked for /hook");
            assertThat(proxy.seen()).extracting(RecordingProxy.Seen::target)
                    .containsExactly("http://hooks.proxied.test/hook");
            assertThat(userAgents).containsExactly(clients.userAgent());

            // bypassed: the client resolves the name itself (and fails), the proxy sees nothing
            assertThatThrownBy(() -> http.send(clients.request(URI.create("http://hooks.bypassed.test/hook"),
                    Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
            assertThat(proxy.seen()).hasSize(1);
        }
    }

    @Test
    void aServerThatNeverAnswersRunsIntoTheReadAndRequestTimeouts() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException ignored) {
                    // closed
                }
            });
            t.setDaemon(true);
            t.start();
            URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/");
            HttpClients clients = HttpClients.system();

            HttpURLConnection c = clients.open(uri, Duration.ofSeconds(5), Duration.ofMillis(200), Optional.empty());
            assertThatThrownBy(c::getResponseCode).isInstanceOf(SocketTimeoutException.class);

            var http = clients.client(Duration.ofSeconds(5), Optional.empty()).build();
            assertThatThrownBy(() -> http.send(clients.request(uri, Duration.ofMillis(200)).build(),
                    HttpResponse.BodyHandlers.discarding())).isInstanceOf(HttpTimeoutException.class);

            PinnedHttp pinned = clients.pinned(AddressGuard.permissive(), Duration.ofSeconds(5), Duration.ofMillis(200),
                    Optional.empty());
            assertThatThrownBy(() -> pinned.send(uri, "GET", java.util.Map.of()))
                    .isInstanceOf(SocketTimeoutException.class);
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
