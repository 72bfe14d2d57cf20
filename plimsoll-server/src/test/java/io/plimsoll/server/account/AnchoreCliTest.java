package io.plimsoll.server.account;

import static io.plimsoll.server.account.AccountTesting.ADMIN_PASSWORD;
import static io.plimsoll.server.account.AccountTesting.BUNDLE;
import static io.plimsoll.server.account.AccountTesting.admin;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.testing.AnchoreCli;
import io.plimsoll.server.testing.AnchoreCli.Result;
import io.plimsoll.server.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anchore's own client against the server: discovery, basic auth, accounts, and what each account sees. */
class AnchoreCliTest {

    @TempDir
    Path dir;

    @Test
    void anchoreCliLogsInManagesAccountsAndSeesOnlyItsAccount() throws Exception {
        AnchoreCli cli = AnchoreCli.require(Files.createDirectories(dir.resolve("home")));
        try (PlimsollServer s = AccountTesting.server(TestPostgres.newDatabaseUrl(), dir, null, Map.of())) {
            String url = s.baseUrl() + "/v1";

            Result status = cli.run(url, "admin", ADMIN_PASSWORD, "system", "status");
            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(status.stdout()).as(status.toString()).contains("Service apiext (").contains("): up")
                    .contains("Service catalog (");

            Result wrong = cli.run(url, "admin", "wrong-password", "system", "status");
            assertThat(wrong.exitCode()).as(wrong.toString()).isNotZero();
            assertThat(wrong.stdout()).as(wrong.toString()).contains("could not access anchore service");

            Result account = cli.run(url, "admin", ADMIN_PASSWORD, "account", "add", "team-b");
            assertThat(account.exitCode()).as(account.toString()).isZero();
            assertThat(account.stdout()).contains("Name: team-b").contains("State: enabled");
            Result user = cli.run(url, "admin", ADMIN_PASSWORD, "account", "user", "add", "--account", "team-b",
                    "bob", "bob-password");
            assertThat(user.exitCode()).as(user.toString()).isZero();
            Result whoami = cli.run(url, "bob", "bob-password", "account", "whoami");
            assertThat(whoami.exitCode()).as(whoami.toString()).isZero();
            assertThat(whoami.stdout()).contains("Username: bob").contains("AccountName: team-b");

            String adminTag = "registry.example/admin-only/app:1";
            assertThat(admin(s, "POST", "/v1/images", "{\"tag\": \"" + adminTag + "\"}").statusCode()).isEqualTo(202);
            Result adminImages = cli.run(url, "admin", ADMIN_PASSWORD, "image", "list");
            assertThat(adminImages.exitCode()).as(adminImages.toString()).isZero();
            assertThat(adminImages.stdout()).contains(adminTag).contains("not_analyzed");
            String bobTag = "registry.example/team-b/app:2";
            assertThat(AccountTesting.as(s, "bob", "bob-password", "POST", "/v1/images", "{\"tag\": \"" + bobTag
                    + "\"}").statusCode()).isEqualTo(202);
            Result bobImages = cli.run(url, "bob", "bob-password", "image", "list");
            assertThat(bobImages.exitCode()).as(bobImages.toString()).isZero();
            assertThat(bobImages.stdout()).contains(bobTag).doesNotContain(adminTag);
            Result asBob = cli.run(url, "admin", ADMIN_PASSWORD, "--as-account", "team-b", "image", "list");
            assertThat(asBob.exitCode()).as(asBob.toString()).isZero();
            assertThat(asBob.stdout()).contains(bobTag).doesNotContain(adminTag);
            assertThat(cli.run(url, "admin", ADMIN_PASSWORD, "image", "list").stdout()).doesNotContain(bobTag);

            assertThat(admin(s, "POST", "/v1/policies", BUNDLE).statusCode()).isEqualTo(200);
            Result policies = cli.run(url, "admin", ADMIN_PASSWORD, "policy", "list");
            assertThat(policies.exitCode()).as(policies.toString()).isZero();
            assertThat(policies.stdout()).contains("team-bundle").contains("True");
            Result bobPolicies = cli.run(url, "bob", "bob-password", "policy", "list");
            assertThat(bobPolicies.exitCode()).as(bobPolicies.toString()).isZero();
            assertThat(bobPolicies.stdout()).doesNotContain("team-bundle");

            Result list = cli.run(url, "admin", ADMIN_PASSWORD, "account", "list");
            assertThat(list.exitCode()).as(list.toString()).isZero();
            assertThat(list.stdout()).contains("team-b").contains("admin");
            Result reset = cli.run(url, "admin", ADMIN_PASSWORD, "account", "user", "setpassword", "--account",
                    "team-b", "--username", "bob", "bob-password-2");
            assertThat(reset.exitCode()).as(reset.toString()).isZero();
            assertThat(cli.run(url, "bob", "bob-password", "image", "list").exitCode()).isNotZero();
            assertThat(cli.run(url, "bob", "bob-password-2", "image", "list").stdout()).contains(bobTag);
            Result enabledDelete = cli.run(url, "admin", ADMIN_PASSWORD, "account", "del", "team-b", "--dontask");
            assertThat(enabledDelete.exitCode()).as(enabledDelete.toString()).isNotZero();
            assertThat(enabledDelete.stdout()).contains("accounts must be disabled");
            assertThat(cli.run(url, "admin", ADMIN_PASSWORD, "account", "disable", "team-b").exitCode()).isZero();
            Result deleted = cli.run(url, "admin", ADMIN_PASSWORD, "account", "del", "team-b", "--dontask");
            assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
            assertThat(cli.run(url, "bob", "bob-password-2", "image", "list").exitCode()).isNotZero();
        }
    }
}
