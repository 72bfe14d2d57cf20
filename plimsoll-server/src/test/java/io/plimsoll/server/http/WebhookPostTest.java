package io.plimsoll.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhooks' one POST (Clair notifications and watch events alike): a receiver on loopback or a private network
 * is reached, one on an address the guard refuses is never contacted, and a redirect is not followed.
 */
class WebhookPostTest {

    private HttpServer receiver;
    private int port;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", ex -> {
            received.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " "
                    + ex.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (ex.getRequestURI().getPath().equals("/moved")) {
                ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/hook");
                ex.sendResponseHeaders(307, -1);
            } else {
                ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/hook") ? 204 : 404, -1);
            }
            ex.close();
        });
        receiver.start();
        port = receiver.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private static String post(WebhookPost webhook, String url) {
        return webhook.send(URI.create(url), Map.of("Content-Type", "application/json"),
                "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aReceiverOnLoopbackGetsTheBodyAndARedirectIsAnErrorNotFollowed() {
        try (WebhookPost webhook = new WebhookPost(false, Duration.ofSeconds(5))) {
            assertThat(post(webhook, "http://127.0.0.1:" + port + "/hook")).isNull();
            assertThat(post(webhook, "http://localhost:" + port + "/hook")).isNull();
            assertThat(post(webhook, "http://127.0.0.1:" + port + "/moved")).isEqualTo("webhook answered HTTP 307");
            assertThat(post(webhook, "http://127.0.0.1:" + port + "/other")).isEqualTo("webhook answered HTTP 404");
        }
        assertThat(received).containsExactly("POST /hook application/json {\"n\":1}",
                "POST /hook application/json {\"n\":1}", "POST /moved application/json {\"n\":1}",
                "POST /other application/json {\"n\":1}");
    }

    @Test
    void aReceiverOnARefusedAddressIsNeverContacted() {
        try (WebhookPost webhook = new WebhookPost(false, Duration.ofSeconds(5))) {
            // 0.0.0.0 and its IPv6 forms reach this host as loopback does; link-local is where clouds answer
            // metadata (refused before any connection is made, so nothing is sent there)
            assertThat(post(webhook, "http://0.0.0.0:" + port + "/hook")).startsWith("webhook refused: ")
                    .contains("0.0.0.0 (this network, 0.0.0.0/8)");
            assertThat(post(webhook, "http://[::]:" + port + "/hook")).contains("(unspecified, ::/128)");
            assertThat(post(webhook, "http://169.254.169.254/latest/meta-data/")).contains("(link local");
            assertThat(post(webhook, "http://[64:ff9b::a9fe:a9fe]/")).contains("form of 169.254.169.254");
            assertThat(post(webhook, "file:///etc/passwd")).contains("is not http or https");
        }
        assertThat(received).isEmpty();

        // indexer.allow_private_addresses lets every address through
        try (WebhookPost anywhere = new WebhookPost(true, Duration.ofSeconds(5))) {
            assertThat(post(anywhere, "http://0.0.0.0:" + port + "/hook")).isNull();
        }
        assertThat(received).hasSize(1);
    }
}
