package io.plimsoll.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.account.AccountApiModule;
import io.plimsoll.server.analysis.AnalysisApiModule;
import io.plimsoll.server.analysis.SystemApiModule;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.vuln.store.VulnStore;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server with the UI and the /v1 modules, and a browser-like client that signs in and posts forms. */
final class UiTesting {

    static final String ADMIN_PASSWORD = "ui-admin-pw";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private UiTesting() {
    }

    /** Accounts on unless {@code settings} clears the admin password; no analysis worker unless {@code worker}. */
    static PlimsollServer server(String dbUrl, Path dir, Map<String, String> settings, VulnStore store,
                                 boolean worker) throws Exception {
        Map<String, String> s = new HashMap<>(Map.of("roles", "api,indexer", "auth.admin_password", ADMIN_PASSWORD,
                "analysis.poll", "100ms", "analysis.workers", "1", "indexer.allow_private_addresses", "true"));
        s.putAll(settings);
        return TestServers.start(TestServers.config(dbUrl, dir, s), new ByteArrayOutputStream(), ctx -> {
            List<io.plimsoll.server.ServerModule> modules = new ArrayList<>(List.of(
                    new AnalysisApiModule(ctx, store), new AccountApiModule(ctx), new SystemApiModule(ctx),
                    new UiModule(ctx, store)));
            if (worker) {
                modules.add(new io.plimsoll.server.analysis.AnalysisWorkerModule(ctx,
                        (io.plimsoll.image.registry.RegistrySettings) null));
            }
            return modules;
        });
    }

    /** A signed-in browser: its session cookie and the CSRF token of the last page it read. */
    static final class Browser {
        final String base;
        String cookie = "";
        String csrf = "";

        Browser(PlimsollServer s) {
            this.base = s.baseUrl();
        }

        static Browser signedIn(PlimsollServer s, String user, String password) throws Exception {
            Browser b = new Browser(s);
            HttpResponse<String> r = b.signIn(user, password);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
            return b;
        }

        HttpResponse<String> signIn(String user, String password) throws Exception {
            HttpResponse<String> page = get("/ui/signin");
            assertThat(page.statusCode()).isEqualTo(200);
            String signInCookie = setCookie(page).orElseThrow();
            HttpResponse<String> r = send("POST", "/ui/signin", form("csrf", csrf, "username", user,
                    "password", password, "next", "/ui/images"), signInCookie);
            setCookie(r).ifPresent(c -> cookie = c);
            return r;
        }

        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> r = send("GET", path, null, cookie);
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return r;
        }

        HttpResponse<String> post(String path, String... fields) throws Exception {
            return send("POST", path, form(fields), cookie);
        }

        private HttpResponse<String> send(String method, String path, String body, String cookies) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", "application/x-www-form-urlencoded");
            }
            if (!cookies.isEmpty()) {
                b.header("Cookie", cookies);
            }
            return TestServers.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The {@code name=value} pair of the response's Set-Cookie, when it set one. */
        static java.util.Optional<String> setCookie(HttpResponse<String> r) {
            return r.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';')));
        }
    }

    static String form(String... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }
}
