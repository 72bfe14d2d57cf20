package io.plimsoll.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.account.AccountApiModule;
import io.plimsoll.server.analysis.AnalysisApiModule;
import io.plimsoll.server.analysis.AnalysisWorkerModule;
import io.plimsoll.server.analysis.SystemApiModule;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.AnchoreCli;
import io.plimsoll.server.testing.AnchoreCli.Result;
import io.plimsoll.server.testing.AnchoreSchemas;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * anchore-cli's registry commands against a real docker-registry behind htpasswd basic auth on loopback, with the
 * server's address guard on (no {@code allow_private_addresses}): the unregistered registry is refused, a wrong
 * password fails validation, the registered one is pulled from with its credentials, the password is neither
 * answered nor stored in the clear, and another account sees none of it.
 */
class AnchoreCliRegistriesTest {

    private static final String ADMIN = "registries-admin-pw";
    private static final String PULL_PASSWORD = "pull-s3cret-Zq9";
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');

    @TempDir
    Path dir;

    private AnchoreCli cli;
    private String url;

    @Test
    void aRegisteredPrivateRegistryIsPulledWithItsEncryptedCredentials() throws Exception {
        cli = AnchoreCli.require(Files.createDirectories(dir.resolve("home")));
        AnchoreSchemas schemas = AnchoreSchemas.load();
        try (LocalRegistry registry = LocalRegistry.startWithHtpasswd(Files.createDirectories(dir.resolve("reg")),
                "puller", PULL_PASSWORD);
             PlimsollServer s = server(Map.of("registries.secret_key", KEY))) {
            url = s.baseUrl() + "/v1";
            registry.push("team/app", image(), "1");
            String host = registry.host();
            String tag = host + "/team/app:1";

            // not registered: a loopback registry is the server's own network, refused at once
            ok("image", "add", tag, "--noautosubscribe");
            Result refused = ok("image", "wait", tag, "--interval", "1", "--timeout", "30");
            assertThat(refused.stdout()).contains("analysis_failed");
            assertThat(ok("--json", "image", "get", tag).stdout()).contains("not a public address");

            Result wrong = run("registry", "add", host, "puller", "not-the-password", "--insecure");
            assertThat(wrong.exitCode()).as(wrong.toString()).isNotZero();
            assertThat(wrong.stdout()).contains("cannot log in to registry " + host).contains("rejected the"
                    + " credentials of 'puller'");
            assertThat(ok("registry", "list").stdout()).doesNotContain(host);

            // any account may register a host, so not the cloud's metadata service on link-local
            Result metadata = run("registry", "add", "169.254.169.254", "puller", PULL_PASSWORD, "--insecure");
            assertThat(metadata.exitCode()).as(metadata.toString()).isNotZero();
            assertThat(metadata.stdout()).contains("link local").contains("not a public, private-network or"
                    + " loopback address");

            Result add = ok("registry", "add", host, "puller", PULL_PASSWORD, "--insecure");
            assertThat(add.stdout()).contains("Registry: " + host).contains("User: puller")
                    .contains("Verify TLS: False");
            assertThat(ok("registry", "list").stdout()).contains(host).contains("docker_v2").contains("puller");
            JsonNode got = Exchange.JSON.readTree(ok("--json", "registry", "get", host).stdout());
            schemas.assertValid("RegistryConfigurationList", got);
            assertThat(got.get(0).path("registry_pass").asText()).isEqualTo("***");
            assertThat(got.toString()).doesNotContain(PULL_PASSWORD);

            ok("image", "add", tag, "--force", "--noautosubscribe");
            Result analysed = ok("image", "wait", tag, "--interval", "1", "--timeout", "60");
            assertThat(analysed.stdout()).contains("Analysis Status: analyzed").contains("Distro: alpine");

            try (Connection c = s.context().database().connection();
                 PreparedStatement q = c.prepareStatement("SELECT secret FROM registry_credential");
                 ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain(PULL_PASSWORD);
            }

            // another account sees no registry of admin's, and cannot pull through its credentials
            ok("account", "add", "team-b");
            ok("account", "user", "add", "--account", "team-b", "bob", "bob-password-1");
            Result listB = cli.run(url, "bob", "bob-password-1", "registry", "list");
            assertThat(listB.exitCode()).as(listB.toString()).isZero();
            assertThat(listB.stdout()).doesNotContain(host);
            assertThat(cli.run(url, "bob", "bob-password-1", "registry", "get", host).exitCode()).isNotZero();

            Result update = ok("registry", "update", host, "puller", PULL_PASSWORD, "--skip-validate");
            assertThat(update.stdout()).contains("Verify TLS: True");
            ok("registry", "del", host);
            assertThat(ok("registry", "list").stdout()).doesNotContain(host);

            // a repository prefix is one path segment: anchore-cli sends /v1/registries/HOST%3APORT%2Fteam
            String prefix = host + "/team";
            ok("registry", "add", prefix, "puller", PULL_PASSWORD, "--insecure", "--skip-validate");
            assertThat(ok("registry", "get", prefix).stdout()).contains(prefix);
            assertThat(ok("registry", "update", prefix, "puller", PULL_PASSWORD, "--skip-validate").stdout())
                    .contains(prefix).contains("Verify TLS: True");
            ok("registry", "del", prefix);
            assertThat(ok("registry", "list").stdout()).doesNotContain(prefix);
        }
        try (PlimsollServer keyless = server(Map.of())) {
            HttpResponse<String> r = TestServers.send("POST", keyless.baseUrl() + "/v1/registries?validate=false",
                    "{\"registry\": \"registry.example:5000\", \"registry_user\": \"u\", \"registry_pass\": \"p\"}",
                    "Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN)
                            .getBytes(StandardCharsets.UTF_8)));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("registries.secret_key");
        }
    }

    private PlimsollServer server(Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("roles", "api,indexer", "analysis.poll", "100ms",
                "auth.admin_password", ADMIN));
        settings.putAll(extra);
        return TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), dir, settings), null,
                ctx -> List.of(new AnalysisApiModule(ctx, new MemoryVulnStore()),
                        new AnalysisWorkerModule(ctx, (RegistrySettings) null), new AccountApiModule(ctx),
                        new SystemApiModule(ctx), new RegistryApiModule(ctx)));
    }

    private static TestImage image() {
        return TestImage.create().layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                .file("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nA:x86_64\no:musl\n\n"), Compressor.GZIP,
                "/bin/sh -c #(nop) ADD file:alpine in / ");
    }

    private Result run(String... args) throws Exception {
        return cli.run(url, "admin", ADMIN, args);
    }

    private Result ok(String... args) throws Exception {
        Result r = run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }
}
