package io.plimsoll.vuln.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.plimsoll.image.net.HttpClients;
import io.plimsoll.image.testing.RecordingProxy;
import io.plimsoll.vuln.FeedException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpFeedFetcherProxyTest {

    @TempDir
    Path tmp;

    private static HttpFeedFetcher fetcher(HttpClients clients, Path cache) {
        HttpSettings settings = HttpSettings.defaults().withBackoff(Duration.ofMillis(1))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10));
        return new HttpFeedFetcher("alpine", "http://feeds.proxied.test/secdb/", cache,
                HttpFeedFetcher.client(settings, clients), settings, FeedProgress.NONE, Map.of());
    }

    @Test
    void feedsAreFetchedThroughTheProxyWithTheUserAgentUnlessNoProxyNamesTheHost() throws Exception {
        HttpServer feeds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feeds.createContext("/secdb/", x -> {
            byte[] body = "{\"packages\":[]}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        feeds.start();
        try (RecordingProxy proxy = RecordingProxy.to(feeds.getAddress().getPort())) {
            HttpClients viaProxy = HttpClients.system().withProxies(proxy.rules("localhost"));

            Path file = fetcher(viaProxy, tmp.resolve("a")).fetch("v3.19/main.json");
            assertThat(Files.readString(file)).isEqualTo("{\"packages\":[]}");
            assertThat(proxy.seen()).singleElement().satisfies(seen -> {
                assertThat(seen.target()).isEqualTo("http://feeds.proxied.test/secdb/v3.19/main.json");
                assertThat(seen.header("User-Agent")).isEqualTo(HttpSettings.defaults().userAgent())
                        .isEqualTo(viaProxy.userAgent());
            });

            HttpFeedFetcher bypassing = fetcher(HttpClients.system().withProxies(proxy.rules("proxied.test")),
                    tmp.resolve("b"));
            assertThatThrownBy(() -> bypassing.fetch("v3.19/main.json")).isInstanceOf(FeedException.class);
            assertThat(proxy.seen()).hasSize(1);
        } finally {
            feeds.stop(0);
        }
    }
}
