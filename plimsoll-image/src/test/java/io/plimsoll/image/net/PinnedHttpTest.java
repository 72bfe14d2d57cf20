package io.plimsoll.image.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.plimsoll.image.testing.RecordingProxy;
import io.plimsoll.image.testing.TestCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedHttpTest {

    private static final byte[] BODY = "x".repeat(10_000).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;
    private HttpServer upstream;
    /** The client port of each request the upstream answered: one port per connection. */
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();
    private final List<String> requestBodies = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    private int serve(HttpServer s) {
        upstream = s;
        s.createContext("/", x -> {
            clientPorts.add(x.getRemoteAddress().getPort());
            userAgents.add(x.getRequestHeaders().getFirst("User-Agent"));
            requestBodies.add(x.getRequestMethod() + " " + new String(x.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            boolean chunked = x.getRequestURI().getPath().endsWith("/chunked");
            x.sendResponseHeaders(200, chunked ? 0 : BODY.length);
            x.getResponseBody().write(BODY);
            x.close();
        });
        s.start();
        return s.getAddress().getPort();
    }

    private static byte[] get(PinnedHttp http, String uri) throws IOException {
        PinnedHttp.Response r = http.send(URI.create(uri), "GET", Map.of());
        assertThat(r.status()).isEqualTo(200);
        try (InputStream in = r.body()) {
            return in.readAllBytes();
        }
    }

    @Test
    void answersReadToTheirEndLeaveTheConnectionForTheNextRequest() throws Exception {
        int port = serve(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        String base = "http://127.0.0.1:" + port;
        try (PinnedHttp http = HttpClients.system().pinned(AddressGuard.permissive(), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Optional.empty())) {
            assertThat(get(http, base + "/a")).isEqualTo(BODY);
            assertThat(get(http, base + "/b/chunked")).isEqualTo(BODY);
            assertThat(get(http, base + "/c")).isEqualTo(BODY);
            assertThat(clientPorts).hasSize(3).containsOnly(clientPorts.get(0));

            // a body closed before its end leaves unread bytes on the connection: it is not reused
            http.send(URI.create(base + "/d"), "GET", Map.of()).body().close();
            assertThat(get(http, base + "/e")).isEqualTo(BODY);
            assertThat(clientPorts.get(4)).isNotEqualTo(clientPorts.get(3));
            assertThat(userAgents).containsOnly(HttpClients.system().userAgent());
        }
    }

    @Test
    void aRequestWithABodySendsItWholeOnANewConnection() throws Exception {
        int port = serve(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        String base = "http://127.0.0.1:" + port;
        try (PinnedHttp http = HttpClients.system().pinned(AddressGuard.permissive(), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Optional.empty())) {
            assertThat(get(http, base + "/a")).isEqualTo(BODY); // leaves a kept connection
            PinnedHttp.Response r = http.send(URI.create(base + "/hook"), "POST",
                    Map.of("Content-Type", "application/json"), "{\"event\": 1}".getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).isEqualTo(200);
            try (InputStream in = r.body()) {
                assertThat(in.readAllBytes()).isEqualTo(BODY);
            }
            // the POST did not take the kept connection: sent again on a stale one, it would arrive twice
            assertThat(clientPorts).hasSize(2).doesNotHaveDuplicates();
            assertThat(get(http, base + "/b")).isEqualTo(BODY);
            assertThat(requestBodies).containsExactly("GET ", "POST {\"event\": 1}", "GET ");
        }
    }

    @Test
    void plainHttpThroughTheProxyChecksTheTargetAndSendsTheAbsoluteUri() throws Exception {
        int port = serve(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        try (RecordingProxy proxy = RecordingProxy.to(port);
             PinnedHttp http = HttpClients.system().withProxies(proxy.rules("")).pinned(AddressGuard.permissive(),
                     Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.empty())) {
            // 127.0.0.2 is not the local host the rules always leave direct; nothing listens there
            assertThat(get(http, "http://127.0.0.2:9/layer?x=1")).isEqualTo(BODY);
            assertThat(proxy.seen()).singleElement().satisfies(s -> {
                assertThat(s.target()).isEqualTo("http://127.0.0.2:9/layer?x=1");
                assertThat(s.header("Host")).isEqualTo("127.0.0.2:9");
                assertThat(s.header("User-Agent")).isEqualTo(HttpClients.system().userAgent());
            });
        }
    }

    @Test
    void httpsGoesThroughAConnectTunnelAndStillVerifiesTheTargetsCertificate() throws Exception {
        TestCertificate cert = TestCertificate.create(tmp, "target");
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(serverContext(cert)));
        int port = serve(s);
        try (RecordingProxy proxy = RecordingProxy.to(port)) {
            HttpClients clients = HttpClients.system().withProxies(proxy.rules(""));
            try (PinnedHttp trusting = clients.pinned(AddressGuard.permissive(), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), Optional.of(cert.trustingIt()))) {
                assertThat(get(trusting, "https://127.0.0.2:8443/blob")).isEqualTo(BODY);
            }
            assertThat(proxy.seen()).extracting(RecordingProxy.Seen::method, RecordingProxy.Seen::target)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("CONNECT", "127.0.0.2:8443"));

            try (PinnedHttp systemCas = clients.pinned(AddressGuard.permissive(), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), Optional.empty())) {
                assertThatThrownBy(() -> get(systemCas, "https://127.0.0.2:8443/blob"))
                        .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            }
        }
    }

    @Test
    void theGuardChecksTheProxysAddressAndTheTargetsNameBeforeAnythingIsSent() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.to(9)) {
            HttpClients clients = HttpClients.system().withProxies(proxy.rules(""));
            AddressGuard publicOnly = new AddressGuard(false) {
                @Override
                public List<InetAddress> resolve(URI uri) throws AddressRefusedException {
                    if (uri.getHost().equals("registry.example")) {
                        try {
                            return List.of(InetAddress.getByName("203.0.113.7")); // as if DNS said so
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return super.resolve(uri);
                }
            };
            PinnedHttp http = clients.pinned(publicOnly, Duration.ofSeconds(5), Duration.ofSeconds(5),
                    Optional.empty());

            assertThatThrownBy(() -> http.send(URI.create("https://registry.example/v2/"), "GET", Map.of()))
                    .isInstanceOf(AddressRefusedException.class).hasMessageContaining("127.0.0.1 (loopback");
            assertThatThrownBy(() -> http.send(URI.create("https://10.1.2.3/v2/"), "GET", Map.of()))
                    .isInstanceOf(AddressRefusedException.class).hasMessageContaining("10.1.2.3");
            assertThat(proxy.seen()).isEmpty();
        }
    }

    @Test
    void theConnectionGoesToTheAddressTheGuardResolvedAndThatAddressIsCheckedAgain() throws Exception {
        int port = serve(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        // "rebind.example" resolves nowhere: only the guard's one answer can lead to the upstream
        AddressGuard resolvesOnce = new AddressGuard(true) {
            @Override
            public List<InetAddress> resolve(URI uri) {
                return List.of(InetAddress.getLoopbackAddress());
            }
        };
        try (PinnedHttp http = HttpClients.system().pinned(resolvesOnce, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Optional.empty())) {
            assertThat(get(http, "http://rebind.example:" + port + "/a")).isEqualTo(BODY);
        }
        // a resolution that let loopback through (as a DNS answer changing between check and use would) still
        // meets the check on the address the socket is connected to: nothing is sent
        AddressGuard checksTheSocket = new AddressGuard(false) {
            @Override
            public List<InetAddress> resolve(URI uri) {
                return List.of(InetAddress.getLoopbackAddress());
            }
        };
        try (PinnedHttp http = HttpClients.system().pinned(checksTheSocket, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Optional.empty())) {
            assertThatThrownBy(() -> get(http, "http://rebind.example:" + port + "/b"))
                    .isInstanceOf(AddressRefusedException.class).hasMessageContaining("127.0.0.1 (loopback");
        }
        assertThat(requestBodies).hasSize(1);
    }

    private static SSLContext serverContext(TestCertificate cert) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("target", cert.key(), "pw".toCharArray(), new Certificate[] {cert.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
