package io.plimsoll.policy.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.testing.SharedCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the real Anchore policies under ../shared: its gate and trigger exist, each parameter is declared,
 * its value is of the declared type, and the trigger finds nothing else wrong. (The real bundle reader and validator
 * are elsewhere; this checks the declarations the gates make.)
 */
class SharedPoliciesParamsTest {

    /** Gates another part of the policy module provides. */
    static final Set<String> ELSEWHERE = Set.of("secret_scans");

    @Test
    void everyRuleOfTheRealPoliciesIsAccepted() throws Exception {
        Path root = SharedCorpus.require("policies/anchore");
        ObjectMapper json = new ObjectMapper();
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.list(root.resolve("policies")), Files.list(root.resolve("bundles")))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        int rules = 0;
        for (Path f : files) {
            JsonNode doc = json.readTree(f.toFile());
            List<JsonNode> policies = new ArrayList<>();
            if (doc.has("rules")) {
                policies.add(doc);
            }
            doc.path("policies").forEach(policies::add);
            for (JsonNode policy : policies) {
                for (JsonNode rule : policy.path("rules")) {
                    rules++;
                    String where = f.getFileName() + " rule " + rule.path("id").asText();
                    String gate = rule.path("gate").asText();
                    String trigger = rule.path("trigger").asText();
                    used.add(gate + "/" + trigger);
                    if (ELSEWHERE.contains(gate)) {
                        continue;
                    }
                    var t = Gates.byName(gate).flatMap(g -> g.trigger(trigger));
                    if (t.isEmpty()) {
                        problems.add(where + ": no trigger " + gate + "/" + trigger);
                        continue;
                    }
                    Map<String, String> values = new LinkedHashMap<>();
                    rule.path("params").forEach(p -> values.put(p.path("name").asText(), p.path("value").asText()));
                    for (Map.Entry<String, String> e : values.entrySet()) {
                        var param = t.get().params().stream().filter(p -> p.name().equals(e.getKey())).findFirst();
                        if (param.isEmpty()) {
                            problems.add(where + ": " + gate + "/" + trigger + " has no parameter " + e.getKey());
                        } else if (!accepts(param.get(), e.getValue())) {
                            problems.add(where + ": " + e.getKey() + " does not accept '" + e.getValue() + "'");
                        }
                    }
                    t.get().params().stream().filter(Param::required).filter(p -> !values.containsKey(p.name()))
                            .forEach(p -> problems.add(where + ": required " + p.name() + " missing"));
                    t.get().validate(new TriggerParams(values)).forEach(p -> problems.add(where + ": " + p));
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(rules).isEqualTo(52); // counted independently (python, json module)
        // The gates and triggers the MANIFEST lists as used by these files are all here.
        assertThat(used).contains("dockerfile/instruction", "dockerfile/effective_user", "dockerfile/exposed_ports",
                "files/attribute_match", "files/suid_or_guid_set", "metadata/attribute",
                "passwd_file/blacklist_userids", "passwd_file/blacklist_usernames", "vulnerabilities/package",
                "vulnerabilities/stale_feed_data", "vulnerabilities/vulnerability_data_unavailable");
    }

    /** The value check a validator makes for each {@link ParamType}. */
    static boolean accepts(Param p, String v) {
        String s = v.trim();
        return switch (p.type()) {
            case STRING -> true;
            case INTEGER -> s.matches("-?\\d+");
            case NUMBER -> s.matches("-?\\d+(\\.\\d+)?");
            case BOOLEAN -> s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false");
            case ENUM -> p.allowed().contains(s);
            case CSV -> p.allowed().isEmpty() || Stream.of(s.split(",")).map(String::trim)
                    .allMatch(p.allowed()::contains);
            case REGEX -> {
                try {
                    Pattern.compile(s);
                    yield true;
                } catch (RuntimeException e) {
                    yield false;
                }
            }
            case MODE -> {
                try {
                    TriggerParams.parseMode(s.toLowerCase(Locale.ROOT));
                    yield true;
                } catch (NumberFormatException e) {
                    yield false;
                }
            }
        };
    }

    @Test
    void theAcceptanceCheckCanRejectValues() {
        Trigger t = GateFixtures.trigger("dockerfile", "instruction");
        Param instruction = t.params().get(0);
        assertThat(accepts(instruction, "RUN")).isTrue();
        assertThat(accepts(instruction, "run")).isFalse();
        Param mode = GateFixtures.trigger("files", "attribute_match").params().stream()
                .filter(p -> p.name().equals("mode")).findFirst().orElseThrow();
        assertThat(accepts(mode, "0o104111")).isTrue();
        assertThat(accepts(mode, "0o9")).isFalse();
    }
}
