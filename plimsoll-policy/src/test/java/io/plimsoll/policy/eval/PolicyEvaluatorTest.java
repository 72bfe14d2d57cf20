package io.plimsoll.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.policy.Action;
import io.plimsoll.policy.AllowlistItem;
import io.plimsoll.policy.BundleReader;
import io.plimsoll.policy.LoadedBundle;
import io.plimsoll.policy.Mapping;
import io.plimsoll.policy.gate.ImageName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyEvaluatorTest {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    @TempDir
    Path dir;

    private final BundleValidator validator = new BundleValidator(TestGates.all());
    private final PolicyEvaluator evaluator = new PolicyEvaluator(TestGates.all());

    private ValidatedBundle load(String yaml, Path... more) throws Exception {
        Path p = dir.resolve("bundle-" + System.nanoTime() + ".yaml");
        Files.writeString(p, yaml, StandardCharsets.UTF_8);
        List<Path> files = new ArrayList<>(List.of(p));
        files.addAll(List.of(more));
        return validator.validate(BundleReader.lenient().read(files), true);
    }

    private Evaluation eval(ValidatedBundle b, String image) {
        return evaluator.evaluate(b, TestGates.image(image, NOW));
    }

    private static final String TWO_POLICIES = """
            policies:
              - id: A
                rules: [{gate: dockerfile, trigger: exposed_ports, action: WARN, params: {ports: "80", type: blacklist}}]
              - id: B
                rules: [{gate: dockerfile, trigger: exposed_ports, action: STOP, params: {ports: "22", type: blacklist}}]
            """;

    // ---- mappings

    @Test
    void theFirstMatchingMappingWinsEvenWhenALaterOneIsMoreSpecific() throws Exception {
        ValidatedBundle specificFirst = load(TWO_POLICIES + """
                mappings:
                  - {id: web, registry: registry.acme.example, repository: "acme/web*", policies: [A]}
                  - {id: all, policies: [B]}
                """);
        assertThat(eval(specificFirst, "registry.acme.example/acme/webapi:1.2").mapping())
                .map(Mapping::id).contains("web");
        assertThat(eval(specificFirst, "registry.acme.example/acme/webapi:1.2").finalAction()).isEqualTo(Action.WARN);
        assertThat(eval(specificFirst, "registry.acme.example/acme/db:1").mapping()).map(Mapping::id).contains("all");
        assertThat(eval(specificFirst, "docker.io/acme/webapi:1").mapping()).map(Mapping::id).contains("all");

        ValidatedBundle catchAllFirst = load(TWO_POLICIES + """
                mappings:
                  - {id: all, policies: [B]}
                  - {id: web, registry: registry.acme.example, repository: "acme/web*", policies: [A]}
                """);
        Evaluation e = eval(catchAllFirst, "registry.acme.example/acme/webapi:1.2");
        assertThat(e.mapping()).map(Mapping::id).contains("all");
        assertThat(e.hits()).extracting(EvaluatedHit::policyId).containsOnly("B");
        assertThat(e.finalAction()).isEqualTo(Action.STOP);
    }

    @Test
    void wildcardsMayStandAnywhereInEachField() throws Exception {
        ValidatedBundle b = load(TWO_POLICIES + """
                mappings:
                  - {id: m, registry: "*.acme.example:*", repository: "team-*/svc-*-api", image: "v1.*-rc*", policies: [A]}
                """);
        assertThat(eval(b, "eu.acme.example:5000/team-x/svc-pay-api:v1.4-rc2").mapping()).isPresent();
        assertThat(eval(b, "eu.acme.example:5000/team-x/svc-pay-api:v2.0-rc1").mapping()).isEmpty();
        assertThat(eval(b, "eu.acme.example:5000/team-x/svc-pay-web:v1.4-rc2").mapping()).isEmpty();
        assertThat(eval(b, "acme.example:5000/team-x/svc-pay-api:v1.4-rc2").mapping()).isEmpty();
    }

    @Test
    void tagDigestAndIdSelectorsMatchOnlyTheirKind() throws Exception {
        String digest = "sha256:" + "ab".repeat(32);
        String id = "cd".repeat(32);
        ValidatedBundle b = load(TWO_POLICIES + """
                mappings:
                  - {id: by-digest, repository: acme/app, image: {type: digest, value: "%s"}, policies: [A]}
                  - {id: by-id, repository: acme/app, image: {type: id, value: "%s"}, policies: [A]}
                  - {id: by-tag, repository: acme/app, image: {type: tag, value: "1.0"}, policies: [B]}
                """.formatted(digest, id));
        assertThat(eval(b, "acme/app:9.9@" + digest).mapping()).map(Mapping::id).contains("by-digest");
        // the tag alone does not satisfy a digest selector
        assertThat(eval(b, "acme/app:1.0").mapping()).map(Mapping::id).contains("by-tag");
        assertThat(eval(b, "acme/app:1.1").mapping()).isEmpty();
        ImageName withId = new ImageName("docker.io", "acme/app", "7", Optional.empty(),
                Optional.of("sha256:" + id));
        assertThat(evaluator.evaluate(b, TestGates.image(withId, NOW)).mapping()).map(Mapping::id).contains("by-id");
    }

    @Test
    void officialDockerHubImagesMatchARepositoryWrittenWithoutLibrary() throws Exception {
        ValidatedBundle b = load(TWO_POLICIES + """
                mappings:
                  - {id: nginx, registry: docker.io, repository: nginx, policies: [A]}
                  - {id: all, policies: [B]}
                """);
        assertThat(eval(b, "nginx:1.27").mapping()).map(Mapping::id).contains("nginx");
        assertThat(eval(b, "index.docker.io/library/nginx").mapping()).map(Mapping::id).contains("nginx");
        assertThat(eval(b, "docker.io/someone/nginx").mapping()).map(Mapping::id).contains("all");
    }

    @Test
    void anchoreCustomBundleUsesItsCatchAllMappingFirst() throws Exception {
        Path custom = SharedCorpus.require("policies/anchore/bundles/custom_bundle.json");
        Path policy = dir.resolve("default_policy.json");
        Files.writeString(policy, """
                {"id": "default_policy", "version": "1_0", "rules": [
                  {"id": "r", "gate": "files", "trigger": "suid_or_guid_set", "action": "STOP",
                   "params": [{"name": "hits", "value": "/usr/bin/passwd"}]}]}""");
        Path wl = dir.resolve("default_whitelist.json");
        Files.writeString(wl, """
                {"id": "default_whitelist", "version": "1_0", "items": []}""");
        Path nginxWl = dir.resolve("nginx_whitelist.json");
        Files.writeString(nginxWl, """
                {"id": "nginx_whitelist", "version": "1_0", "items": [
                  {"id": "i", "gate": "files", "trigger_id": "/usr/bin/passwd"}]}""");
        ValidatedBundle b = validator.validate(BundleReader.strict().read(custom, policy, wl, nginxWl), false);
        Evaluation e = eval(b, "nginx:latest");
        // default_mapping (every repository) comes before nginx_mapping, so nginx's whitelist never applies
        assertThat(e.mapping()).map(Mapping::id).contains("default_mapping");
        assertThat(e.finalAction()).isEqualTo(Action.STOP);
        assertThat(e.hits()).singleElement().satisfies(h -> assertThat(h.allowlisted()).isFalse());
    }

    @Test
    void noMatchingMappingEvaluatesNothingAndSaysSo() throws Exception {
        ValidatedBundle b = load(TWO_POLICIES + """
                mappings:
                  - {id: web, repository: "acme/web*", policies: [B]}
                """);
        Evaluation e = eval(b, "acme/db:1");
        assertThat(e.finalAction()).isEqualTo(Action.GO);
        assertThat(e.mapping()).isEmpty();
        assertThat(e.hits()).isEmpty();
        assertThat(e.reason()).startsWith(Evaluation.NO_MAPPING);
        assertThat(e.notes()).singleElement().asString().contains("no mapping").contains("docker.io/acme/db:1");
    }

    // ---- allowlists

    private static final String VULNS = """
            policies:
              - id: V
                rules:
                  - {id: vulns, gate: vulnerabilities, trigger: package, action: STOP,
                     params: {hits: "CVE-1+openssl,CVE-2+zlib,CVE-3+curl,CVE-4+bash,CVE-5+tar"}}
            """;

    @Test
    void allowlistItemsMatchUntilTheyExpire() throws Exception {
        ValidatedBundle b = load(VULNS + """
                allowlists:
                  - id: W
                    items:
                      - {id: active, gate: vulnerabilities, trigger_id: CVE-1+openssl, expires_on: "2030-01-01T00:00:00Z"}
                      - {id: expired, gate: vulnerabilities, trigger_id: CVE-2+zlib, expires_on: "2020-01-01T00:00:00Z"}
                      - {id: forever, gate: vulnerabilities, trigger_id: CVE-3+curl}
                      - {id: now, gate: vulnerabilities, trigger_id: CVE-5+tar, expires_on: "2025-06-01T00:00:00Z"}
                mappings: [{policies: [V], allowlists: [W]}]
                """);
        Evaluation e = eval(b, "acme/app:1");
        assertThat(e.hits()).extracting(EvaluatedHit::triggerId)
                .containsExactly("CVE-1+openssl", "CVE-2+zlib", "CVE-3+curl", "CVE-4+bash", "CVE-5+tar");
        assertThat(e.hits()).extracting(h -> h.allowlistedBy().map(AllowlistItem::id).orElse("-"))
                .containsExactly("active", "-", "forever", "-", "-");
        assertThat(e.hits()).extracting(EvaluatedHit::action).containsOnly(Action.STOP);
        assertThat(e.hits()).extracting(EvaluatedHit::effectiveAction)
                .containsExactly(Action.GO, Action.STOP, Action.GO, Action.STOP, Action.STOP);
        assertThat(e.finalAction()).isEqualTo(Action.STOP);
        assertThat(e.notes()).anyMatch(n -> n.contains("expired") && n.contains("CVE-2+zlib"))
                .anyMatch(n -> n.contains("item now") && n.contains("CVE-5+tar"));

        // the same bundle evaluated before the expiry dates: all but CVE-4 allowlisted
        Evaluation earlier = evaluator.evaluate(b, TestGates.image("acme/app:1", Instant.parse("2019-01-01T00:00:00Z")));
        assertThat(earlier.hits()).filteredOn(EvaluatedHit::allowlisted).hasSize(4);
    }

    @Test
    void triggerIdWildcardsAndTheGateMustBothMatch() throws Exception {
        ValidatedBundle b = load(VULNS + """
                allowlists:
                  - id: W
                    items:
                      - {gate: Vulnerabilities, trigger_id: "CVE-1+*"}
                      - {gate: files, trigger_id: "CVE-2+zlib"}
                      - {gate: vulnerabilities, trigger_id: "CVE-3*"}
                      - {gate: vulnerabilities, trigger_id: "regexp:CVE-[45]\\\\+"}
                mappings: [{policies: [V], allowlists: [W]}]
                """);
        Evaluation e = eval(b, "acme/app:1");
        assertThat(e.hits()).extracting(EvaluatedHit::triggerId, EvaluatedHit::allowlisted).containsExactly(
                org.assertj.core.groups.Tuple.tuple("CVE-1+openssl", true),
                org.assertj.core.groups.Tuple.tuple("CVE-2+zlib", false),
                org.assertj.core.groups.Tuple.tuple("CVE-3+curl", true),
                org.assertj.core.groups.Tuple.tuple("CVE-4+bash", true),
                org.assertj.core.groups.Tuple.tuple("CVE-5+tar", true));
        assertThat(e.finalAction()).isEqualTo(Action.STOP);
    }

    @Test
    void whenEveryStopHitIsAllowlistedTheImagePasses() throws Exception {
        ValidatedBundle b = load(VULNS + """
                allowlists: [{id: W, items: [{gate: vulnerabilities, trigger_id: "CVE-*"}]}]
                mappings: [{policies: [V], allowlists: [W]}]
                """);
        Evaluation e = eval(b, "acme/app:1");
        assertThat(e.hits()).hasSize(5).allMatch(EvaluatedHit::allowlisted);
        assertThat(e.finalAction()).isEqualTo(Action.GO);
        assertThat(e.reason()).startsWith(Evaluation.POLICY).contains("5 hit(s), 5 allowlisted");
    }

    @Test
    void allowlistsOnlyApplyThroughTheMatchedMapping() throws Exception {
        ValidatedBundle b = load(VULNS + """
                allowlists: [{id: W, items: [{gate: vulnerabilities, trigger_id: "CVE-*"}]}]
                mappings:
                  - {repository: "acme/trusted-*", policies: [V], allowlists: [W]}
                  - {policies: [V]}
                """);
        assertThat(eval(b, "acme/trusted-app:1").finalAction()).isEqualTo(Action.GO);
        assertThat(eval(b, "acme/other:1").finalAction()).isEqualTo(Action.STOP);
    }

    @Test
    void clairScannerWhitelistAppliesGeneralEntriesEverywhereAndImageEntriesToTheirImage() throws Exception {
        Path clair = dir.resolve("clair.yaml");
        Files.writeString(clair, """
                generalwhitelist:
                  CVE-1: openssl
                images:
                  ubuntu:
                    CVE-2: zlib
                  registry.acme.example:5000/acme/app:
                    CVE-3: curl
                """);
        ValidatedBundle b = load(VULNS + "mappings: [{policies: [V]}]\n", clair);
        assertThat(allowlisted(eval(b, "ubuntu:22.04"))).containsExactly("CVE-1+openssl", "CVE-2+zlib");
        assertThat(allowlisted(eval(b, "registry.acme.example:5000/acme/app:3"))).containsExactly("CVE-1+openssl",
                "CVE-3+curl");
        assertThat(allowlisted(eval(b, "debian:12"))).containsExactly("CVE-1+openssl");
    }

    @Test
    void anAnchoreWhitelistGivenBesideTheBundleAddsToTheMappingsOwn() throws Exception {
        Path extra = dir.resolve("extra.json");
        Files.writeString(extra, """
                {"id": "X", "version": "1_0", "items": [{"id": "x", "gate": "vulnerabilities", "trigger_id": "CVE-4+bash"}]}""");
        ValidatedBundle b = load(VULNS + """
                allowlists: [{id: W, items: [{gate: vulnerabilities, trigger_id: "CVE-1+openssl"}]}]
                mappings: [{policies: [V], allowlists: [W]}]
                """, extra);
        assertThat(allowlisted(eval(b, "acme/app:1"))).containsExactly("CVE-1+openssl", "CVE-4+bash");
    }

    @Test
    void anItemNamingAnAliasOfTheTriggerIdAllowsTheHit() throws Exception {
        Path clair = dir.resolve("clair.yaml");
        Files.writeString(clair, "generalwhitelist:\n  GHSA-3: curl\n");
        ValidatedBundle b = load("""
                policies:
                  - id: V
                    rules:
                      - {id: vulns, gate: vulnerabilities, trigger: package, action: STOP,
                         params: {hits: "CVE-1+log4j|GHSA-1+log4j,GHSA-2+zlib|CVE-2+zlib,CVE-3+curl|GHSA-3+curl,CVE-4+bash"}}
                allowlists:
                  - id: W
                    items:
                      - {id: by-ghsa, gate: vulnerabilities, trigger_id: GHSA-1+log4j}
                      - {id: by-cve-pattern, gate: vulnerabilities, trigger_id: "CVE-2+*"}
                mappings: [{policies: [V], allowlists: [W]}]
                """, clair);
        Evaluation e = eval(b, "acme/app:1");
        assertThat(e.hits()).extracting(h -> h.triggerId() + " " + h.allowlistedBy().map(AllowlistItem::id).orElse("-"))
                .containsExactly("CVE-1+log4j by-ghsa", "GHSA-2+zlib by-cve-pattern",
                        "CVE-3+curl generalwhitelist:GHSA-3", "CVE-4+bash -");
        assertThat(e.hits().get(0).aliases()).containsExactly("GHSA-1+log4j");
        assertThat(e.hits().get(0).triggerIds()).containsExactly("CVE-1+log4j", "GHSA-1+log4j");
    }

    private static List<String> allowlisted(Evaluation e) {
        return e.hits().stream().filter(EvaluatedHit::allowlisted).map(EvaluatedHit::triggerId).toList();
    }

    // ---- trusted and denied images

    private static final String STOPPING = """
            policies:
              - id: S
                rules: [{gate: files, trigger: suid_or_guid_set, action: STOP, params: {hits: /usr/bin/su}}]
            mappings: [{policies: [S]}]
            """;

    @Test
    void aTrustedImagePassesWhateverThePoliciesSayAndStillShowsTheHits() throws Exception {
        ValidatedBundle b = load(STOPPING + """
                whitelisted_images:
                  - {id: t1, name: base images, registry: docker.io, repository: "acme/base-*", image: {type: tag, value: "*"}}
                """);
        Evaluation trusted = eval(b, "acme/base-jdk:21");
        assertThat(trusted.finalAction()).isEqualTo(Action.GO);
        assertThat(trusted.reason()).startsWith(Evaluation.TRUSTED).contains("base images");
        assertThat(trusted.hits()).singleElement().satisfies(h ->
                assertThat(h.effectiveAction()).isEqualTo(Action.STOP));
        assertThat(trusted.policyAction()).isEqualTo(Action.STOP);
        assertThat(eval(b, "acme/app:1").finalAction()).isEqualTo(Action.STOP);
    }

    @Test
    void aDeniedImageStopsEvenWithNoHitsAndDenialBeatsTrust() throws Exception {
        String digest = "sha256:" + "12".repeat(32);
        ValidatedBundle b = load("""
                policies: [{id: E, rules: []}]
                mappings: [{policies: [E]}]
                trusted_images: ["docker.io/acme/*:*"]
                denied_images:
                  - docker.io/library/ubuntu:14.04
                  - {name: revoked build, registry: "*", repository: acme/app, image: {type: digest, value: "%s"}}
                """.formatted(digest));
        Evaluation old = eval(b, "ubuntu:14.04");
        assertThat(old.finalAction()).isEqualTo(Action.STOP);
        assertThat(old.hits()).isEmpty();
        assertThat(old.reason()).startsWith(Evaluation.DENIED);
        assertThat(eval(b, "ubuntu:22.04").finalAction()).isEqualTo(Action.GO);

        Evaluation both = eval(b, "acme/app:1@" + digest);
        assertThat(both.finalAction()).isEqualTo(Action.STOP);
        assertThat(both.reason()).contains("revoked build").contains("denied takes precedence");
        assertThat(eval(b, "acme/app:1").finalAction()).isEqualTo(Action.GO);
        assertThat(eval(b, "acme/app:1").reason()).startsWith(Evaluation.TRUSTED);
    }

    // ---- final action

    @Test
    void theFinalActionIsTheWorstEffectiveAction() throws Exception {
        String template = """
                policies:
                  - id: P
                    rules:
                      - {id: a, gate: vulnerabilities, trigger: package, action: %s, params: {hits: "CVE-1+a"}}
                      - {id: b, gate: vulnerabilities, trigger: package, action: %s, params: {hits: "CVE-2+b"}}
                      - {id: c, gate: vulnerabilities, trigger: package, action: STOP, params: {hits: ""}}
                mappings: [{policies: [P]}]
                """;
        assertThat(eval(load(template.formatted("GO", "GO")), "x").finalAction()).isEqualTo(Action.GO);
        assertThat(eval(load(template.formatted("GO", "WARN")), "x").finalAction()).isEqualTo(Action.WARN);
        assertThat(eval(load(template.formatted("WARN", "GO")), "x").finalAction()).isEqualTo(Action.WARN);
        assertThat(eval(load(template.formatted("STOP", "WARN")), "x").finalAction()).isEqualTo(Action.STOP);
        assertThat(eval(load(template.formatted("WARN", "STOP")), "x").finalAction()).isEqualTo(Action.STOP);
        // a STOP rule without hits does not count
        assertThat(eval(load(template.formatted("GO", "GO")), "x").hits()).hasSize(2);
    }

    @Test
    void policiesOfAMappingAreAllEvaluatedInOrder() throws Exception {
        ValidatedBundle b = load(TWO_POLICIES + "mappings: [{policies: [B, A]}]\n");
        Evaluation e = eval(b, "x");
        assertThat(e.hits()).extracting(EvaluatedHit::policyId).containsExactly("B", "A");
        assertThat(e.finalAction()).isEqualTo(Action.STOP);
    }

    // ---- failures and skipped rules

    @Test
    void aTriggerThatThrowsIsNotedAndTheOtherRulesStillRun() throws Exception {
        ValidatedBundle b = load("""
                policies:
                  - id: P
                    rules:
                      - {id: broken, gate: boom, trigger: explode, action: GO}
                      - {id: after, gate: files, trigger: suid_or_guid_set, action: STOP, params: {hits: /bin/su}}
                mappings: [{policies: [P]}]
                """);
        Evaluation e = eval(b, "x");
        assertThat(e.notes()).singleElement().asString().contains("policy P rule broken (boom/explode)")
                .contains("IllegalStateException: the gate broke");
        assertThat(e.hits()).extracting(EvaluatedHit::ruleId).containsExactly("broken", "after");
        assertThat(e.hits().get(0).triggerId()).isEqualTo(EvaluatedHit.EVALUATION_ERROR);
        assertThat(e.hits().get(0).effectiveAction()).isEqualTo(Action.WARN);
        assertThat(e.finalAction()).isEqualTo(Action.STOP);

        ValidatedBundle onlyBroken = load("""
                policies: [{id: P, rules: [{id: broken, gate: boom, trigger: explode, action: STOP}]}]
                mappings: [{policies: [P]}]
                """);
        // fails closed: the broken STOP rule might have fired, so it stops the image; a broken WARN rule warns
        assertThat(eval(onlyBroken, "x").finalAction()).isEqualTo(Action.STOP);
        assertThat(eval(onlyBroken, "x").hits()).singleElement().extracting(EvaluatedHit::triggerId)
                .isEqualTo(EvaluatedHit.EVALUATION_ERROR);
        ValidatedBundle brokenWarn = load("""
                policies: [{id: P, rules: [{id: broken, gate: boom, trigger: explode, action: WARN}]}]
                mappings: [{policies: [P]}]
                """);
        assertThat(eval(brokenWarn, "x").finalAction()).isEqualTo(Action.WARN);
    }

    @Test
    void skippedRulesOfTheMappedPoliciesAreReported() throws Exception {
        ValidatedBundle b = load("""
                policies:
                  - id: P
                    rules:
                      - {id: unknown, gate: malware, trigger: scans, action: STOP}
                      - {id: ok, gate: files, trigger: suid_or_guid_set, action: WARN, params: {hits: /bin/su}}
                  - id: Q
                    rules: [{id: q-unknown, gate: nope, trigger: x, action: STOP}]
                mappings: [{policies: [P]}]
                """);
        Evaluation e = eval(b, "x");
        assertThat(e.skipped()).extracting(SkippedRule::ruleId).containsExactly("unknown");
        assertThat(e.finalAction()).isEqualTo(Action.WARN);
        assertThat(b.skipped()).extracting(SkippedRule::ruleId).containsExactly("unknown", "q-unknown");
    }

    @Test
    void aLenientSkeletonBundleEvaluatesNothingForTheMissingPolicyAndSaysSo() throws Exception {
        Path skeleton = SharedCorpus.require("policies/anchore/bundles/anchore_default_bundle.json");
        LoadedBundle loaded = BundleReader.lenient().read(skeleton);
        ValidatedBundle b = validator.validate(loaded, true);
        Evaluation e = eval(b, "nginx:latest");
        assertThat(e.mapping()).map(Mapping::name).contains("default");
        assertThat(e.finalAction()).isEqualTo(Action.GO);
        assertThat(e.notes()).anyMatch(n -> n.contains("48e6f7d6-1765-11e8-b5f9-8b6f228548b6")
                && n.contains("not evaluated"));
    }
}
