package io.plimsoll.vuln.testing;

import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.HttpFeedFetcher;
import io.plimsoll.vuln.feed.HttpSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The product's HTTP fetcher set up for tests against {@link FeedServer}: short timeouts, one quick retry. */
public final class TestFetchers {

    private TestFetchers() {
    }

    public static HttpFeedFetcher http(String source, String baseUrl, Path cacheDir) {
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10),
                1, Duration.ofMillis(10), "plimsoll-test");
        return new HttpFeedFetcher(source, baseUrl, cacheDir, HttpFeedFetcher.client(settings), settings,
                FeedProgress.NONE, Map.of());
    }
}
