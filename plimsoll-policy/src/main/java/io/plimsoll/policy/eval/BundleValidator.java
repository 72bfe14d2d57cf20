package io.plimsoll.policy.eval;

import io.plimsoll.policy.LoadedBundle;
import io.plimsoll.policy.Mapping;
import io.plimsoll.policy.Policy;
import io.plimsoll.policy.PolicyBundle;
import io.plimsoll.policy.PolicyException;
import io.plimsoll.policy.Rule;
import io.plimsoll.policy.gate.Gate;
import io.plimsoll.policy.gate.Gates;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.ParamType;
import io.plimsoll.policy.gate.Trigger;
import io.plimsoll.policy.gate.TriggerParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import com.google.re2j.PatternSyntaxException;
import io.plimsoll.policy.gate.common.Regexes;
import java.util.stream.Collectors;

/**
 * Checks every rule of a bundle against the gates: the gate and trigger exist, every required parameter is given,
 * no parameter is unknown, each value suits its type (and allowed values), and mappings name policies the bundle
 * has. Names are matched case-insensitively, as Anchore does, and rewritten to the gate's spelling.
 * Strict: the first problem is a {@link PolicyException} naming the policy and rule. Lenient: the rule is skipped
 * and reported.
 */
public final class BundleValidator {

    private final Map<String, Gate> gates = new LinkedHashMap<>();

    public BundleValidator() {
        this(Gates.all());
    }

    public BundleValidator(List<Gate> gates) {
        gates.forEach(g -> this.gates.put(g.name().toLowerCase(Locale.ROOT), g));
    }

    public ValidatedBundle validate(LoadedBundle loaded, boolean lenient) throws PolicyException {
        ValidatedBundle v = validate(loaded.bundle(), lenient);
        List<SkippedRule> skipped = new ArrayList<>(loaded.skipped());
        skipped.addAll(v.skipped());
        List<String> warnings = new ArrayList<>(loaded.warnings());
        warnings.addAll(v.warnings());
        return new ValidatedBundle(v.bundle(), loaded.allowlists(), skipped, warnings);
    }

    public ValidatedBundle validate(PolicyBundle bundle, boolean lenient) throws PolicyException {
        List<SkippedRule> skipped = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        for (Policy p : bundle.policies()) {
            List<Rule> rules = new ArrayList<>();
            for (Rule r : p.rules()) {
                try {
                    rules.add(check(r));
                } catch (Problem e) {
                    if (!lenient) {
                        throw new PolicyException("policy " + p.id() + " rule " + r.id(), e.getMessage());
                    }
                    skipped.add(new SkippedRule(p.id(), r.id(), r.gate(), r.trigger(), e.getMessage()));
                    warnings.add("policy " + p.id() + " rule " + r.id() + ": " + e.getMessage() + " (rule skipped)");
                }
            }
            policies.add(new Policy(p.id(), p.name(), p.version(), p.comment(), rules));
        }
        for (Mapping m : bundle.mappings()) {
            for (String id : m.policyIds()) {
                if (bundle.policy(id).isEmpty()) {
                    reference(bundle, m, "policy", id, lenient, warnings);
                }
            }
            for (String id : m.allowlistIds()) {
                if (bundle.allowlist(id).isEmpty()) {
                    reference(bundle, m, "whitelist", id, lenient, warnings);
                }
            }
        }
        PolicyBundle checked = new PolicyBundle(bundle.id(), bundle.name(), bundle.version(), bundle.comment(),
                policies, bundle.allowlists(), bundle.mappings(), bundle.trustedImages(), bundle.deniedImages());
        return new ValidatedBundle(checked, List.of(), skipped, warnings);
    }

    private static void reference(PolicyBundle b, Mapping m, String what, String id, boolean lenient,
                                  List<String> warnings) throws PolicyException {
        String subject = "bundle " + b.id() + " mapping " + m.id();
        String reason = "names " + what + " '" + id + "', which the bundle does not contain";
        if (!lenient) {
            throw new PolicyException(subject, reason);
        }
        warnings.add(subject + ": " + reason);
    }

    /** The rule spelled as the gate declares it, or a Problem saying what is wrong. */
    Rule check(Rule rule) throws Problem {
        Gate gate = gates.get(rule.gate().toLowerCase(Locale.ROOT));
        if (gate == null) {
            throw new Problem("unknown gate '" + rule.gate() + "'; known gates: " + String.join(", ", gates.keySet()));
        }
        Trigger trigger = gate.triggers().stream().filter(t -> t.name().equalsIgnoreCase(rule.trigger()))
                .findFirst().orElseThrow(() -> new Problem("gate " + gate.name() + " has no trigger '"
                        + rule.trigger() + "'; its triggers: " + gate.triggers().stream().map(Trigger::name)
                        .collect(Collectors.joining(", "))));
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> given : rule.params().entrySet()) {
            Param declared = trigger.params().stream().filter(p -> p.name().equalsIgnoreCase(given.getKey()))
                    .findFirst().orElseThrow(() -> new Problem(gate.name() + "/" + trigger.name()
                            + " has no parameter '" + given.getKey() + "'; it takes: " + (trigger.params().isEmpty()
                            ? "none" : trigger.params().stream().map(Param::name).collect(Collectors.joining(", ")))));
            params.put(declared.name(), value(gate, trigger, declared, given.getValue()));
        }
        for (Param p : trigger.params()) {
            if (p.required() && Optional.ofNullable(params.get(p.name())).map(String::isBlank).orElse(true)) {
                throw new Problem(gate.name() + "/" + trigger.name() + " requires parameter '" + p.name() + "'");
            }
        }
        // checks across parameters (a 'like' check needs a value, ports must be numbers, ...)
        List<String> problems = trigger.validate(new io.plimsoll.policy.gate.TriggerParams(params));
        if (!problems.isEmpty()) {
            throw new Problem(gate.name() + "/" + trigger.name() + ": " + String.join("; ", problems));
        }
        return new Rule(rule.id(), gate.name(), trigger.name(), rule.action(), params, rule.comment());
    }

    /** The value checked against its type, canonical spelling for enum values. */
    private static String value(Gate gate, Trigger trigger, Param p, String raw) throws Problem {
        String v = raw == null ? "" : raw.strip();
        if (v.isEmpty()) {
            return v; // blank optional values mean "not given"; required ones are caught by the caller
        }
        String where = gate.name() + "/" + trigger.name() + " parameter '" + p.name() + "': ";
        try {
            switch (p.type()) {
                case INTEGER -> Long.parseLong(v);
                case NUMBER -> {
                    if (!Double.isFinite(Double.parseDouble(v))) {
                        throw new NumberFormatException();
                    }
                }
                case BOOLEAN -> {
                    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        throw new Problem(where + "'" + raw + "' is not true or false");
                    }
                    return v.toLowerCase(Locale.ROOT);
                }
                case ENUM -> {
                    return allowed(p, v, where);
                }
                case CSV -> {
                    if (p.allowed().isEmpty()) {
                        return v;
                    }
                    List<String> items = new ArrayList<>();
                    for (String item : v.split(",")) {
                        if (!item.isBlank()) {
                            items.add(allowed(p, item.strip(), where));
                        }
                    }
                    return String.join(",", items);
                }
                case REGEX -> Regexes.compile(v);
                case MODE -> TriggerParams.parseMode(v);
                case STRING -> {
                }
                default -> throw new IllegalStateException(p.type().name());
            }
        } catch (NumberFormatException e) {
            throw new Problem(where + "'" + raw + "' is not " + (p.type() == ParamType.MODE
                    ? "an octal file mode (e.g. 0o4755)" : p.type() == ParamType.INTEGER ? "a whole number"
                    : "a number"));
        } catch (PatternSyntaxException e) {
            throw new Problem(where + "'" + raw + "' is " + Regexes.reason(e, v));
        }
        return v;
    }

    private static String allowed(Param p, String v, String where) throws Problem {
        return p.allowed().stream().filter(a -> a.equalsIgnoreCase(v)).findFirst()
                .orElseThrow(() -> new Problem(where + "'" + v + "' is not one of " + String.join(", ",
                        p.allowed())));
    }

    /** A rule problem: becomes a PolicyException (strict) or a skipped rule (lenient). */
    static final class Problem extends Exception {
        Problem(String message) {
            super(message, null, false, false);
        }
    }
}
