package io.plimsoll.vuln.feed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The proxy to use: the JVM's settings ({@code -Dhttps.proxyHost}) when given, else the {@code HTTPS_PROXY} /
 * {@code HTTP_PROXY} environment variables that CI systems set, honouring {@code NO_PROXY} host suffixes.
 */
final class Proxies {

    private Proxies() {
    }

    static ProxySelector selector() {
        if (System.getProperty("https.proxyHost") != null || System.getProperty("http.proxyHost") != null) {
            return ProxySelector.getDefault();
        }
        String https = env("HTTPS_PROXY");
        String http = env("HTTP_PROXY");
        if (https == null && http == null) {
            return ProxySelector.getDefault();
        }
        String noProxy = env("NO_PROXY");
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
                if (bypass(host, noProxy)) {
                    return List.of(Proxy.NO_PROXY);
                }
                String p = "https".equals(uri.getScheme()) && https != null ? https : http != null ? http : https;
                try {
                    URI proxy = URI.create(p.contains("://") ? p : "http://" + p);
                    int port = proxy.getPort() > 0 ? proxy.getPort() : 80;
                    return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
                } catch (IllegalArgumentException e) {
                    return List.of(Proxy.NO_PROXY);
                }
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // the request itself reports the failure
            }
        };
    }

    static boolean bypass(String host, String noProxy) {
        if (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")) {
            return true;
        }
        if (noProxy == null) {
            return false;
        }
        for (String entry : noProxy.split(",")) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.equals("*")) {
                return true;
            }
            if (e.startsWith(".")) {
                e = e.substring(1);
            }
            if (!e.isEmpty() && (host.equals(e) || host.endsWith("." + e))) {
                return true;
            }
        }
        return false;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            v = System.getenv(name.toLowerCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? null : v.trim();
    }
}
