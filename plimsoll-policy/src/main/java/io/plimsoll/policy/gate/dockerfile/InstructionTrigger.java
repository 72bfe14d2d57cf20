package io.plimsoll.policy.gate.dockerfile;

import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.ImageContext.Instruction;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.ParamType;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import io.plimsoll.policy.gate.common.Regexes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code instruction}: fires for each instruction of the named kind whose arguments meet the check, or once when
 * {@code check} is {@code not_exists} and there is none. {@code like} applies the regex as Python's
 * {@code re.match} does (anchored at the start only), as Anchore does, so policies written for it keep their meaning.
 */
final class InstructionTrigger extends BaseTrigger {

    static final List<String> CHECKS = List.of("=", "!=", "exists", "not_exists", "like", "not_like", "in",
            "not_in");
    private static final List<String> NEED_VALUE = List.of("=", "!=", "like", "not_like", "in", "not_in");

    InstructionTrigger() {
        super("instruction", "Triggers if any directives in the list are found to match the described condition in "
                + "the dockerfile.", List.of(
                Param.oneOf("instruction", true, Directives.ALL, "The Dockerfile instruction to check."),
                Param.oneOf("check", true, CHECKS, "The type of check to perform."),
                Param.optional("value", ParamType.STRING, "The value to check the dockerfile instruction against "
                        + "(a regular expression for like/not_like, a comma-separated list for in/not_in)."),
                DockerfileGate.ACTUAL_ONLY));
    }

    @Override
    public List<String> validate(TriggerParams params) {
        List<String> problems = new ArrayList<>();
        String check = params.string("check").orElse("");
        if (NEED_VALUE.contains(check) && params.string("value").isEmpty()) {
            problems.add("value: required when check is '" + check + "'");
        }
        if ((check.equals("like") || check.equals("not_like")) && params.string("value").isPresent()) {
            Regexes.problem("value", params.string("value").get()).ifPresent(problems::add);
        }
        return problems;
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        DockerfileView view = DockerfileView.of(image);
        if (params.bool("actual_dockerfile_only").orElse(false) && !view.actual()) {
            return List.of();
        }
        String directive = params.string("instruction").orElse("");
        String check = params.string("check").orElse("");
        String value = params.values().get("value");
        if (NEED_VALUE.contains(check) && (value == null || value.isEmpty())) {
            return List.of();
        }
        Map<String, TriggerHit> hits = new LinkedHashMap<>();
        List<Instruction> lines = view.withKeyword(directive);
        for (Instruction line : lines) {
            String arg = line.arguments().strip();
            if (holds(check, arg, value)) {
                add(hits, "Dockerfile directive '" + directive + "' check '" + check + "' matched against '"
                        + (value == null ? "" : value) + "' for line '" + arg + "'");
            }
        }
        if (check.equals("not_exists") && lines.isEmpty()) {
            add(hits, "Dockerfile directive '" + directive + "' not found, matching condition '" + check + "' check");
        }
        return List.copyOf(hits.values());
    }

    static boolean holds(String check, String arg, String value) {
        return switch (check) {
            case "=" -> arg.equals(value);
            case "!=" -> !arg.equals(value);
            case "exists" -> true;
            case "like" -> Regexes.matchesAtStart(value, arg);
            case "not_like" -> !Regexes.matchesAtStart(value, arg);
            case "in" -> items(value).contains(arg);
            case "not_in" -> !items(value).contains(arg);
            default -> false; // not_exists: only the absence of the instruction fires
        };
    }

    private static List<String> items(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).toList();
    }

    private void add(Map<String, TriggerHit> hits, String message) {
        TriggerHit h = LegacyTriggerId.hit(DockerfileGate.NAME, name(), message);
        hits.putIfAbsent(h.triggerId(), h);
    }
}
