package io.plimsoll.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.image.testing.TestCertificate;
import io.plimsoll.server.http.Router;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsAndShutdownTest {

    @TempDir
    Path dir;

    @Test
    void servesHttpsWithTheConfiguredKeyStore() throws Exception {
        TestCertificate cert = TestCertificate.create(dir.resolve("tls"), "plimsoll-test");
        var config = TestServers.config(TestPostgres.newDatabaseUrl(), dir, Map.of(
                "tls.key_store", dir.resolve("tls/plimsoll-test.p12").toString(), "tls.key_store_password", "changeit"));
        try (PlimsollServer server = TestServers.start(config, null, ctx -> List.of())) {
            assertThat(server.baseUrl()).startsWith("https://127.0.0.1:");
            HttpClient trusting = HttpClient.newBuilder().sslContext(cert.trustingIt())
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> ok = trusting.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/healthz"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            // a client that does not trust the certificate is refused at the handshake
            assertThatThrownBy(() -> TestServers.get(server.baseUrl() + "/healthz"))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void closingLetsAnInFlightRequestFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        ServerModule slow = new ServerModule() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public void routes(Router router) {
                router.get("/slow", ex -> {
                    entered.countDown();
                    Thread.sleep(1500);
                    ex.json(200, Map.of("done", true));
                });
            }
        };
        PlimsollServer server = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), dir, Map.of()),
                null, ctx -> List.of(slow));
        CompletableFuture<HttpResponse<String>> inFlight = TestServers.HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        String base = server.baseUrl();
        server.close();
        HttpResponse<String> r = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"done\":true");
        // and after the close nothing listens any more
        assertThatThrownBy(() -> TestServers.get(base + "/healthz")).isInstanceOf(java.io.IOException.class);
    }
}
