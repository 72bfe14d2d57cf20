package io.plimsoll.report.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.policy.Action;
import io.plimsoll.policy.eval.EvaluatedHit;
import io.plimsoll.policy.eval.Evaluation;
import io.plimsoll.report.text.Tables;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Renders a policy evaluation: the final action and why, then every trigger hit with its rule and allowlisting. */
public final class PolicyView {

    private PolicyView() {
    }

    public static void table(PolicyResult o, PrintWriter out) {
        List<String> warnings = o.warnings();
        Evaluation e = o.evaluation();
        out.println();
        out.println("Policy           " + o.bundle().bundle().name() + e.mapping().map(m -> " (mapping: " + m.name() + ")")
                .orElse("") + " for " + e.image());
        out.println("Result           " + o.finalAction() + "  (" + e.reason() + ")");
        long stops = e.hits().stream().filter(h -> h.effectiveAction() == Action.STOP).count();
        long warns = e.hits().stream().filter(h -> h.effectiveAction() == Action.WARN).count();
        long allowed = e.hits().stream().filter(EvaluatedHit::allowlisted).count();
        out.println("Hits             " + e.hits().size() + " (" + stops + " stop, " + warns + " warn, " + allowed
                + " allowlisted" + (o.inBaseline().isEmpty() ? "" : ", " + o.inBaseline().size() + " in baseline") + ")");
        if (!e.hits().isEmpty()) {
            out.println();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ACTION", "GATE", "TRIGGER", "TRIGGER ID", "RULE", "CHECK OUTPUT"});
            List<EvaluatedHit> ordered = new ArrayList<>(e.hits());
            ordered.sort((a, b) -> b.effectiveAction().compareTo(a.effectiveAction()));
            for (EvaluatedHit h : ordered) {
                String action = h.allowlisted() ? "GO (allowlisted " + h.allowlistedBy().get().id() + ")"
                        : o.inBaseline(h)
                        ? h.effectiveAction() + " (baseline)" : h.effectiveAction().name();
                rows.add(new String[] {action, h.gate(), h.trigger(), truncate(PolicyResult.triggerIdWithAliases(h), 64),
                    h.policyId() + "/" + h.ruleId(), truncate(h.message(), 90)});
            }
            Tables.print(out, rows, "  ");
        }
        e.notes().forEach(n -> out.println("NOTE: " + n));
        warnings.forEach(w -> out.println("WARNING: " + w));
    }

    public static void json(PolicyResult o, ObjectNode node) {
        List<String> warnings = o.warnings();
        Evaluation e = o.evaluation();
        node.put("bundle", o.bundle().bundle().id());
        node.put("bundleName", o.bundle().bundle().name());
        node.put("image", e.image().toString());
        node.put("mapping", e.mapping().map(m -> m.id()).orElse(null));
        node.put("finalAction", o.finalAction().name());
        node.put("policyAction", e.policyAction().name());
        node.put("reason", e.reason());
        ArrayNode hits = node.putArray("hits");
        for (EvaluatedHit h : e.hits()) {
            ObjectNode x = hits.addObject();
            x.put("policyId", h.policyId());
            x.put("ruleId", h.ruleId());
            x.put("gate", h.gate());
            x.put("trigger", h.trigger());
            x.put("triggerId", h.triggerId());
            h.aliases().forEach(x.putArray("aliases")::add);
            x.put("checkOutput", h.message());
            // where a script or an editor should point: the same fields a finding has
            h.location().ifPresent(l -> {
                x.put("path", l.path());
                if (l.line() > 0) {
                    x.put("line", l.line());
                }
                if (l.layer() >= 0) {
                    x.put("layer", l.layer());
                }
            });
            x.put("action", h.action().name());
            x.put("effectiveAction", h.effectiveAction().name());
            x.put("allowlistedBy", h.allowlistedBy().map(a -> a.id()).orElse(null));
            x.put("inBaseline", o.inBaseline(h));
        }
        ArrayNode skipped = node.putArray("skippedRules");
        e.skipped().forEach(s -> skipped.addObject().put("policyId", s.policyId()).put("ruleId", s.ruleId())
                .put("reason", s.reason()));
        ArrayNode notes = node.putArray("notes");
        e.notes().forEach(notes::add);
        ArrayNode w = node.putArray("warnings");
        warnings.forEach(w::add);
    }

    private static String truncate(String s, int n) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= n ? one : one.substring(0, n - 1) + "…";
    }
}
