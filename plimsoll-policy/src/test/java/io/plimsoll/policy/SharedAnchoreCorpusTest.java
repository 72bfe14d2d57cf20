package io.plimsoll.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.policy.gate.ImageName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every real Anchore policy, whitelist and bundle under shared/policies/anchore loads. */
class SharedAnchoreCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<Path> files(String sub) throws IOException {
        Path root = SharedCorpus.require("policies/anchore/" + sub);
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyPolicyLoadsWithEveryRuleAndParameter() throws Exception {
        List<Path> policies = files("policies");
        assertThat(policies).hasSize(26);
        for (Path p : policies) {
            // the expected shape, read straight from the JSON tree
            JsonNode raw = JSON.readTree(p.toFile());
            LoadedBundle loaded = BundleReader.strict().read(p);
            assertThat(loaded.warnings()).as(p.toString()).isEmpty();
            Policy policy = loaded.bundle().policy(raw.get("id").asText()).orElseThrow();
            assertThat(policy.rules()).as(p.toString()).hasSize(raw.get("rules").size());
            for (int i = 0; i < raw.get("rules").size(); i++) {
                JsonNode r = raw.get("rules").get(i);
                Rule rule = policy.rules().get(i);
                assertThat(rule.id()).isEqualTo(r.get("id").asText());
                assertThat(rule.gate()).isEqualTo(r.get("gate").asText());
                assertThat(rule.trigger()).isEqualTo(r.get("trigger").asText());
                assertThat(rule.action().name()).isEqualTo(r.get("action").asText());
                assertThat(rule.params()).hasSize(r.get("params").size());
                for (JsonNode param : r.get("params")) {
                    assertThat(rule.params()).containsEntry(param.get("name").asText(), param.get("value").asText());
                }
            }
            assertThat(loaded.bundle().mappings()).singleElement()
                    .satisfies(m -> assertThat(m.policyIds()).containsExactly(policy.id()));
        }
    }

    @Test
    void dodDockerfileChecksReadAsWritten() throws Exception {
        Path p = SharedCorpus.require("policies/anchore/policies/DoDDockerfileChecks.json");
        Policy policy = BundleReader.strict().read(p).bundle().policies().get(0);
        assertThat(policy.rules()).hasSize(6);
        assertThat(policy.rules().get(0)).isEqualTo(new Rule("c270be70-80a5-4342-b15d-c9174a780c9c", "dockerfile",
                "exposed_ports", Action.STOP, Map.of("ports", "22,23,80,443", "type", "blacklist"), ""));
        assertThat(policy.rules().get(2).params()).containsEntry("value",
                "(\\s*/bin/sh\\s*-c\\s*)*\\s*apk.*up(date|grade)\\s*$");
    }

    @Test
    void everyWhitelistLoads() throws Exception {
        List<Path> lists = files("whitelists");
        assertThat(lists).hasSize(10);
        for (Path p : lists) {
            JsonNode raw = JSON.readTree(p.toFile());
            List<AllowlistSource> sources = BundleReader.strict().readAllowlists(List.of(p));
            Allowlist a = sources.get(0).forImage(ImageName.parse("anything"));
            assertThat(a.id()).isEqualTo(raw.get("id").asText());
            assertThat(a.items()).as(p.toString()).hasSize(raw.get("items").size());
            for (int i = 0; i < a.items().size(); i++) {
                assertThat(a.items().get(i).gate()).isEqualTo(raw.get("items").get(i).get("gate").asText());
                assertThat(a.items().get(i).triggerId())
                        .isEqualTo(raw.get("items").get(i).get("trigger_id").asText());
                assertThat(a.items().get(i).expiresOn()).isEmpty();
            }
        }
    }

    @Test
    void skeletonBundlesNameTheMissingPolicyInStrictMode() throws Exception {
        Path defaultBundle = SharedCorpus.require("policies/anchore/bundles/anchore_default_bundle.json");
        assertThatThrownBy(() -> BundleReader.strict().read(defaultBundle)).isInstanceOf(PolicyException.class)
                .hasMessageContaining(defaultBundle.toString())
                .hasMessageContaining("bundle '2c53a13c-1765-11e8-82ef-23527761d060'")
                .hasMessageContaining("policy '48e6f7d6-1765-11e8-b5f9-8b6f228548b6' by id only");
    }

    @Test
    void skeletonBundlesLoadLeniently() throws Exception {
        Path defaultBundle = SharedCorpus.require("policies/anchore/bundles/anchore_default_bundle.json");
        LoadedBundle d = BundleReader.lenient().read(defaultBundle);
        assertThat(d.bundle().policies()).isEmpty();
        assertThat(d.bundle().mappings()).singleElement().satisfies(m -> {
            // policy_id (singular)
            assertThat(m.policyIds()).containsExactly("48e6f7d6-1765-11e8-b5f9-8b6f228548b6");
            assertThat(m.allowlistIds()).containsExactly("37fd763e-1765-11e8-add4-3b16c029ac5c");
            assertThat(m.selector()).isEqualTo(ImageSelector.ANY);
        });
        assertThat(d.warnings()).anyMatch(w -> w.contains("policy '48e6f7d6-1765-11e8-b5f9-8b6f228548b6'"))
                .anyMatch(w -> w.contains("whitelist '37fd763e-1765-11e8-add4-3b16c029ac5c'"));

        Path custom = SharedCorpus.require("policies/anchore/bundles/custom_bundle.json");
        LoadedBundle c = BundleReader.lenient().read(custom);
        assertThat(c.bundle().id()).isEqualTo("custom_bundle-1611946307");
        assertThat(c.bundle().mappings()).extracting(Mapping::id).containsExactly("default_mapping", "nginx_mapping");
        // policy_ids (list) in the first mapping, policy_id (single) in the second
        assertThat(c.bundle().mappings().get(0).policyIds()).containsExactly("default_policy");
        assertThat(c.bundle().mappings().get(1).policyIds()).containsExactly("default_policy");
        assertThat(c.bundle().mappings().get(1).allowlistIds()).containsExactly("default_whitelist",
                "nginx_whitelist");
        assertThat(c.bundle().mappings().get(1).selector())
                .isEqualTo(new ImageSelector("*", "nginx", "tag", "*"));
        assertThat(c.warnings()).hasSize(3);
    }

    @Test
    void aSkeletonBundleTakesItsBodiesFromTheFilesGivenWithIt() throws Exception {
        Path custom = SharedCorpus.require("policies/anchore/bundles/custom_bundle.json");
        Path dod = SharedCorpus.require("policies/anchore/policies/DoDFileChecks.json");
        Path suid = SharedCorpus.require("policies/anchore/whitelists/DebianSUIDFilesWhitelist.json");
        // anchore/modular-policy fills a template's {id} entries from files named after the ids
        Path policy = dir.resolve("default_policy.json");
        Files.writeString(policy, Files.readString(dod).replace("\"DoDFileChecks\"", "\"default_policy\""));
        Path wl1 = dir.resolve("default_whitelist.json");
        Files.writeString(wl1, Files.readString(suid).replace("\"DebianSUIDFilesWhitelist\"",
                "\"default_whitelist\""));
        Path wl2 = dir.resolve("nginx_whitelist.json");
        Files.writeString(wl2, """
                {"id": "nginx_whitelist", "version": "1_0", "items": []}""");

        LoadedBundle full = BundleReader.strict().read(custom, policy, wl1, wl2);
        assertThat(full.warnings()).isEmpty();
        assertThat(full.allowlists()).as("whitelists the bundle names are inside it, not extra").isEmpty();
        assertThat(full.bundle().policy("default_policy").orElseThrow().rules()).hasSize(3);
        assertThat(full.bundle().allowlist("default_whitelist").orElseThrow().items()).hasSize(
                JSON.readTree(suid.toFile()).get("items").size());
        assertThat(full.bundle().allowlist("nginx_whitelist")).isPresent();
    }
}
