package io.plimsoll.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.account.AccountApiModule;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.AnchoreCli;
import io.plimsoll.server.testing.AnchoreCli.Result;
import io.plimsoll.server.testing.AnchoreSchemas;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.server.vulndb.PostgresVulnStore;
import io.plimsoll.server.vulndb.UpdaterModule;
import io.plimsoll.vuln.testing.JsonListUpdater;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * anchore-cli's feed commands: the feed list with its groups and record counts, a group and the whole feed switched
 * off (the updater then leaves them as they are, and a sync says so), Anchore's error codes, and the switches kept
 * from accounts other than admin.
 */
class AnchoreCliFeedsTest {

    private static final String ADMIN_PW = "feeds-admin-pw";

    @TempDir
    Path dir;

    private AnchoreCli cli;
    private String url;

    @Test
    void feedsListedSwitchedOffAndSkippedByTheUpdater() throws Exception {
        cli = AnchoreCli.require(Files.createDirectories(dir.resolve("home")));
        AnchoreSchemas schemas = AnchoreSchemas.load();
        Path from = dir.resolve("feeds");
        list(from, "alpine", "CVE-1", "alpine:3.19", "musl");
        list(from, "debian", "CVE-2", "debian:12", "curl");
        Map<String, String> settings = Map.of("roles", "api,updater", "updater.from", from.toString(),
                "updater.interval", "0", "auth.admin_password", ADMIN_PW);
        try (PlimsollServer s = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), dir, settings),
                null, ctx -> {
                    UpdaterModule updater = new UpdaterModule(ctx, List.of(new JsonListUpdater("alpine"),
                            new JsonListUpdater("debian")));
                    return List.of(updater, new AnalysisApiModule(ctx,
                            new PostgresVulnStore(ctx.database().dataSource()), Optional.of(updater),
                            (account, tag, autosubscribe) -> { }),
                            new AccountApiModule(ctx), new SystemApiModule(ctx));
                })) {
            url = s.baseUrl() + "/v1";
            JsonNode sync = send(s, "POST", "/v1/system/feeds", 200);
            schemas.assertValid("FeedSyncResults", sync);
            assertThat(sync.get(0).path("status").asText()).isEqualTo("success");
            assertThat(sync.get(0).path("groups")).hasSize(2);

            Result listed = ok("admin", ADMIN_PW, "system", "feeds", "list");
            assertThat(listed.stdout()).contains("vulnerabilities").containsPattern("alpine\\s+\\S+\\s+2")
                    .containsPattern("debian\\s+\\S+\\s+2").doesNotContain("disabled");
            JsonNode feeds = Exchange.JSON.readTree(ok("admin", ADMIN_PW, "--json", "system", "feeds", "list")
                    .stdout());
            feeds.forEach(f -> schemas.assertValid("FeedMetadata", f));

            assertThat(ok("admin", ADMIN_PW, "system", "feeds", "config", "vulnerabilities", "--group", "debian",
                    "--disable").stdout()).contains("debian(disabled)");
            // a new debian record is waiting, and debian is switched off: the update leaves it out
            list(from, "debian", "CVE-3", "debian:12", "curl");
            JsonNode second = send(s, "POST", "/v1/system/feeds", 200);
            assertThat(second.get(0).path("groups")).hasSize(1);
            assertThat(second.get(0).path("groups").get(0).path("group").asText()).isEqualTo("alpine");
            assertThat(new PostgresVulnStore(s.context().database().dataSource()).affected("debian:12", "curl"))
                    .extracting(a -> a.advisoryId()).containsExactly("CVE-2");
            assertThat(ok("admin", ADMIN_PW, "system", "feeds", "list").stdout()).contains("debian(disabled)");

            ok("admin", ADMIN_PW, "system", "feeds", "config", "vulnerabilities", "--disable");
            assertThat(ok("admin", ADMIN_PW, "system", "feeds", "list").stdout())
                    .contains("vulnerabilities(disabled)");
            assertThat(send(s, "POST", "/v1/system/feeds", 200).get(0).path("groups")).isEmpty();
            ok("admin", ADMIN_PW, "system", "feeds", "config", "vulnerabilities", "--enable");
            ok("admin", ADMIN_PW, "system", "feeds", "config", "vulnerabilities", "--group", "debian", "--enable");
            send(s, "POST", "/v1/system/feeds", 200);
            assertThat(new PostgresVulnStore(s.context().database().dataSource()).affected("debian:12", "curl"))
                    .extracting(a -> a.advisoryId()).containsExactly("CVE-3");

            JsonNode unknown = send(s, "PUT", "/v1/system/feeds/vulnerabilities/nope?enabled=false", 404);
            schemas.assertValid("ApiErrorResponse", unknown);
            assertThat(unknown.path("message").asText()).contains("alpine").contains("debian");
            ok("admin", ADMIN_PW, "account", "add", "team-a");
            ok("admin", ADMIN_PW, "account", "user", "add", "--account", "team-a", "alice", "alice-pw");
            Result refused = cli.run(url, "alice", "alice-pw", "system", "feeds", "config", "vulnerabilities",
                    "--disable");
            assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
            assertThat(refused.stdout()).contains("only the admin account");

            assertThat(ok("admin", ADMIN_PW, "system", "errorcodes").stdout()).contains("not-analyzed")
                    .contains("bad-request");
            send(s, "GET", "/v1/system/error_codes", 200)
                    .forEach(c -> schemas.assertValid("AnchoreErrorCode", c));
        }
    }

    /** A JsonListUpdater folder for {@code source} with one fixed-in record. */
    private static void list(Path from, String source, String id, String namespace, String pkg) throws Exception {
        Path file = from.resolve(source).resolve("list.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[{\"id\":\"" + id + "\",\"ns\":\"" + namespace + "\",\"pkg\":\"" + pkg
                + "\",\"fixed\":\"9.0\"}]");
    }

    private Result ok(String user, String password, String... args) throws Exception {
        Result r = cli.run(url, user, password, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    private static JsonNode send(PlimsollServer s, String method, String path, int status) throws Exception {
        HttpResponse<String> r = TestServers.send(method, s.baseUrl() + path, method.equals("GET") ? null : "",
                "Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PW)
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return Exchange.JSON.readTree(r.body());
    }
}
