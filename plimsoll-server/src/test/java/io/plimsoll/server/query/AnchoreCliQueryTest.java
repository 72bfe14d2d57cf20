package io.plimsoll.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.account.AccountApiModule;
import io.plimsoll.server.analysis.AnalysisApiModule;
import io.plimsoll.server.analysis.AnalysisWorkerModule;
import io.plimsoll.server.analysis.SystemApiModule;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.AnchoreCli;
import io.plimsoll.server.testing.AnchoreCli.Result;
import io.plimsoll.server.testing.AnchoreSchemas;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.server.vulndb.PostgresVulnStore;
import io.plimsoll.server.vulndb.VulnJson;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Severity;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * anchore-cli's query commands end to end, over images analysed from a real docker-registry by two accounts: each
 * account finds its own image by vulnerability and by package and never the other's, the bodies are Anchore's
 * (validated against its swagger), and a re-match after the data changed re-writes what the queries see.
 */
class AnchoreCliQueryTest {

    private static final String ADMIN_PW = "query-admin-pw";
    private static final String ALICE_PW = "query-alice-pw";
    private static final String CVE = "CVE-2025-40001";
    private static final String MUSL = "1.2.4_git20230717-r4";

    @TempDir
    Path dir;

    private AnchoreCli cli;
    private String url;

    @Test
    void eachAccountQueriesItsOwnImagesByVulnerabilityAndPackage() throws Exception {
        cli = AnchoreCli.require(Files.createDirectories(dir.resolve("home")));
        AnchoreSchemas schemas = AnchoreSchemas.load();
        LocalRegistry.requireBinary();
        String dbUrl = TestPostgres.newDatabaseUrl();
        try (Database db = Database.open(Optional.of(dbUrl), dir.resolve("unused"), 2)) {
            feed(db);
        }
        Map<String, String> settings = Map.of("roles", "api,indexer", "analysis.poll", "100ms", "analysis.lease",
                "2s", "analysis.workers", "2", "indexer.allow_private_addresses", "true", "auth.admin_password",
                ADMIN_PW);
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             PlimsollServer s = TestServers.start(TestServers.config(dbUrl, dir, settings), null, ctx -> {
                 // uncached: the test changes the data under the server and expects the next match to see it
                 PostgresVulnStore store = new PostgresVulnStore(ctx.database().dataSource());
                 return List.of(new AnalysisApiModule(ctx, store), new AnalysisWorkerModule(ctx, null, store),
                         new AccountApiModule(ctx), new SystemApiModule(ctx), new QueryApiModule(ctx));
             })) {
            url = s.baseUrl() + "/v1";
            registry.push("team/app", image(true), "1");
            registry.push("team/other", image(false), "1");
            String app = registry.host() + "/team/app:1";
            String other = registry.host() + "/team/other:1";
            ok("admin", ADMIN_PW, "account", "add", "team-a");
            ok("admin", ADMIN_PW, "account", "user", "add", "--account", "team-a", "alice", ALICE_PW);
            ok("admin", ADMIN_PW, "image", "add", app);
            ok("alice", ALICE_PW, "image", "add", other);
            ok("admin", ADMIN_PW, "image", "wait", app, "--interval", "1", "--timeout", "60");
            ok("alice", ALICE_PW, "image", "wait", other, "--interval", "1", "--timeout", "60");

            // findings were indexed when the analysis finished: no vuln request has matched the images yet
            Result byVuln = ok("admin", ADMIN_PW, "query", "images-by-vulnerability", "--vulnerability-id", CVE);
            assertThat(byVuln.stdout()).contains(app).contains("musl-" + MUSL).contains("High")
                    .contains("alpine:3.19").doesNotContain(other);
            JsonNode adminHits = json(schemas, "PaginatedVulnerableImageList", "admin", ADMIN_PW, "query",
                    "images-by-vulnerability", "--vulnerability-id", CVE, "--package", "musl", "--severity", "high");
            assertThat(adminHits.path("images")).hasSize(1);
            assertThat(adminHits.path("returned_count").asInt()).isEqualTo(1);
            assertThat(adminHits.path("images").get(0).path("affected_packages").get(0).path("fixed_in").asText())
                    .isEqualTo("1.2.4_git20230717-r5");
            assertThat(ok("alice", ALICE_PW, "query", "images-by-vulnerability", "--vulnerability-id", CVE)
                    .stdout()).contains(other).doesNotContain(app);
            assertThat(json(schemas, "PaginatedVulnerableImageList", "alice", ALICE_PW, "query",
                    "images-by-vulnerability", "--vulnerability-id", CVE, "--namespace", "debian:12")
                    .path("images")).isEmpty();

            assertThat(ok("admin", ADMIN_PW, "query", "images-by-package", "--name", "left-pad").stdout())
                    .contains(app).contains("left-pad-1.3.0").contains("npm");
            JsonNode alicePackages = json(schemas, "PaginatedImageList", "alice", ALICE_PW, "query",
                    "images-by-package", "--name", "left-pad");
            assertThat(alicePackages.path("images")).as("alice's image has no left-pad; admin's is not hers")
                    .isEmpty();
            assertThat(json(schemas, "PaginatedImageList", "alice", ALICE_PW, "query", "images-by-package", "--name",
                    "musl", "--version", MUSL, "--package-type", "APKG").path("images")).hasSize(1);

            JsonNode vulns = get(s, "/v1/query/vulnerabilities?id=" + CVE + ",CVE-0000-0000", 200);
            schemas.assertValid("PaginatedVulnerabilityList", vulns);
            JsonNode record = vulns.path("vulnerabilities").get(0);
            assertThat(record.path("namespace").asText()).isEqualTo("alpine:3.19");
            assertThat(record.path("severity").asText()).isEqualTo("High");
            assertThat(record.path("affected_packages").get(0).path("version").asText())
                    .isEqualTo("1.2.4_git20230717-r5");
            assertThat(get(s, "/v1/query/vulnerabilities?id=" + CVE + "&affected_package_version="
                    + "1.2.4_git20230717-r5", 200).path("vulnerabilities")).as("the fixed version is not affected")
                    .isEmpty();
            JsonNode bad = get(s, "/v1/query/images/by_package?name=musl&limit=0", 400);
            schemas.assertValid("ApiErrorResponse", bad);
            assertThat(bad.path("message").asText()).contains("'limit'");

            // the feed withdraws the advisory: the next match of the image re-writes its findings
            try (Connection c = s.context().database().connection(); Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM affected");
            }
            assertThat(ok("admin", ADMIN_PW, "image", "vuln", app, "all").stdout()).doesNotContain(CVE);
            assertThat(json(schemas, "PaginatedVulnerableImageList", "admin", ADMIN_PW, "query",
                    "images-by-vulnerability", "--vulnerability-id", CVE).path("images")).isEmpty();
            assertThat(ok("alice", ALICE_PW, "query", "images-by-vulnerability", "--vulnerability-id", CVE)
                    .stdout()).as("alice's image was not matched again").contains(other);
        }
    }

    /** Alpine 3.19 with a vulnerable musl and, when {@code npm}, left-pad in a second layer. */
    private static TestImage image(boolean npm) {
        String db = "P:musl\nV:" + MUSL + "\nA:x86_64\nL:MIT\no:musl\n\n";
        TestImage img = TestImage.create().layer(TestLayer.create()
                .file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n").file("lib/apk/db/installed", db),
                Compressor.GZIP, "/bin/sh -c #(nop) ADD file:alpine in / ");
        return npm ? img.layer(TestLayer.create().file("usr/lib/node_modules/left-pad/package.json",
                        "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}"), Compressor.GZIP,
                "/bin/sh -c #(nop) COPY file:app in /usr/lib/ ") : img;
    }

    /** Alpine's record of the CVE, fixed in r5 of Alpine 3.19's musl, in the server's feed tables. */
    private static void feed(Database db) throws Exception {
        Advisory a = new Advisory(CVE, "alpine", List.of(), "musl overflow", "musl overflows", Optional.empty(),
                Optional.empty(), List.of("https://security.alpinelinux.org/vuln/" + CVE), "High", Severity.HIGH,
                List.of());
        AffectedPackage row = AffectedPackage.fixedIn(CVE, "alpine", "alpine:3.19", "musl", "apk",
                "1.2.4_git20230717-r5");
        try (Connection c = db.connection();
             PreparedStatement adv = c.prepareStatement("INSERT INTO advisory (source, id, data) VALUES (?, ?, ?::jsonb)");
             PreparedStatement aff = c.prepareStatement("INSERT INTO affected (source, advisory_id, namespace, name,"
                     + " data) VALUES (?, ?, ?, ?, ?::jsonb)")) {
            adv.setString(1, "alpine");
            adv.setString(2, CVE);
            adv.setString(3, VulnJson.advisory(a).toString());
            adv.executeUpdate();
            aff.setString(1, "alpine");
            aff.setString(2, CVE);
            aff.setString(3, "alpine:3.19");
            aff.setString(4, "musl");
            aff.setString(5, VulnJson.affected(row).toString());
            aff.executeUpdate();
        }
    }

    private Result ok(String user, String password, String... args) throws Exception {
        Result r = cli.run(url, user, password, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    /** The body anchore-cli received ({@code --json} prints it as is), valid against a swagger definition. */
    private JsonNode json(AnchoreSchemas schemas, String definition, String user, String password, String... args)
            throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "--json";
        System.arraycopy(args, 0, all, 1, args.length);
        JsonNode body = Exchange.JSON.readTree(ok(user, password, all).stdout());
        schemas.assertValid(definition, body);
        return body;
    }

    private static JsonNode get(PlimsollServer s, String path, int status) throws Exception {
        HttpResponse<String> r = TestServers.send("GET", s.baseUrl() + path, null, "Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PW).getBytes(StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return Exchange.JSON.readTree(r.body());
    }
}
