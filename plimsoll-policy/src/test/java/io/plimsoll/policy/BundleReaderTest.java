package io.plimsoll.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.policy.gate.ImageName;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(BundleReaderTest.class.getResource("/policies/" + name).toURI());
    }

    @Test
    void nativeYamlSampleReadsIntoTheSameModelAsAnchoreJson() throws Exception {
        LoadedBundle loaded = BundleReader.strict().read(resource("native-bundle.yaml"));
        PolicyBundle b = loaded.bundle();
        assertThat(loaded.warnings()).isEmpty();
        assertThat(b.id()).isEqualTo("acme-web");
        assertThat(b.policies()).extracting(Policy::id).containsExactly("base", "strict");

        Policy base = b.policy("base").orElseThrow();
        assertThat(base.rules()).extracting(Rule::id).containsExactly("base-1", "base-2", "critical-vulns");
        assertThat(base.rules().get(0)).isEqualTo(new Rule("base-1", "dockerfile", "effective_user", Action.STOP,
                Map.of("users", "root", "type", "blacklist"), ""));
        assertThat(base.rules().get(1).params()).containsEntry("ports", "22,23");
        assertThat(base.rules().get(2).params()).containsExactly(Map.entry("severity_comparison", ">="),
                Map.entry("severity", "critical"), Map.entry("fix_available", "true"),
                Map.entry("max_days_since_fix", "30"));
        assertThat(b.policy("strict").orElseThrow().rules().get(0).params()).isEmpty();

        AllowlistItem log4j = b.allowlist("accepted-risks").orElseThrow().items().get(0);
        assertThat(log4j.triggerId()).isEqualTo("CVE-2021-44228+*");
        assertThat(log4j.expiresOn()).contains(Instant.parse("2030-01-31T00:00:00Z"));
        assertThat(b.allowlist("accepted-risks").orElseThrow().items().get(1).expiresOn()).isEmpty();

        assertThat(b.mappings()).hasSize(2);
        Mapping web = b.mappings().get(0);
        assertThat(web.selector()).isEqualTo(new ImageSelector("registry.acme.example", "web/*", "tag", "*"));
        assertThat(web.policyIds()).containsExactly("base", "strict");
        assertThat(web.allowlistIds()).containsExactly("accepted-risks");
        assertThat(b.mappings().get(1).selector()).isEqualTo(ImageSelector.ANY);

        assertThat(b.trustedImages().get(0).selector().type()).isEqualTo("digest");
        assertThat(b.trustedImages().get(0).selector().repository()).isEqualTo("acme/base");
        assertThat(b.deniedImages().get(0).selector())
                .isEqualTo(new ImageSelector("docker.io", "library/ubuntu", "tag", "14.04"));
    }

    @Test
    void anchoreParamsAcceptNumbersAndBooleansAndStringifyThem() throws Exception {
        Path p = write("p.json", """
                {"id": "P", "version": "1_0", "rules": [
                  {"id": "r1", "gate": "vulnerabilities", "trigger": "package", "action": "stop",
                   "params": [{"name": "max_days_since_fix", "value": 30},
                              {"name": "fix_available", "value": true},
                              {"name": "score", "value": 7.5}]}]}""");
        Rule r = BundleReader.strict().read(p).bundle().policies().get(0).rules().get(0);
        assertThat(r.action()).isEqualTo(Action.STOP);
        assertThat(r.params()).containsExactly(Map.entry("max_days_since_fix", "30"),
                Map.entry("fix_available", "true"), Map.entry("score", "7.5"));
    }

    @Test
    void aBarePolicyBecomesABundleWithOneMappingForEveryImage() throws Exception {
        Path p = write("policy.json", """
                {"id": "P", "name": "Mine", "version": "1_0", "rules": []}""");
        PolicyBundle b = BundleReader.strict().read(p).bundle();
        assertThat(b.policies()).extracting(Policy::id).containsExactly("P");
        assertThat(b.mappings()).singleElement().satisfies(m -> {
            assertThat(m.selector()).isEqualTo(ImageSelector.ANY);
            assertThat(m.policyIds()).containsExactly("P");
        });
    }

    @Test
    void policyAndWhitelistFilesCombineAndTheWhitelistAppliesToEveryImage() throws Exception {
        Path p1 = write("a.json", """
                {"id": "A", "version": "1_0", "rules": []}""");
        Path p2 = write("b.json", """
                {"id": "B", "version": "1_0", "rules": []}""");
        Path wl = write("wl.json", """
                {"id": "W", "version": "1_0", "items": [{"id": "i", "gate": "files", "trigger_id": "abc"}]}""");
        LoadedBundle loaded = BundleReader.strict().read(p1, wl, p2);
        assertThat(loaded.bundle().mappings().get(0).policyIds()).containsExactly("A", "B");
        assertThat(loaded.allowlists()).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo(wl.toString());
            assertThat(s.forImage(ImageName.parse("x")).items()).extracting(AllowlistItem::triggerId)
                    .containsExactly("abc");
        });
    }

    @Test
    void bothPolicyIdAndPolicyIdsInOneMappingIsAnErrorNamingTheMapping() throws Exception {
        Path p = write("bundle.json", """
                {"id": "B", "version": "1_0", "policies": [{"id": "P", "version": "1_0", "rules": []}],
                 "mappings": [{"id": "m1", "registry": "*", "repository": "*", "image": {"type": "tag", "value": "*"},
                               "policy_id": "P", "policy_ids": ["P"]}]}""");
        assertThatThrownBy(() -> BundleReader.lenient().read(p)).isInstanceOf(PolicyException.class)
                .hasMessageContaining(p.toString() + " mappings[0]")
                .hasMessageContaining("both policy_id and policy_ids");
    }

    @Test
    void aBadActionNamesFileRuleAndPathInStrictModeAndIsSkippedInLenientMode() throws Exception {
        Path p = write("bad.json", """
                {"id": "P", "version": "1_0", "rules": [
                  {"id": "ok", "gate": "files", "trigger": "suid_or_guid_set", "action": "STOP", "params": []},
                  {"id": "r2", "gate": "files", "trigger": "suid_or_guid_set", "action": "BLOCK", "params": []}]}""");
        assertThatThrownBy(() -> BundleReader.strict().read(p)).isInstanceOf(PolicyException.class)
                .hasMessageContaining(p + " rules[1].action")
                .hasMessageContaining("rule r2")
                .hasMessageContaining("'BLOCK' is not GO, WARN or STOP");

        LoadedBundle lenient = BundleReader.lenient().read(p);
        assertThat(lenient.bundle().policies().get(0).rules()).extracting(Rule::id).containsExactly("ok");
        assertThat(lenient.skipped()).singleElement().satisfies(s -> {
            assertThat(s.policyId()).isEqualTo("P");
            assertThat(s.ruleId()).isEqualTo("r2");
            assertThat(s.reason()).contains("BLOCK");
        });
        assertThat(lenient.warnings()).anyMatch(w -> w.contains("rule skipped"));
    }

    @Test
    void errorsInsideABundleNameTheJsonPath() throws Exception {
        Path p = write("bundle.json", """
                {"id": "B", "version": "1_0",
                 "policies": [{"id": "P", "version": "1_0", "rules": [
                    {"id": "a", "gate": "files", "trigger": "x", "action": "GO", "params": []},
                    {"id": "b", "gate": "files", "trigger": "x", "action": "GO", "params": []},
                    {"id": "c", "gate": "files", "trigger": "x", "action": "GO", "params": []},
                    {"id": "d", "gate": "files", "action": "GO", "params": []}]}],
                 "mappings": []}""");
        assertThatThrownBy(() -> BundleReader.strict().read(p))
                .hasMessage(p + " policies[0].rules[3]: 'trigger' is missing");
    }

    @Test
    void paramsMustBeNameValuePairs() throws Exception {
        Path p = write("p.json", """
                {"id": "P", "version": "1_0", "rules": [
                  {"id": "r", "gate": "g", "trigger": "t", "action": "GO", "params": [{"value": "x"}]}]}""");
        assertThatThrownBy(() -> BundleReader.strict().read(p))
                .hasMessage(p + " rules[0].params[0]: 'name' is missing");
        Path q = write("q.json", """
                {"id": "P", "version": "1_0", "rules": [
                  {"id": "r", "gate": "g", "trigger": "t", "action": "GO", "params": [{"name": "x", "value": {"a": 1}}]}]}""");
        assertThatThrownBy(() -> BundleReader.strict().read(q))
                .hasMessageStartingWith(q + " rules[0].params[0].value: a parameter value must be");
    }

    @Test
    void expiresOnIsRfc3339WithAZone() throws Exception {
        Path ok = write("wl.json", """
                {"id": "W", "version": "1_0", "items": [
                  {"id": "a", "gate": "vulnerabilities", "trigger_id": "CVE-1+x", "expires_on": "2019-12-30T12:00:00Z"},
                  {"id": "b", "gate": "vulnerabilities", "trigger_id": "CVE-2+x", "expires_on": "2019-12-30T12:00:00.5+02:00"},
                  {"id": "c", "gate": "vulnerabilities", "trigger_id": "CVE-3+x", "expires_on": "2019-12-30 12:00:00z"}]}""");
        List<AllowlistItem> items = BundleReader.strict().readAllowlists(List.of(ok)).get(0)
                .forImage(ImageName.parse("x")).items();
        assertThat(items).extracting(AllowlistItem::expiresOn).containsExactly(
                Optional.of(Instant.parse("2019-12-30T12:00:00Z")),
                Optional.of(Instant.parse("2019-12-30T10:00:00.5Z")),
                Optional.of(Instant.parse("2019-12-30T12:00:00Z")));

        Path bad = write("bad.json", """
                {"id": "W", "version": "1_0", "items": [
                  {"id": "a", "gate": "vulnerabilities", "trigger_id": "CVE-1+x", "expires_on": "2019-12-30"}]}""");
        assertThatThrownBy(() -> BundleReader.strict().readAllowlists(List.of(bad)))
                .hasMessageContaining(bad + " items[0].expires_on")
                .hasMessageContaining("not an RFC 3339 timestamp");
    }

    @Test
    void unreadableAndUnrecognisedFilesSaySoWithTheFileName() throws Exception {
        Path broken = write("broken.json", "{\"id\": \"P\", \"rules\": [");
        assertThatThrownBy(() -> BundleReader.strict().read(broken)).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(broken + ": not valid JSON at line");
        Path other = write("other.yaml", "name: something\nkind: Pod\n");
        assertThatThrownBy(() -> BundleReader.strict().read(other))
                .hasMessageContaining(other + ": not a policy bundle");
        Path empty = write("empty.yaml", "");
        assertThatThrownBy(() -> BundleReader.strict().read(empty)).isInstanceOf(PolicyException.class)
                .hasMessageContaining(empty.toString());
        assertThatThrownBy(() -> BundleReader.strict().read(dir.resolve("absent.json")))
                .hasMessageContaining("absent.json: cannot read");
    }

    @Test
    void twoBundlesCannotBeCombined() throws Exception {
        String body = """
                {"id": "%s", "version": "1_0", "policies": [], "mappings": []}""";
        Path a = write("a.json", body.formatted("A"));
        Path b = write("b.json", body.formatted("B"));
        assertThatThrownBy(() -> BundleReader.strict().read(a, b)).hasMessageContaining(b + ": a second bundle");
    }

    @Test
    void aBundleWithPoliciesButNoMappingsIsWarnedAbout() throws Exception {
        Path p = write("b.yaml", """
                policies: [{id: P, rules: []}]
                """);
        LoadedBundle loaded = BundleReader.strict().read(p);
        assertThat(loaded.bundle().id()).isEqualTo("b");
        assertThat(loaded.warnings()).singleElement().asString().contains("no mappings, so no image is evaluated");
    }

    @Test
    void whitelistsAloneAreNotAPolicy() throws Exception {
        Path wl = write("wl.json", """
                {"id": "W", "version": "1_0", "items": []}""");
        assertThatThrownBy(() -> BundleReader.strict().read(wl)).hasMessageContaining("no policy");
    }

    @Test
    void unknownFieldsAreWarnedAbout() throws Exception {
        Path p = write("p.yaml", """
                id: P
                rules:
                  - {gate: files, trigger: suid_or_guid_set, action: STOP, param: {a: b}}
                """);
        LoadedBundle loaded = BundleReader.strict().read(p);
        assertThat(loaded.warnings()).containsExactly(p + " rules[0]: unknown field 'param' is ignored");
    }

    @Test
    void anUnsupportedVersionIsAnErrorInStrictMode() throws Exception {
        Path p = write("p.json", """
                {"id": "P", "version": "3", "rules": []}""");
        assertThatThrownBy(() -> BundleReader.strict().read(p)).hasMessage(p + " version: version '3' is not"
                + " Anchore's 1_0 (or 2)");
        assertThat(BundleReader.lenient().read(p).warnings()).hasSize(1);
    }

    @Test
    void clairScannerWhitelistInItsDocumentedFormat() throws Exception {
        Path clair = resource("clair-whitelist.yaml");
        List<AllowlistSource> sources = BundleReader.strict().readAllowlists(List.of(clair));
        assertThat(sources).singleElement().isInstanceOf(ClairWhitelist.class);
        ClairWhitelist wl = (ClairWhitelist) sources.get(0);
        assertThat(wl.general()).containsExactly(Map.entry("CVE-2017-6055", "XML"),
                Map.entry("CVE-2017-5586", "OpenText"));

        Allowlist forUbuntu = wl.forImage(ImageName.parse("ubuntu:16.04"));
        assertThat(forUbuntu.items()).extracting(AllowlistItem::gate).containsOnly("vulnerabilities");
        assertThat(forUbuntu.items()).extracting(AllowlistItem::triggerId)
                .containsExactly("CVE-2017-6055+*", "CVE-2017-5586+*", "CVE-2017-5230+*");
        assertThat(wl.forImage(ImageName.parse("docker.io/library/alpine:3.19")).items())
                .extracting(AllowlistItem::triggerId).containsExactly("CVE-2017-6055+*", "CVE-2017-5586+*",
                        "CVE-2017-3261+*");
        assertThat(wl.forImage(ImageName.parse("quay.io/acme/ubuntu:1")).items()).hasSize(2);
    }

    @Test
    void clairScannerWhitelistToleratesItsExamplesDuplicateKey() throws Exception {
        // clair-scanner's own example repeats a key under one image; the last one wins, as Go's yaml.v2 does.
        Path p = write("wl.yaml", """
                generalwhitelist:
                  CVE-2017-6055: XML
                images:
                  ubuntu:
                    CVE-2017-5230: Java
                    CVE-2017-5230: XSX
                """);
        ClairWhitelist wl = (ClairWhitelist) BundleReader.strict().readAllowlists(List.of(p)).get(0);
        assertThat(wl.images().get("ubuntu")).containsExactly(Map.entry("CVE-2017-5230", "XSX"));
    }

    @Test
    void aClairWhitelistCombinesWithAPolicy() throws Exception {
        Path p = write("p.json", """
                {"id": "P", "version": "1_0", "rules": []}""");
        LoadedBundle loaded = BundleReader.strict().read(p, resource("clair-whitelist.yaml"));
        assertThat(loaded.allowlists()).singleElement().isInstanceOf(ClairWhitelist.class);
    }

    @Test
    void aPolicyWhereAWhitelistIsExpectedIsRefused() throws Exception {
        Path p = write("p.json", """
                {"id": "P", "version": "1_0", "rules": []}""");
        assertThatThrownBy(() -> BundleReader.strict().readAllowlists(List.of(p)))
                .hasMessageContaining("expected a whitelist");
    }
}
