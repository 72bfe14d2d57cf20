package io.plimsoll.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.server.ui.UiTesting.Browser;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UI's doors over plain HTTP: pages need a session, forms need the session's CSRF token, the cookie is HttpOnly
 * and SameSite=Strict, one account cannot open another's image by URL, what an image carries is shown as text,
 * and the Content-Security-Policy allows no inline script.
 */
class UiSecurityTest {

    @TempDir
    Path dir;

    @Test
    void pagesNeedASignInAndFormsTheirToken() throws Exception {
        try (PlimsollServer s = UiTesting.server(TestPostgres.newDatabaseUrl(), dir, Map.of(), new MemoryVulnStore(),
                false)) {
            Browser anonymous = new Browser(s);
            HttpResponse<String> root = anonymous.get("/");
            assertThat(root.statusCode()).isEqualTo(302);
            assertThat(root.headers().firstValue("Location")).hasValue("/ui/");
            for (String page : new String[] {"/ui/", "/ui/images", "/ui/policies", "/ui/feeds",
                    "/ui/vulnerabilities/CVE-2025-1", "/ui/registries", "/ui/watches", "/ui/events",
                    "/ui/events/e-1"}) {
                HttpResponse<String> r = anonymous.get(page);
                assertThat(r.statusCode()).as(page).isEqualTo(302);
                assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("/ui/signin?next=");
            }
            assertThat(anonymous.post("/ui/images", "reference", "registry.example/x:1").statusCode()).isEqualTo(303);

            HttpResponse<String> form = anonymous.get("/ui/signin");
            assertThat(form.body()).contains("<label for=\"username\">Username</label>")
                    .contains("<label for=\"password\">Password</label>").contains(">Sign in</button>");
            String csp = form.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(form.body()).doesNotContainPattern("<script>|<script [^>]*>[^<]|style=|onclick=");
            // the sign-in form without its token is refused, even with the right password
            HttpResponse<String> forged = TestServers.send("POST", s.baseUrl() + "/ui/signin", null);
            assertThat(forged.statusCode()).isEqualTo(403);

            assertThat(new Browser(s).signIn("admin", "wrong").statusCode()).isEqualTo(401);
            Browser admin = new Browser(s);
            HttpResponse<String> in = admin.signIn("admin", UiTesting.ADMIN_PASSWORD);
            assertThat(in.statusCode()).isEqualTo(303);
            assertThat(in.headers().firstValue("Location")).hasValue("/ui/images");
            String cookie = in.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("plimsoll_session=").contains("HttpOnly").contains("SameSite=Strict")
                    .doesNotContain("Secure");

            HttpResponse<String> images = admin.get("/ui/images");
            assertThat(images.statusCode()).isEqualTo(200);
            assertThat(images.body()).contains("<label for=\"reference\">Image reference</label>")
                    .contains(">Analyze</button>");
            // a form without the token (a cross-site post) does nothing
            String csrf = admin.csrf;
            admin.csrf = "";
            HttpResponse<String> noToken = admin.post("/ui/images", "reference", "registry.example/team/app:1");
            assertThat(noToken.statusCode()).isEqualTo(403);
            assertThat(admin.post("/ui/images", "csrf", "forged", "reference", "registry.example/team/app:1")
                    .statusCode()).isEqualTo(403);
            assertThat(adminApi(s, "GET", "/v1/images", null).body()).isEqualTo("[]");
            HttpResponse<String> added = admin.post("/ui/images", "csrf", csrf, "reference",
                    "registry.example/team/app:1");
            assertThat(added.statusCode()).isEqualTo(303);
            JsonNode queued = Exchange.JSON.readTree(adminApi(s, "GET", "/v1/images", null).body());
            assertThat(queued).hasSize(1);
            assertThat(queued.get(0).path("image_detail").get(0).path("fulltag").asText())
                    .isEqualTo("registry.example/team/app:1");
            assertThat(added.headers().firstValue("Location")).hasValue("/ui/images/"
                    + queued.get(0).path("record_id").asText());
            HttpResponse<String> bad = admin.post("/ui/images", "csrf", csrf, "reference", "not a reference");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("not an image reference");

            assertThat(admin.post("/ui/signout", "csrf", csrf).statusCode()).isEqualTo(303);
            assertThat(admin.get("/ui/images").statusCode()).as("the session ended").isEqualTo(302);
        }
    }

    @Test
    void anAccountSeesOnlyItsOwnImagesAndTheirContentAsText() throws Exception {
        try (PlimsollServer s = UiTesting.server(TestPostgres.newDatabaseUrl(), dir, Map.of(), new MemoryVulnStore(),
                false)) {
            assertThat(adminApi(s, "POST", "/v1/accounts", "{\"name\": \"team-b\"}").statusCode()).isEqualTo(200);
            assertThat(adminApi(s, "POST", "/v1/accounts/team-b/users",
                    "{\"username\": \"bob\", \"password\": \"bob-pw-123\"}").statusCode()).isEqualTo(200);
            String label = "<script>alert(1)</script>";
            HttpResponse<String> bobs = TestServers.send("POST", s.baseUrl() + "/v1/images",
                    "{\"tag\": \"registry.example/team-b/app:1\", \"annotations\": {\"owner\": \"" + label.replace("/",
                            "\\/") + "\"}}", "Authorization", basic("bob", "bob-pw-123"));
            assertThat(bobs.statusCode()).as(bobs.body()).isEqualTo(202);
            String bobImage = Exchange.JSON.readTree(bobs.body()).get(0).path("record_id").asText();

            Browser bob = Browser.signedIn(s, "bob", "bob-pw-123");
            HttpResponse<String> page = bob.get("/ui/images/" + bobImage);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(label);
            assertThat(bob.get("/ui/images?q=team-b").body()).contains("registry.example/team-b/app");

            Browser admin = Browser.signedIn(s, "admin", UiTesting.ADMIN_PASSWORD);
            HttpResponse<String> other = admin.get("/ui/images/" + bobImage);
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(other.body()).doesNotContain("team-b/app");
            assertThat(admin.get("/ui/images").body()).doesNotContain("team-b/app");
            assertThat(admin.post("/ui/images/" + bobImage + "/rescan", "csrf", admin.csrf).statusCode())
                    .isEqualTo(404);
            assertThat(admin.get("/ui/images/" + bobImage + "/reports/scan-json").statusCode()).isEqualTo(404);

            // a disabled account's open sessions end
            assertThat(adminApi(s, "PUT", "/v1/accounts/team-b/state", "{\"state\": \"disabled\"}").statusCode())
                    .isEqualTo(200);
            assertThat(bob.get("/ui/images").statusCode()).isEqualTo(302);
        }
    }

    @Test
    void withoutAuthTheLoopbackOperatorNeedsNoSignIn() throws Exception {
        try (PlimsollServer s = UiTesting.server(TestPostgres.newDatabaseUrl(), dir,
                Map.of("auth.admin_password", ""), new MemoryVulnStore(), false)) {
            Browser local = new Browser(s);
            HttpResponse<String> r = local.get("/ui/images");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("local (admin)");
            // the session it was given still guards its forms
            assertThat(local.post("/ui/images", "reference", "registry.example/a:1").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void registriesWatchesAndEventsAreTheAccountsOwnGuardedAndEscaped() throws Exception {
        String key = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');
        try (PlimsollServer s = UiTesting.server(TestPostgres.newDatabaseUrl(), dir, Map.of("registries.secret_key",
                key), new MemoryVulnStore(), false)) {
            assertThat(adminApi(s, "POST", "/v1/accounts", "{\"name\": \"team-b\"}").statusCode()).isEqualTo(200);
            assertThat(adminApi(s, "POST", "/v1/accounts/team-b/users",
                    "{\"username\": \"bob\", \"password\": \"bob-pw-123\"}").statusCode()).isEqualTo(200);
            Browser admin = Browser.signedIn(s, "admin", UiTesting.ADMIN_PASSWORD);
            Browser bob = Browser.signedIn(s, "bob", "bob-pw-123");

            // registries: added without a login check, listed without the password, removed; all with the token
            HttpResponse<String> page = admin.get("/ui/registries");
            assertThat(page.body()).contains("<label for=\"registry\">Registry</label>")
                    .contains("<label for=\"registry-password\">Password</label>").contains(">Add registry</button>");
            String csrf = admin.csrf;
            String password = "hunter2-Zq9-secret";
            String[] add = {"registry", "registry.example:5000", "username", "<b>puller</b>", "password", password,
                    "type", "docker_v2", "verify", "1"};
            admin.csrf = "";
            assertThat(admin.post("/ui/registries", add).statusCode()).isEqualTo(403);
            String[] withToken = java.util.stream.Stream.concat(java.util.stream.Stream.of("csrf", csrf),
                    java.util.Arrays.stream(add)).toArray(String[]::new);
            HttpResponse<String> added = admin.post("/ui/registries", withToken);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
            assertThat(admin.post("/ui/registries", withToken).statusCode()).as("one registration per registry")
                    .isEqualTo(409);
            String list = admin.get("/ui/registries").body();
            assertThat(list).contains("registry.example:5000").contains("&lt;b&gt;puller&lt;/b&gt;")
                    .doesNotContain(password).doesNotContain("<b>puller");
            assertThat(bob.get("/ui/registries").body()).doesNotContain("registry.example:5000");
            assertThat(bob.post("/ui/registries/remove", "csrf", bob.csrf, "registry", "registry.example:5000")
                    .statusCode()).as("another account's registry is none of bob's").isEqualTo(404);
            HttpResponse<String> rejected = admin.post("/ui/registries", "csrf", csrf, "registry", "not a host",
                    "username", "u", "password", "p", "type", "docker_v2");
            assertThat(rejected.statusCode()).isEqualTo(400);
            assertThat(rejected.body()).contains("must be host[:port]");
            assertThat(admin.post("/ui/registries/remove", "registry", "registry.example:5000").statusCode())
                    .isEqualTo(403);
            assertThat(admin.post("/ui/registries/remove", "csrf", csrf, "registry", "registry.example:5000")
                    .statusCode()).isEqualTo(303);
            assertThat(admin.get("/ui/registries").body()).contains("No registry is registered.");

            // watches: a watched repository with its tag, switched off and on again with the token
            new io.plimsoll.server.watch.SubscriptionRepository(s.context().database()).tagAdded("admin",
                    "registry.example/team/app:1", true);
            String subscription;
            try (java.sql.Connection c = s.context().database().connection();
                 java.sql.Statement st = c.createStatement()) {
                st.execute("INSERT INTO watch_subscription (id, account, type, key, value, active) VALUES ('repo-1',"
                        + " 'admin', 'repo_update', 'registry.example/team/app', '{\"tagcount\": 3}', true)");
                st.execute("INSERT INTO watch_event (id, account, type, resource_type, resource_id, message,"
                        + " details, host_id) VALUES ('ev-1', 'admin', 'user.checks.tag_update', 'tag',"
                        + " 'registry.example/team/app:1', 'new digest <script>alert(1)</script>',"
                        + " '{\"new\": \"sha256:1\"}', 'host-a'), ('ev-2', 'team-b', 'user.checks.policy_eval',"
                        + " 'tag', 'registry.example/team-b/app:1', 'bob''s event', '{}', 'host-a')");
                try (var rs = st.executeQuery("SELECT id FROM watch_subscription WHERE account = 'admin'"
                        + " AND type = 'tag_update'")) {
                    rs.next();
                    subscription = rs.getString(1);
                }
            }
            String watches = admin.get("/ui/watches").body();
            assertThat(watches).contains("<code>registry.example/team/app</code>").contains("<code>1</code>")
                    .contains(">Deactivate</button>");
            assertThat(bob.get("/ui/watches").body()).doesNotContain("registry.example/team/app");
            assertThat(admin.post("/ui/watches/" + subscription + "/deactivate").statusCode()).isEqualTo(403);
            assertThat(admin.post("/ui/watches/" + subscription + "/deactivate", "csrf", csrf).statusCode())
                    .isEqualTo(303);
            assertThat(bob.post("/ui/watches/" + subscription + "/activate", "csrf", bob.csrf).statusCode())
                    .isEqualTo(404);
            try (java.sql.Connection c = s.context().database().connection();
                 java.sql.Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT active FROM watch_subscription WHERE id = '" + subscription + "'")) {
                assertThat(rs.next() && !rs.getBoolean(1)).as("switched off").isTrue();
            }

            // events: listed, filtered, one opened; escaped; another account's is a 404
            String events = admin.get("/ui/events").body();
            assertThat(events).contains("new digest &lt;script&gt;alert(1)&lt;/script&gt;")
                    .doesNotContain("<script>alert").doesNotContain("bob&#39;s event").doesNotContain("bob's event");
            assertThat(admin.get("/ui/events?type=user.checks.policy_eval").body()).contains("No events.");
            assertThat(admin.get("/ui/events?level=INFO&type=user.checks.tag_update").body()).contains("ev-1");
            assertThat(admin.get("/ui/events/ev-1").body()).contains("\"new\" : \"sha256:1\"");
            assertThat(admin.get("/ui/events/ev-2").statusCode()).isEqualTo(404);
            assertThat(admin.get("/ui/").body()).contains("Recent events").contains("/ui/events/ev-1");
        }
    }

    private static HttpResponse<String> adminApi(PlimsollServer s, String method, String path, String body)
            throws Exception {
        return TestServers.send(method, s.baseUrl() + path, body, "Authorization", basic("admin",
                UiTesting.ADMIN_PASSWORD));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
