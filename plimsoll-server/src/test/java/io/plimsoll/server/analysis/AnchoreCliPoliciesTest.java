package io.plimsoll.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.account.AccountApiModule;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.AnchoreCli;
import io.plimsoll.server.testing.AnchoreCli.Result;
import io.plimsoll.server.testing.AnchoreSchemas;
import io.plimsoll.server.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * anchore-cli's policy commands end to end: real Anchore bundles (the modular-policy skeleton filled with a real
 * policy and whitelist, as that project assembles them) are added, listed, read, activated and deleted, the gates
 * are described from {@code /v1/system/policy_spec}, and an image in a real docker-registry is checked against
 * the active bundle and against one named with {@code --policy}.
 */
class AnchoreCliPoliciesTest {

    private static final String PASSWORD = "policies-admin-pw";
    private static final String CUSTOM = "custom_bundle-1611946307";
    private static final String DOD = "dod-file-checks";

    @TempDir
    Path dir;

    private AnchoreCli cli;
    private String url;

    @Test
    void anchoreCliPolicyCommandsWorkWithRealBundles() throws Exception {
        cli = AnchoreCli.require(Files.createDirectories(dir.resolve("home")));
        Path shared = SharedCorpus.require("policies/anchore");
        LocalRegistry.requireBinary();
        AnchoreSchemas schemas = AnchoreSchemas.load();
        Path custom = bundle(shared, CUSTOM);
        Path dod = bundle(shared, DOD);
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             PlimsollServer s = AnalysisTesting.server(TestPostgres.newDatabaseUrl(), dir, null,
                     Map.of("roles", "api,indexer", "auth.admin_password", PASSWORD),
                     ctx -> List.of(new AnalysisApiModule(ctx, AnalysisTesting.feed()),
                             new AnalysisWorkerModule(ctx, (RegistrySettings) null), new AccountApiModule(ctx),
                             new SystemApiModule(ctx)))) {
            url = s.baseUrl() + "/v1";
            registry.push("team/app", AnalysisTesting.alpine("policies"), "1");
            String tag = registry.host() + "/team/app:1";
            ok("image", "add", tag);
            ok("image", "wait", tag, "--interval", "1", "--timeout", "60");

            // the account's first bundle becomes its active one; a second one waits for "policy activate"
            assertThat(ok("policy", "add", custom.toString()).stdout()).contains("Policy ID: " + CUSTOM)
                    .contains("Active: True").contains("Source: local");
            assertThat(ok("policy", "add", dod.toString()).stdout()).contains("Policy ID: " + DOD)
                    .contains("Active: False");
            Result again = cli.run(url, "admin", PASSWORD, "policy", "add", dod.toString());
            assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
            assertThat(again.stdout()).contains("exists");
            assertThat(ok("policy", "list").stdout()).containsPattern(CUSTOM + "\\s+True")
                    .containsPattern(DOD + "\\s+False");
            JsonNode list = json(schemas, "PolicyBundleRecord", "policy", "list");
            assertThat(list).hasSize(2);
            assertThat(list.get(0).has("policybundle")).as("policy list asks detail=false").isFalse();
            JsonNode detail = Exchange.JSON.readTree(ok("policy", "get", DOD, "--detail").stdout());
            assertThat(detail.path("id").asText()).isEqualTo(DOD);
            assertThat(detail.path("policies").get(0).path("id").asText()).isEqualTo("DoDFileChecks");
            assertThat(ok("policy", "get", CUSTOM).stdout()).contains("Policy ID: " + CUSTOM).contains("Active: True");
            Result unknown = cli.run(url, "admin", PASSWORD, "policy", "get", "no-such-bundle");
            assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
            assertThat(unknown.stdout()).contains("no policy bundle no-such-bundle");

            // the gates a bundle may use, from /v1/system/policy_spec
            assertThat(ok("policy", "describe").stdout()).contains("secret_scans").contains("vulnerabilities")
                    .contains("dockerfile").contains("passwd_file");
            assertThat(ok("policy", "describe", "--gate", "secret_scans").stdout())
                    .contains("content_regex_checks");
            assertThat(ok("policy", "describe", "--gate", "vulnerabilities", "--trigger", "package").stdout())
                    .contains("package_type").contains("severity");
            JsonNode spec = json(schemas, "GateSpec", "policy", "describe");
            assertThat(spec.findValuesAsText("name")).contains("files", "suid_or_guid_set", "content_regex_checks");

            // the active bundle is refused deletion; activating another moves the mark
            Result refused = cli.run(url, "admin", PASSWORD, "policy", "del", CUSTOM);
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.stdout()).contains("cannot delete the active policy bundle " + CUSTOM);
            assertThat(ok("policy", "activate", DOD).stdout()).contains("Success: " + DOD + " activated");
            assertThat(ok("policy", "list").stdout()).containsPattern(DOD + "\\s+True")
                    .containsPattern(CUSTOM + "\\s+False");

            // the DoD file checks stop on the AWS key in settings.env (secret_scans), with the active bundle
            Result check = cli.run(url, "admin", PASSWORD, "evaluate", "check", tag, "--detail");
            assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
            assertThat(check.stdout()).contains("Policy ID: " + DOD).contains("Final Action: stop")
                    .contains("secret_scans").contains("content_regex_checks");
            Result named = cli.run(url, "admin", PASSWORD, "evaluate", "check", tag, "--policy", CUSTOM);
            assertThat(named.stdout()).as(named.toString()).contains("Policy ID: " + CUSTOM);

            assertThat(ok("policy", "del", CUSTOM).exitCode()).isZero();
            assertThat(ok("policy", "list").stdout()).doesNotContain(CUSTOM).contains(DOD);
        }
    }

    /**
     * A bundle assembled the modular-policy way: its custom_bundle.json skeleton (policies and whitelists named by
     * id only) filled with the real DoDFileChecks policy and Debian SUID whitelist, every mapping pointed at them.
     */
    private Path bundle(Path shared, String id) throws Exception {
        ObjectNode bundle = (ObjectNode) Exchange.JSON.readTree(shared.resolve("bundles/custom_bundle.json").toFile());
        JsonNode policy = Exchange.JSON.readTree(shared.resolve("policies/DoDFileChecks.json").toFile());
        JsonNode whitelist = Exchange.JSON.readTree(shared.resolve("whitelists/DebianSUIDFilesWhitelist.json")
                .toFile());
        bundle.put("id", id);
        bundle.set("policies", Exchange.JSON.createArrayNode().add(policy));
        bundle.set("whitelists", Exchange.JSON.createArrayNode().add(whitelist));
        for (JsonNode m : bundle.withArray("mappings")) {
            ObjectNode mapping = (ObjectNode) m;
            mapping.remove("policy_id");
            mapping.set("policy_ids", Exchange.JSON.createArrayNode().add(policy.path("id").asText()));
            ArrayNode whitelists = Exchange.JSON.createArrayNode().add(whitelist.path("id").asText());
            mapping.set("whitelist_ids", whitelists);
        }
        return Files.write(dir.resolve(id + ".json"), Exchange.JSON.writeValueAsBytes(bundle));
    }

    /** The command, which must succeed. */
    private Result ok(String... args) throws Exception {
        Result r = cli.run(url, "admin", PASSWORD, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    /** The body anchore-cli received, each element valid against a definition of Anchore's swagger. */
    private JsonNode json(AnchoreSchemas schemas, String definition, String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "--json";
        System.arraycopy(args, 0, all, 1, args.length);
        JsonNode body = Exchange.JSON.readTree(ok(all).stdout());
        for (JsonNode item : body) {
            schemas.assertValid(definition, item);
        }
        return body;
    }
}
