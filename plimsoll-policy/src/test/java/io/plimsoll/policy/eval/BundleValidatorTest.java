package io.plimsoll.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.policy.Action;
import io.plimsoll.policy.BundleReader;
import io.plimsoll.policy.ImageSelector;
import io.plimsoll.policy.Mapping;
import io.plimsoll.policy.Policy;
import io.plimsoll.policy.PolicyBundle;
import io.plimsoll.policy.PolicyException;
import io.plimsoll.policy.Rule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BundleValidatorTest {

    private final BundleValidator validator = new BundleValidator(TestGates.all());

    private static PolicyBundle bundle(Rule... rules) {
        Policy p = new Policy("P", null, null, null, List.of(rules));
        return new PolicyBundle("B", null, null, null, List.of(p), List.of(),
                List.of(new Mapping("m", null, ImageSelector.ANY, List.of("P"), List.of())), List.of(), List.of());
    }

    private static Rule rule(String id, String gate, String trigger, String... params) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            m.put(params[i], params[i + 1]);
        }
        return new Rule(id, gate, trigger, Action.STOP, m, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown gate        | nope       | x                | -                  | -     | unknown gate 'nope'",
        "unknown trigger     | dockerfile | nope             | -                  | -     | gate dockerfile has no trigger 'nope'; its triggers: effective_user, exposed_ports, instruction",
        "unknown param       | files      | suid_or_guid_set | colour             | red   | files/suid_or_guid_set has no parameter 'colour'; it takes: hits",
        "missing required    | vulnerabilities | stale_feed_data | -             | -     | vulnerabilities/stale_feed_data requires parameter 'max_days'",
        "blank required      | vulnerabilities | stale_feed_data | max_days      | ' '   | requires parameter 'max_days'",
        "integer             | vulnerabilities | stale_feed_data | max_days      | 1.5   | parameter 'max_days': '1.5' is not a whole number",
        "number              | vulnerabilities | package     | score              | high  | parameter 'score': 'high' is not a number",
        "boolean             | vulnerabilities | package     | fix_available      | yes   | parameter 'fix_available': 'yes' is not true or false",
        "enum                | vulnerabilities | package     | severity           | huge  | 'huge' is not one of unknown, negligible, low, medium, high, critical",
        "mode                | files      | attribute_match  | mode               | 0o99  | parameter 'mode': '0o99' is not an octal file mode",
        "regex               | files      | content_regex_match | regex_name      | '(a'  | parameter 'regex_name': '(a' is not a valid regular expression",
    })
    void strictNamesPolicyRuleAndProblem(String what, String gate, String trigger, String param, String value,
                                         String expected) {
        Rule r = param.equals("-") ? rule("r9", gate, trigger)
                : gate.equals("files") && trigger.equals("attribute_match")
                ? rule("r9", gate, trigger, "filename", "/etc/passwd", param, value)
                : rule("r9", gate, trigger, param, value);
        assertThatThrownBy(() -> validator.validate(bundle(r), false)).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("policy P rule r9: ")
                .hasMessageContaining(expected);
    }

    @Test
    void lenientSkipsTheBadRulesReportsThemAndKeepsTheRest() throws Exception {
        Rule good = rule("good", "files", "suid_or_guid_set");
        Rule badGate = rule("bad1", "malware", "scans");
        Rule badParam = rule("bad2", "dockerfile", "effective_user", "users", "root", "type", "greylist");
        ValidatedBundle v = validator.validate(bundle(badGate, good, badParam), true);
        assertThat(v.bundle().policies().get(0).rules()).extracting(Rule::id).containsExactly("good");
        assertThat(v.skipped()).extracting(SkippedRule::ruleId).containsExactly("bad1", "bad2");
        assertThat(v.skipped().get(0).reason()).startsWith("unknown gate 'malware'");
        assertThat(v.skipped().get(1).gate()).isEqualTo("dockerfile");
        assertThat(v.warnings()).hasSize(2).allMatch(w -> w.endsWith("(rule skipped)"));
    }

    @Test
    void namesAreMatchedCaseInsensitivelyAndRewrittenAsTheGateSpellsThem() throws Exception {
        Rule r = rule("r", "DockerFile", "Effective_User", "USERS", "root", "Type", "BlackList");
        Rule checked = validator.validate(bundle(r), false).bundle().policies().get(0).rules().get(0);
        assertThat(checked.gate()).isEqualTo("dockerfile");
        assertThat(checked.trigger()).isEqualTo("effective_user");
        assertThat(checked.params()).containsExactly(Map.entry("users", "root"), Map.entry("type", "blacklist"));
    }

    @Test
    void goodValuesOfEveryTypePass() throws Exception {
        Rule r = rule("r", "vulnerabilities", "package", "severity", "High", "score", "7.5",
                "fix_available", "TRUE", "max_days_since_fix", "30", "severity_comparison", ">=");
        Rule m = rule("m", "files", "attribute_match", "filename", "/usr/bin/sudo", "mode", "0o104111",
                "mode_op", "equals", "skip_missing", "true");
        ValidatedBundle v = validator.validate(bundle(r, m), false);
        assertThat(v.skipped()).isEmpty();
        assertThat(v.bundle().policies().get(0).rules().get(0).params()).containsEntry("severity", "high")
                .containsEntry("fix_available", "true");
    }

    @Test
    void aMappingNamingAnAbsentPolicyIsAnError() {
        PolicyBundle b = new PolicyBundle("B", null, null, null, List.of(), List.of(),
                List.of(new Mapping("m1", null, ImageSelector.ANY, List.of("ghost"), List.of("nowl"))), List.of(),
                List.of());
        assertThatThrownBy(() -> validator.validate(b, false))
                .hasMessage("bundle B mapping m1: names policy 'ghost', which the bundle does not contain");
    }

    @Test
    void dodDockerfileChecksValidateAgainstAnchoresDockerfileParameters() throws Exception {
        var p = SharedCorpus.require("policies/anchore/policies/DoDDockerfileChecks.json");
        ValidatedBundle v = validator.validate(BundleReader.strict().read(p), false);
        assertThat(v.bundle().policies().get(0).rules()).hasSize(6);
        assertThat(v.skipped()).isEmpty();
    }
}
