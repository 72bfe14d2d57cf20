package io.plimsoll.server.account;

import static io.plimsoll.server.account.AccountTesting.ADMIN_PASSWORD;
import static io.plimsoll.server.account.AccountTesting.BUNDLE;
import static io.plimsoll.server.account.AccountTesting.admin;
import static io.plimsoll.server.account.AccountTesting.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.analysis.AnalysisApiModule;
import io.plimsoll.server.analysis.SystemApiModule;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import io.plimsoll.server.testing.AnchoreSchemas;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts, users and basic auth over HTTP, and what one account can see of another's images and policies. */
class AccountsApiTest {

    @TempDir
    Path dir;

    @Test
    void basicAuthAdminOnlyManagementAndPasswordChanges() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (PlimsollServer s = AccountTesting.server(TestPostgres.newDatabaseUrl(), dir, log, Map.of())) {
            HttpResponse<String> none = TestServers.get(s.baseUrl() + "/v1");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"plimsoll\"");
            HttpResponse<String> wrong = as(s, "admin", "not-the-password", "GET", "/v1", null);
            assertThat(wrong.statusCode()).isEqualTo(401);
            // Anchore's ApiErrorResponse: a numeric code, as its clients read it
            assertThat(json(wrong).path("code").asInt()).isEqualTo(401);
            assertThat(json(wrong).path("message").asText()).isEqualTo("Unauthorized");
            assertThat(as(s, "nobody", ADMIN_PASSWORD, "GET", "/v1", null).statusCode()).isEqualTo(401);
            assertThat(admin(s, "GET", "/v1", null).statusCode()).isEqualTo(200);

            HttpResponse<String> created = admin(s, "POST", "/v1/accounts", "{\"name\": \"team-a\", \"email\":"
                    + " \"a@example.com\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(json(created).path("type").asText()).isEqualTo("user");
            assertThat(json(created).path("state").asText()).isEqualTo("enabled");
            assertThat(admin(s, "POST", "/v1/accounts", "{\"name\": \"team-a\"}").statusCode()).isEqualTo(409);
            assertThat(admin(s, "POST", "/v1/accounts", "{\"name\": \"a b\"}").statusCode()).isEqualTo(400);
            HttpResponse<String> user = admin(s, "POST", "/v1/accounts/team-a/users",
                    "{\"username\": \"alice\", \"password\": \"alice-pw-1\"}");
            assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
            assertThat(json(user).path("username").asText()).isEqualTo("alice");
            assertThat(user.body()).doesNotContain("alice-pw-1").doesNotContain("$2a$");
            assertThat(admin(s, "POST", "/v1/accounts/team-a/users", "{\"username\": \"bob\", \"password\": \"x\"}")
                    .statusCode()).isEqualTo(400);

            assertThat(json(as(s, "alice", "alice-pw-1", "GET", "/v1/account", null)).path("name").asText())
                    .isEqualTo("team-a");
            assertThat(json(as(s, "alice", "alice-pw-1", "GET", "/v1/user", null)).path("username").asText())
                    .isEqualTo("alice");
            HttpResponse<String> forbidden = as(s, "alice", "alice-pw-1", "GET", "/v1/accounts", null);
            assertThat(forbidden.statusCode()).isEqualTo(403);
            assertThat(json(forbidden).path("code").asInt()).isEqualTo(403);
            assertThat(as(s, "alice", "alice-pw-1", "GET", "/indexer/api/v1/index_state", null).statusCode())
                    .isEqualTo(403);
            assertThat(names(admin(s, "GET", "/v1/accounts", null), "name")).containsExactly("admin", "team-a");
            assertThat(names(admin(s, "GET", "/v1/accounts/team-a/users", null), "username"))
                    .containsExactly("alice");

            HttpResponse<String> changed = admin(s, "POST", "/v1/accounts/team-a/users/alice/credentials",
                    "{\"type\": \"password\", \"value\": \"alice-pw-2\"}");
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(as(s, "alice", "alice-pw-1", "GET", "/v1", null).statusCode()).isEqualTo(401);
            assertThat(as(s, "alice", "alice-pw-2", "GET", "/v1", null).statusCode()).isEqualTo(200);

            assertThat(admin(s, "DELETE", "/v1/accounts/team-a", null).statusCode()).isEqualTo(400);
            assertThat(admin(s, "PUT", "/v1/accounts/team-a/state", "{\"state\": \"disabled\"}").statusCode())
                    .isEqualTo(200);
            assertThat(as(s, "alice", "alice-pw-2", "GET", "/v1", null).statusCode()).isEqualTo(401);
            assertThat(admin(s, "PUT", "/v1/accounts/admin/state", "{\"state\": \"disabled\"}").statusCode())
                    .isEqualTo(400);
            assertThat(admin(s, "DELETE", "/v1/accounts/team-a", null).statusCode()).isEqualTo(204);
            assertThat(admin(s, "GET", "/v1/accounts/team-a", null).statusCode()).isEqualTo(404);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).doesNotContain(ADMIN_PASSWORD).doesNotContain("alice-pw");
    }

    @Test
    void oneAccountNeverSeesAnothersImagesOrPolicies() throws Exception {
        try (PlimsollServer s = AccountTesting.server(TestPostgres.newDatabaseUrl(), dir, null, Map.of())) {
            for (String a : List.of("team-a", "team-b")) {
                assertThat(admin(s, "POST", "/v1/accounts", "{\"name\": \"" + a + "\"}").statusCode()).isEqualTo(200);
                assertThat(admin(s, "POST", "/v1/accounts/" + a + "/users", "{\"username\": \"" + a
                        + "-user\", \"password\": \"password-" + a + "\"}").statusCode()).isEqualTo(200);
            }
            String idA = submit(s, "team-a", "registry.example/team-a/app:1");
            submit(s, "team-b", "registry.example/team-b/app:1");
            assertThat(tags(as(s, "team-a-user", "password-team-a", "GET", "/v1/images", null)))
                    .containsExactly("registry.example/team-a/app:1");
            assertThat(tags(as(s, "team-b-user", "password-team-b", "GET", "/v1/images", null)))
                    .containsExactly("registry.example/team-b/app:1");
            assertThat(tags(admin(s, "GET", "/v1/images", null))).isEmpty();
            assertThat(as(s, "team-b-user", "password-team-b", "GET", "/v1/images/" + idA, null).statusCode())
                    .isEqualTo(404);
            assertThat(as(s, "team-a-user", "password-team-a", "GET", "/v1/images/" + idA, null).statusCode())
                    .isEqualTo(200);
            // the same tag submitted by another account is that account's own record, not a join of the first
            String again = submit(s, "team-b", "registry.example/team-a/app:1");
            assertThat(again).isNotEqualTo(idA);

            HttpResponse<String> added = as(s, "team-a-user", "password-team-a", "POST", "/v1/policies", BUNDLE);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
            assertThat(names(as(s, "team-b-user", "password-team-b", "GET", "/v1/policies", null), "policyId"))
                    .isEmpty();
            assertThat(as(s, "team-b-user", "password-team-b", "GET", "/v1/policies/team-bundle", null)
                    .statusCode()).isEqualTo(404);
            // a policy id is per account: team-b may upload a bundle with the same id, and both stay active
            assertThat(as(s, "team-b-user", "password-team-b", "POST", "/v1/policies", BUNDLE).statusCode())
                    .isEqualTo(200);
            assertThat(names(as(s, "team-a-user", "password-team-a", "GET", "/v1/policies", null), "active"))
                    .containsExactly("true");

            // the admin acts as another account with Anchore's header; a user may not
            assertThat(tags(admin(s, "GET", "/v1/images", null, "x-anchore-account", "team-a")))
                    .containsExactly("registry.example/team-a/app:1");
            assertThat(as(s, "team-a-user", "password-team-a", "GET", "/v1/images", null, "x-anchore-account",
                    "team-b").statusCode()).isEqualTo(403);
            assertThat(admin(s, "GET", "/v1/images", null, "x-anchore-account", "no-such").statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void accountAndSystemBodiesFollowAnchoresDefinitions() throws Exception {
        AnchoreSchemas contract = AnchoreSchemas.load();
        // the check can fail: a wrong type and a value outside an enum are caught
        assertThat(contract.errors("Account", Exchange.JSON.readTree("{\"name\": 5, \"state\": \"gone\"}")))
                .hasSize(2);
        try (PlimsollServer s = AccountTesting.server(TestPostgres.newDatabaseUrl(), dir, null, Map.of())) {
            contract.assertValid("StatusResponse", json(admin(s, "GET", "/v1/status", null)));
            contract.assertValid("SystemStatusResponse", json(admin(s, "GET", "/v1/system", null)));
            contract.assertValid("ServiceList", json(admin(s, "GET", "/v1/system/services", null)));
            contract.assertValid("Account", json(admin(s, "POST", "/v1/accounts", "{\"name\": \"team-c\", \"email\":"
                    + " \"c@example.com\"}")));
            contract.assertValid("AccountList", json(admin(s, "GET", "/v1/accounts", null)));
            contract.assertValid("Account", json(admin(s, "GET", "/v1/account", null)));
            contract.assertValid("User", json(admin(s, "POST", "/v1/accounts/team-c/users",
                    "{\"username\": \"carol\", \"password\": \"carol-pw\"}")));
            contract.assertValid("UserList", json(admin(s, "GET", "/v1/accounts/team-c/users", null)));
            contract.assertValid("User", json(as(s, "carol", "carol-pw", "GET", "/v1/user", null)));
            contract.assertValid("CredentialList", json(admin(s, "GET", "/v1/accounts/team-c/users/carol/credentials",
                    null)));
            contract.assertValid("AccountStatus", json(admin(s, "PUT", "/v1/accounts/team-c/state",
                    "{\"state\": \"enabled\"}")));
            contract.assertValid("ApiErrorResponse", json(as(s, "carol", "wrong-pw", "GET", "/v1", null)));
            contract.assertValid("ApiErrorResponse", json(as(s, "carol", "carol-pw", "GET", "/v1/accounts", null)));
        }
    }

    @Test
    void theApiDocumentListsExactlyTheV1RoutesServed() throws Exception {
        try (PlimsollServer s = AccountTesting.server(TestPostgres.newDatabaseUrl(), dir, null, Map.of())) {
            for (String path : List.of("/swagger.json", "/v1/swagger.json")) {
                HttpResponse<String> doc = TestServers.get(s.baseUrl() + path);
                assertThat(doc.statusCode()).isEqualTo(200);
                assertThat(json(doc).path("info").path("version").asText()).isEqualTo("0.1.20");
            }
            JsonNode doc = json(TestServers.get(s.baseUrl() + "/swagger.json"));
            Set<String> documented = new TreeSet<>();
            doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m ->
                    documented.add(m.toUpperCase() + " " + normalise("/v1" + p.getKey()))));
            Router router = new Router();
            new AnalysisApiModule(s.context(), new MemoryVulnStore()).routes(router);
            new AccountApiModule(s.context()).routes(router);
            new SystemApiModule(s.context()).routes(router);
            Set<String> served = new TreeSet<>();
            for (Router.Entry e : router.entries()) {
                if (e.template().startsWith("/v1") && !e.template().endsWith("swagger.json")) {
                    served.add(e.method() + " " + normalise(e.template()));
                }
            }
            assertThat(documented).isEqualTo(served);

            JsonNode system = json(admin(s, "GET", "/v1/system", null));
            List<String> services = new ArrayList<>();
            system.path("service_states").forEach(x -> services.add(x.path("servicename").asText()));
            assertThat(services).containsExactly("apiext", "catalog", "simplequeue");
            assertThat(system.path("service_states").get(0).path("status").asBoolean()).isTrue();
            assertThat(json(admin(s, "GET", "/v1/status", null)).path("db_version").asText())
                    .isEqualTo(newestMigration());
        }
    }

    /** The newest Flyway version among the migrations ("11.1" of V11_1__…), so a new migration needs no edit here. */
    private static String newestMigration() throws Exception {
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V[0-9_]+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.'))
                    .max(java.util.Comparator.comparing((String v) -> java.util.Arrays.stream(v.split("\\."))
                            .mapToInt(Integer::parseInt).toArray(), java.util.Arrays::compare))
                    .orElseThrow();
        }
    }

    @Test
    void withoutAnyAuthTheServerListensOnLoopbackOnlyAndSaysSo() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (PlimsollServer s = AccountTesting.server(TestPostgres.newDatabaseUrl(), dir, log,
                Map.of("auth.admin_password", "", "listen", "0.0.0.0:0"))) {
            assertThat(s.context().config().listen()).startsWith("127.0.0.1:");
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("listens on loopback only instead of 0.0.0.0");
            // every caller is the admin account then, as before accounts existed
            assertThat(json(TestServers.get(s.baseUrl() + "/v1/account")).path("name").asText()).isEqualTo("admin");
        }
        try (PlimsollServer s = AccountTesting.server(TestPostgres.newDatabaseUrl(), dir, null,
                Map.of("listen", "0.0.0.0:0"))) {
            assertThat(s.context().config().listen()).startsWith("0.0.0.0:");
        }
    }

    private static String submit(PlimsollServer s, String account, String tag) throws Exception {
        HttpResponse<String> r = as(s, account + "-user", "password-" + account, "POST", "/v1/images",
                "{\"tag\": \"" + tag + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).get(0).path("record_id").asText();
    }

    private static List<String> tags(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        json(r).forEach(i -> out.add(i.path("image_detail").get(0).path("fulltag").asText()));
        return out;
    }

    private static List<String> names(HttpResponse<String> r, String field) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        json(r).forEach(i -> out.add(i.path(field).asText()));
        return out;
    }

    private static String normalise(String template) {
        return template.replaceAll("\\{[^}]+}", "{}").replaceAll("/$", "");
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Exchange.JSON.readTree(r.body());
    }
}
