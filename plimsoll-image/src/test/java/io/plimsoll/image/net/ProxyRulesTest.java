package io.plimsoll.image.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProxyRulesTest {

    private static Optional<String> via(ProxyRules rules, String uri) {
        return rules.proxyFor(URI.create(uri)).map(a -> a.getHostString() + ":" + a.getPort());
    }

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void environmentProxiesPerSchemeWithNoProxySuffixesAndTheLocalHostNeverProxied() {
        ProxyRules r = ProxyRules.from(Map.of("HTTPS_PROXY", "http://secure.proxy:3128", "http_proxy", "plain.proxy",
                "NO_PROXY", "internal.example, .corp.example"), new Properties());

        assertThat(via(r, "https://ghcr.io/v2/")).contains("secure.proxy:3128");
        assertThat(via(r, "http://feeds.example/x")).contains("plain.proxy:80");
        assertThat(via(r, "https://internal.example/v2/")).isEmpty();
        assertThat(via(r, "https://registry.internal.example/v2/")).isEmpty();
        assertThat(via(r, "https://a.corp.example/")).isEmpty();
        assertThat(via(r, "https://corp.example.org/")).contains("secure.proxy:3128");
        assertThat(via(r, "http://localhost:5000/v2/")).isEmpty();
        assertThat(via(r, "http://127.0.0.1:5000/v2/")).isEmpty();
        assertThat(via(r, "http://[::1]:5000/v2/")).isEmpty();
    }

    @Test
    void oneEnvironmentProxyCarriesBothSchemesAndAStarBypassesAll() {
        ProxyRules httpOnly = ProxyRules.from(Map.of("HTTP_PROXY", "http://proxy:8080"), new Properties());
        assertThat(via(httpOnly, "https://ghcr.io/")).contains("proxy:8080");
        assertThat(via(ProxyRules.from(Map.of("HTTP_PROXY", "http://proxy:8080", "no_proxy", "*"), new Properties()),
                "https://ghcr.io/")).isEmpty();
        assertThat(via(ProxyRules.from(Map.of(), new Properties()), "https://ghcr.io/")).isEmpty();
    }

    @Test
    void jvmPropertiesWinOverTheEnvironment() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://env.proxy:3128", "NO_PROXY", "ghcr.io");
        ProxyRules r = ProxyRules.from(env, props("https.proxyHost", "jvm.proxy", "https.proxyPort", "8443",
                "http.nonProxyHosts", "*.internal|registry.local"));

        assertThat(via(r, "https://ghcr.io/v2/")).contains("jvm.proxy:8443"); // NO_PROXY is the environment's
        assertThat(via(r, "https://a.internal/v2/")).isEmpty();
        assertThat(via(r, "https://registry.local/v2/")).isEmpty();
        assertThat(via(r, "http://feeds.example/")).as("no http.proxyHost: plain HTTP goes direct").isEmpty();
        assertThat(via(ProxyRules.from(env, props("http.proxyHost", "jvm.proxy")), "http://feeds.example/"))
                .contains("jvm.proxy:80");
    }

    @Test
    void selectGivesAnUnresolvedHttpProxyForTheJdkClients() {
        ProxyRules r = ProxyRules.from(Map.of("HTTPS_PROXY", "proxy.example:3128"), new Properties());
        var proxy = r.select(URI.create("https://ghcr.io/")).get(0);
        assertThat(proxy.type()).isEqualTo(java.net.Proxy.Type.HTTP);
        assertThat(((InetSocketAddress) proxy.address()).isUnresolved()).isTrue();
        assertThat(r.select(URI.create("https://localhost/")).get(0)).isEqualTo(java.net.Proxy.NO_PROXY);
    }
}
