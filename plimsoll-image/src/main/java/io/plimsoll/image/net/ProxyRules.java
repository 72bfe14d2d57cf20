package io.plimsoll.image.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Which proxy a request goes through. The JVM's standard properties win when either proxy host is set
 * ({@code -Dhttps.proxyHost}, {@code -Dhttp.proxyHost}, with {@code http.nonProxyHosts}): whoever starts the JVM
 * with them asked for exactly that. Otherwise the {@code HTTPS_PROXY} / {@code HTTP_PROXY} / {@code NO_PROXY}
 * environment variables that CI systems set are used (upper case first, then lower case). The local host
 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) is never proxied, as the JDK does by default.
 *
 * <p>{@code NO_PROXY} lists host names or domain suffixes ({@code example.com} and {@code .example.com} both cover
 * {@code a.example.com}) or {@code *}; {@code http.nonProxyHosts} is the JDK's {@code |}-separated list with
 * {@code *} wildcards.
 */
public final class ProxyRules extends ProxySelector {

    private final Optional<InetSocketAddress> https;
    private final Optional<InetSocketAddress> http;
    private final Pattern bypass;

    private ProxyRules(Optional<InetSocketAddress> https, Optional<InetSocketAddress> http, Pattern bypass) {
        this.https = https;
        this.http = http;
        this.bypass = bypass;
    }

    /** The rules of this process: its system properties and environment. */
    public static ProxyRules system() {
        return from(System.getenv(), System.getProperties());
    }

    /** The rules {@code env} and {@code properties} give, as described above; unusable entries mean no proxy. */
    public static ProxyRules from(Map<String, String> env, Properties properties) {
        String httpsHost = blankToNull(properties.getProperty("https.proxyHost"));
        String httpHost = blankToNull(properties.getProperty("http.proxyHost"));
        if (httpsHost != null || httpHost != null) {
            return new ProxyRules(
                    address(httpsHost, properties.getProperty("https.proxyPort"), 443),
                    address(httpHost, properties.getProperty("http.proxyPort"), 80),
                    jdkPattern(properties.getProperty("http.nonProxyHosts")));
        }
        Optional<InetSocketAddress> httpsProxy = url(env(env, "HTTPS_PROXY"));
        Optional<InetSocketAddress> httpProxy = url(env(env, "HTTP_PROXY"));
        // as curl and the former feed fetcher did: HTTP_PROXY alone also carries https requests
        return new ProxyRules(httpsProxy.or(() -> httpProxy), httpProxy.or(() -> httpsProxy),
                noProxyPattern(env(env, "NO_PROXY")));
    }

    /** The proxy for {@code uri}, if it goes through one. */
    public Optional<InetSocketAddress> proxyFor(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || bypass.matcher(host).matches()) {
            return Optional.empty();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
    }

    @Override
    public List<Proxy> select(URI uri) {
        return List.of(proxyFor(uri).map(a -> new Proxy(Proxy.Type.HTTP, a)).orElse(Proxy.NO_PROXY));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // the request itself reports the failure; there is no second proxy to fall back to
    }

    private static final String LOCAL = "localhost|127\\.0\\.0\\.1|::1";

    private static Pattern noProxyPattern(String noProxy) {
        StringBuilder p = new StringBuilder(LOCAL);
        if (noProxy != null) {
            for (String entry : noProxy.split(",")) {
                String e = entry.trim().toLowerCase(Locale.ROOT);
                if (e.equals("*")) {
                    return Pattern.compile(".*");
                }
                e = e.startsWith(".") ? e.substring(1) : e;
                if (!e.isEmpty()) {
                    p.append('|').append("(?:.*\\.)?").append(Pattern.quote(e));
                }
            }
        }
        return Pattern.compile(p.toString());
    }

    private static Pattern jdkPattern(String nonProxyHosts) {
        if (nonProxyHosts == null) {
            return Pattern.compile(LOCAL + "|127\\..*");
        }
        StringBuilder p = new StringBuilder(LOCAL);
        for (String entry : nonProxyHosts.split("\\|")) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (!e.isEmpty()) {
                p.append('|').append(Pattern.quote(e).replace("*", "\\E.*\\Q"));
            }
        }
        return Pattern.compile(p.toString());
    }

    private static Optional<InetSocketAddress> address(String host, String port, int defaultPort) {
        if (host == null) {
            return Optional.empty();
        }
        try {
            int p = port == null || port.isBlank() ? defaultPort : Integer.parseInt(port.trim());
            return Optional.of(InetSocketAddress.createUnresolved(host.trim(), p));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetSocketAddress> url(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            URI proxy = URI.create(value.contains("://") ? value : "http://" + value);
            if (proxy.getHost() == null) {
                return Optional.empty();
            }
            int port = proxy.getPort() > 0 ? proxy.getPort() : "https".equalsIgnoreCase(proxy.getScheme()) ? 443 : 80;
            String host = proxy.getHost().startsWith("[")
                    ? proxy.getHost().substring(1, proxy.getHost().length() - 1) : proxy.getHost();
            return Optional.of(InetSocketAddress.createUnresolved(host, port));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String env(Map<String, String> env, String name) {
        String v = blankToNull(env.get(name));
        return v != null ? v.trim() : blankToNull(env.get(name.toLowerCase(Locale.ROOT)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
