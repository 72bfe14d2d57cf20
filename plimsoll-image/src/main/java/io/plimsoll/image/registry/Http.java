package io.plimsoll.image.registry;

import io.plimsoll.image.net.AddressGuard;
import io.plimsoll.image.net.HttpClients;
import io.plimsoll.image.net.PinnedHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * One HTTP exchange on the JDK's HttpURLConnection. Not java.net.http.HttpClient: on JDK 17 its body streams
 * reach a fraction of the socket's speed (an 8 MB blob from a local registry took 70-100 ms through it, 10-20 ms
 * here), and layers are most of what a pull moves. HttpURLConnection also keeps idle connections per host for
 * the next request of the same scan (the JDK's keep-alive cache), which the manifest, config and layer requests
 * share. With an {@link AddressGuard} (the server pulling for an API client) requests go through {@link PinnedHttp}
 * instead, which connects only to the addresses the guard checked. Both come from {@link HttpClients}, so both
 * honour the proxy settings and send the same user agent.
 */
final class Http {

    private final HttpClients clients;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Optional<SSLContext> tls;
    private final Optional<PinnedHttp> pinned;

    Http(HttpClients clients, Duration connectTimeout, Duration readTimeout, Optional<SSLContext> tls,
         Optional<AddressGuard> guard) {
        this.clients = clients;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.tls = tls;
        this.pinned = guard.map(g -> clients.pinned(g, connectTimeout, readTimeout, tls));
    }

    /** The status, headers and body of an answer; the body must be read to its end or closed. */
    record Response(int status, URI uri, Function<String, Optional<String>> headers, OptionalLong length,
                    InputStream body) {

        Optional<String> header(String name) {
            return headers.apply(name);
        }

        Optional<Long> contentLength() {
            return length.isPresent() ? Optional.of(length.getAsLong()) : Optional.empty();
        }
    }

    /** Sends a request without a body; redirects are the caller's (they decide where credentials may go). */
    Response exchange(URI uri, String method, Map<String, String> headers) throws IOException {
        if (pinned.isPresent()) {
            PinnedHttp.Response r = pinned.get().send(uri, method, headers);
            return new Response(r.status(), uri, r::header, r.contentLength(), r.body());
        }
        // a stall of readTimeout between two reads fails the transfer; a large layer may take longer than it in all
        HttpURLConnection c = clients.open(uri, connectTimeout, readTimeout, tls);
        c.setRequestMethod(method);
        headers.forEach(c::setRequestProperty);
        int status = c.getResponseCode();
        InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
        long length = c.getContentLengthLong();
        return new Response(status, uri, name -> Optional.ofNullable(c.getHeaderField(name)),
                length < 0 ? OptionalLong.empty() : OptionalLong.of(length),
                body == null ? InputStream.nullInputStream() : body);
    }
}
