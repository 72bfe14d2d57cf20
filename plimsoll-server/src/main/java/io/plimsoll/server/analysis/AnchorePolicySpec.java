package io.plimsoll.server.analysis;

import io.plimsoll.policy.gate.Gate;
import io.plimsoll.policy.gate.Gates;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anchore's {@code GET /v1/system/policy_spec} body (a list of {@code GateSpec}), built from the gates the evaluator
 * has, so {@code anchore-cli policy describe} lists exactly what a bundle may name here and nothing Plimsoll lacks.
 */
final class AnchorePolicySpec {

    private AnchorePolicySpec() {
    }

    static List<Object> gates() {
        List<Object> out = new ArrayList<>();
        for (Gate gate : Gates.all()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("name", gate.name());
            g.put("description", gate.description());
            g.put("state", "active");
            List<Object> triggers = new ArrayList<>();
            for (Trigger trigger : gate.triggers()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("name", trigger.name());
                t.put("description", trigger.description());
                t.put("state", "active");
                t.put("parameters", trigger.params().stream().map(AnchorePolicySpec::param).toList());
                triggers.add(t);
            }
            g.put("triggers", triggers);
            out.add(g);
        }
        return out;
    }

    private static Map<String, Object> param(Param p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("description", p.description());
        m.put("required", p.required());
        m.put("state", "active");
        // the client shows "example"; for a closed set the accepted values are the most useful example
        if (!p.allowed().isEmpty()) {
            m.put("example", String.join(", ", p.allowed()));
        }
        m.put("validator", validator(p));
        return m;
    }

    /** A JSON schema for the value, as Anchore gives one (values are strings in a bundle). */
    private static Map<String, Object> validator(Param p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("type", "string");
        switch (p.type()) {
            case ENUM -> v.put("enum", p.allowed());
            case INTEGER -> v.put("pattern", "^-?[0-9]+$");
            case BOOLEAN -> v.put("pattern", "^(?i)(true|false)$");
            default -> {
            }
        }
        return v;
    }
}
