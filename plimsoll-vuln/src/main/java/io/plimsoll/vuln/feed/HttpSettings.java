package io.plimsoll.vuln.feed;

import io.plimsoll.image.net.HttpClients;
import java.time.Duration;

/**
 * Network limits for feed downloads. Connect timeouts are short (at most 10 s by default) so an air-gapped host
 * fails fast instead of hanging; a download that stalls for {@code readTimeout} is aborted and retried.
 *
 * @param retries extra attempts after a connection error, HTTP 429 or 5xx
 * @param backoff the first retry delay, doubled each time; a server's Retry-After wins (capped at a minute)
 */
public record HttpSettings(Duration connectTimeout, Duration responseTimeout, Duration readTimeout, int retries,
                           Duration backoff, String userAgent) {

    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 3,
                Duration.ofSeconds(1), HttpClients.system().userAgent());
    }

    public HttpSettings withBackoff(Duration b) {
        return new HttpSettings(connectTimeout, responseTimeout, readTimeout, retries, b, userAgent);
    }

    public HttpSettings withTimeouts(Duration connect, Duration response, Duration read) {
        return new HttpSettings(connect, response, read, retries, backoff, userAgent);
    }
}
