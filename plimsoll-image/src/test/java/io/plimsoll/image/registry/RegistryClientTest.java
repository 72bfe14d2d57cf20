package io.plimsoll.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.plimsoll.image.net.HttpClients;
import io.plimsoll.image.testing.RecordingProxy;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry behaviour the real registry does not show in a test setup (token service, redirects to blob storage,
 * 503s, schema 1), played by small in-process servers.
 */
class RegistryClientTest {

    @TempDir
    Path tmp;
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    private static final byte[] MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private HttpServer server(String host) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.start();
        servers.add(s);
        return s;
    }

    private RegistryClient client(Credentials c) throws Exception {
        RegistrySettings s = RegistrySettings.defaults(DockerConfig.load(tmp.resolve("none.json")))
                .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
        return new RegistryClient(c == null ? s : s.withCredentials(c));
    }

    private static void answer(HttpExchange x, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            x.getResponseHeaders().add("Content-Type", contentType);
        }
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            x.getResponseBody().write(body);
        }
        x.close();
    }

    @Test
    void bearerChallengeFetchesATokenOncePerScopeWithTheCredentials() throws Exception {
        HttpServer s = server("registry");
        int port = s.getAddress().getPort();
        AtomicInteger tokenRequests = new AtomicInteger();
        Map<String, String> tokenQuery = new ConcurrentHashMap<>();
        s.createContext("/token", x -> {
            tokenRequests.incrementAndGet();
            tokenQuery.put("query", x.getRequestURI().getRawQuery());
            tokenQuery.put("auth", String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
            answer(x, 200, "application/json", "{\"token\":\"tok-123\"}".getBytes(StandardCharsets.UTF_8));
        });
        s.createContext("/v2/", x -> {
            if (!"Bearer tok-123".equals(x.getRequestHeaders().getFirst("Authorization"))) {
                x.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:" + port
                        + "/token\",service=\"test-registry\",scope=\"repository:team/app:pull\"");
                answer(x, 401, "application/json", new byte[0]);
                return;
            }
            answer(x, 200, "application/vnd.oci.image.manifest.v1+json", MANIFEST);
        });
        RegistryClient c = client(new Credentials("ci", "pw"));
        RegistryReference ref = RegistryReference.parse("127.0.0.1:" + port + "/team/app:1.0");

        assertThat(c.manifest(ref, "1.0").digest()).isEqualTo(Digest.sha256Of(MANIFEST));
        assertThat(c.manifest(ref, "1.0").body()).isEqualTo(MANIFEST);

        assertThat(tokenRequests).hasValue(1);
        assertThat(tokenQuery.get("query")).isEqualTo("service=test-registry&scope=repository%3Ateam%2Fapp%3Apull");
        assertThat(tokenQuery.get("auth")).isEqualTo(new Credentials("ci", "pw").basicHeader());
    }

    @Test
    void redirectsToAnotherHostGetNoAuthorizationHeader() throws Exception {
        HttpServer storage = server("storage");
        Map<String, String> seen = new ConcurrentHashMap<>();
        byte[] blob = "layer bytes".getBytes(StandardCharsets.UTF_8);
        storage.createContext("/signed", x -> {
            seen.put("auth", String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
            answer(x, 200, "application/octet-stream", blob);
        });
        HttpServer s = server("registry");
        int port = s.getAddress().getPort();
        s.createContext("/v2/", x -> {
            if (x.getRequestHeaders().getFirst("Authorization") == null) {
                x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"r\"");
                answer(x, 401, null, new byte[0]);
                return;
            }
            // "localhost" vs "127.0.0.1": same machine, different host as far as the client can tell
            x.getResponseHeaders().add("Location", "http://localhost:" + storage.getAddress().getPort() + "/signed?sig=1");
            answer(x, 307, null, new byte[0]);
        });
        RegistryReference ref = RegistryReference.parse("127.0.0.1:" + port + "/team/app:1.0");
        try (var in = client(new Credentials("ci", "pw")).blob(ref, Digest.sha256Of(blob))) {
            assertThat(in.readAllBytes()).isEqualTo(blob);
        }
        assertThat(seen.get("auth")).isEqualTo("null");
    }

    @Test
    void serviceUnavailableIsRetriedThenSucceeds() throws Exception {
        HttpServer s = server("registry");
        AtomicInteger calls = new AtomicInteger();
        s.createContext("/v2/", x -> {
            if (calls.incrementAndGet() < 3) {
                x.getResponseHeaders().add("Retry-After", "0");
                answer(x, calls.get() == 1 ? 503 : 429, null, new byte[0]);
                return;
            }
            answer(x, 200, "application/vnd.oci.image.manifest.v1+json", MANIFEST);
        });
        RegistryReference ref = RegistryReference.parse("127.0.0.1:" + s.getAddress().getPort() + "/team/app:1.0");
        assertThat(client(null).manifest(ref, "1.0").body()).isEqualTo(MANIFEST);
        assertThat(calls).hasValue(3);
    }

    @Test
    void aRegistryThatKeepsFailingGivesUpWithTheStatus() throws Exception {
        HttpServer s = server("registry");
        AtomicInteger calls = new AtomicInteger();
        s.createContext("/v2/", x -> {
            calls.incrementAndGet();
            answer(x, 502, null, new byte[0]);
        });
        RegistryReference ref = RegistryReference.parse("127.0.0.1:" + s.getAddress().getPort() + "/team/app:1.0");
        assertThatThrownBy(() -> client(null).manifest(ref, "1.0"))
                .hasMessageContaining("team/app:1.0").hasMessageContaining("HTTP 502");
        assertThat(calls).hasValue(4);
    }

    @Test
    void schemaOneIsRefusedWithWhatToDo() throws Exception {
        HttpServer s = server("registry");
        s.createContext("/v2/", x -> answer(x, 200, "application/vnd.docker.distribution.manifest.v1+prettyjws",
                "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8)));
        RegistryReference ref = RegistryReference.parse("127.0.0.1:" + s.getAddress().getPort() + "/old/app:1.0");
        assertThatThrownBy(() -> client(null).manifest(ref, "1.0"))
                .hasMessageContaining("old/app:1.0").hasMessageContaining("schema 1").hasMessageContaining("re-push");
    }

    @Test
    void requestsGoThroughTheProxyWithTheUserAgentUnlessNoProxyNamesTheRegistry() throws Exception {
        HttpServer s = server("registry");
        s.createContext("/v2/", x -> answer(x, 200, "application/vnd.oci.image.manifest.v1+json", MANIFEST));
        RegistryReference ref = RegistryReference.parse("registry.proxied.test/team/app:1.0");
        try (RecordingProxy proxy = RecordingProxy.to(s.getAddress().getPort())) {
            RegistrySettings settings = RegistrySettings.defaults(DockerConfig.load(tmp.resolve("none.json")))
                    .withInsecure(java.util.Set.of("registry.proxied.test")).withBackoff(Duration.ofMillis(1),
                            Duration.ofMillis(5));
            HttpClients viaProxy = HttpClients.system().withProxies(proxy.rules(""));

            // the name resolves nowhere: the manifest can only have come through the proxy
            assertThat(new RegistryClient(settings.withHttp(viaProxy)).manifest(ref, "1.0").body()).isEqualTo(MANIFEST);
            assertThat(proxy.seen()).singleElement().satisfies(seen -> {
                assertThat(seen.target()).isEqualTo("http://registry.proxied.test/v2/team/app/manifests/1.0");
                assertThat(seen.header("User-Agent")).isEqualTo(viaProxy.userAgent());
            });

            RegistryClient bypassing = new RegistryClient(settings.withHttp(
                    HttpClients.system().withProxies(proxy.rules(".proxied.test"))));
            assertThatThrownBy(() -> bypassing.manifest(ref, "1.0")).hasMessageContaining("registry.proxied.test");
            assertThat(proxy.seen()).hasSize(1);
        }
    }

    @Test
    void plainHttpOnlyForTheLocalHostOrListedHosts() throws Exception {
        RegistrySettings settings = RegistrySettings.defaults(DockerConfig.load(tmp.resolve("n.json")));
        RegistryClient c = new RegistryClient(settings);
        assertThat(c.baseUri(RegistryReference.parse("registry.example.com/team/app"))).isEqualTo("https://registry.example.com");
        assertThat(c.baseUri(RegistryReference.parse("alpine"))).isEqualTo("https://registry-1.docker.io");
        assertThat(c.baseUri(RegistryReference.parse("127.0.0.1:5000/app"))).isEqualTo("http://127.0.0.1:5000");
        assertThat(c.baseUri(RegistryReference.parse("localhost:5000/app"))).isEqualTo("http://localhost:5000");
        // the rest of 127.0.0.0/8 tries TLS first (RegistryCliTest: and falls back when the answer is plain HTTP)
        assertThat(c.baseUri(RegistryReference.parse("127.1.2.3:5000/app"))).isEqualTo("https://127.1.2.3:5000");
        assertThat(c.baseUri(RegistryReference.parse("10.0.0.5:5000/app"))).isEqualTo("https://10.0.0.5:5000");
        RegistryClient insecure = new RegistryClient(settings.withInsecure(java.util.Set.of("10.0.0.5:5000")));
        assertThat(insecure.baseUri(RegistryReference.parse("10.0.0.5:5000/app"))).isEqualTo("http://10.0.0.5:5000");
    }
}
