package io.plimsoll.image.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * The one place outbound HTTP is set up: the registry client, the feed fetchers (and so the NVD, KEV and EPSS
 * enrichers), the server's webhooks and layer fetches, and the CLI's {@code --server} client all get their
 * connections here, so each applies the same proxy rules ({@link ProxyRules}), connect and request timeouts, TLS
 * context when one is given, redirect policy and {@code User-Agent: plimsoll/<version>}.
 *
 * <p>Redirects are not followed unless a caller asks: the registry and the layer fetcher follow them by hand (they
 * decide where credentials go and check each hop), and a webhook or the {@code --server} API has no business
 * redirecting.
 *
 * @param proxies   which proxy each request goes through
 * @param userAgent sent with every request
 */
public record HttpClients(ProxyRules proxies, String userAgent) {

    private static final HttpClients SYSTEM = new HttpClients(ProxyRules.system(), "plimsoll/" + version());

    /** The proxy rules of this process's properties and environment, read once. */
    public static HttpClients system() {
        return SYSTEM;
    }

    /** Same user agent, other proxy rules (tests, or a configuration that names its own). */
    public HttpClients withProxies(ProxyRules rules) {
        return new HttpClients(rules, userAgent);
    }

    /** A java.net.http client: connect timeout, proxy, TLS context if given, no redirects followed. */
    public HttpClient.Builder client(Duration connectTimeout, Optional<SSLContext> tls) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout).proxy(proxies)
                .followRedirects(HttpClient.Redirect.NEVER);
        tls.ifPresent(b::sslContext);
        return b;
    }

    /** A request with the response timeout and the user agent; callers add their own headers and method. */
    public HttpRequest.Builder request(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", userAgent);
    }

    /**
     * An HttpURLConnection (for bodies streamed at socket speed, with the JDK's keep-alive cache) through the proxy
     * for {@code uri}, with the timeouts, the TLS context if given and the user agent; redirects not followed.
     *
     * @param readTimeout the longest stall between two reads (a large body may take longer than it in all)
     */
    public HttpURLConnection open(URI uri, Duration connectTimeout, Duration readTimeout, Optional<SSLContext> tls)
            throws IOException {
        Proxy proxy = proxies.select(uri).get(0);
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(proxy);
        if (c instanceof HttpsURLConnection https && tls.isPresent()) {
            https.setSSLSocketFactory(tls.get().getSocketFactory());
        }
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout(millis(connectTimeout));
        c.setReadTimeout(millis(readTimeout));
        c.setRequestProperty("User-Agent", userAgent);
        return c;
    }

    /** A connection pinned to the addresses {@code guard} checked (see {@link PinnedHttp}), through the proxy if any. */
    public PinnedHttp pinned(AddressGuard guard, Duration connectTimeout, Duration readTimeout,
                             Optional<SSLContext> tls) {
        return new PinnedHttp(guard, connectTimeout, readTimeout, tls, this);
    }

    static int millis(Duration d) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = HttpClients.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }
}
