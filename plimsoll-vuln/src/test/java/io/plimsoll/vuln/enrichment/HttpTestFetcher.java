package io.plimsoll.vuln.enrichment;

import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The smallest HTTP {@link FeedFetcher} the updater tests need against {@link io.plimsoll.vuln.testing.FeedServer}:
 * no cache, no retries (those are the product fetcher's). It resolves {@code baseUrl + pathAndQuery} by plain
 * concatenation, as the product's HTTP fetcher does, so the tests exercise the URLs the updaters really build.
 */
final class HttpTestFetcher implements FeedFetcher {

    private final String source;
    private final String baseUrl;
    private final Path dir;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger downloads = new AtomicInteger();

    HttpTestFetcher(String source, String baseUrl, Path dir) {
        this.source = source;
        this.baseUrl = baseUrl;
        this.dir = dir;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public Path fetch(String path) throws FeedException {
        return fetchIfPresent(path).orElseThrow(() -> new FeedException(source, baseUrl + path, "HTTP 404"));
    }

    @Override
    public Optional<Path> fetchIfPresent(String path) throws FeedException {
        return get(path, Map.of());
    }

    @Override
    public Path fetchUncached(String pathAndQuery, Map<String, String> headers) throws FeedException {
        return get(pathAndQuery, headers).orElseThrow(() -> new FeedException(source, baseUrl + pathAndQuery, "HTTP 404"));
    }

    private Optional<Path> get(String pathAndQuery, Map<String, String> headers) throws FeedException {
        String url = baseUrl + pathAndQuery;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        Path file = dir.resolve(source + "-" + downloads.incrementAndGet());
        try {
            HttpResponse<Path> response = client.send(request.build(), HttpResponse.BodyHandlers.ofFile(file));
            if (response.statusCode() == 404) {
                Files.deleteIfExists(file);
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new FeedException(source, url, "HTTP " + response.statusCode());
            }
            return Optional.of(file);
        } catch (IOException e) {
            throw new FeedException(source, url, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedException(source, url, "interrupted");
        }
    }

    @Override
    public boolean isLocal() {
        return false;
    }

    @Override
    public List<String> list(String dir) {
        return List.of();
    }
}
